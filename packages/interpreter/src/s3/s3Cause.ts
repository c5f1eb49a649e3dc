import { ObjectStoreError } from '../errors.js';

/**
 * The cause text of a failed object-store call, worded as AWS words an S3 service error.
 * @internal
 */
export function s3Cause(e: unknown): string {
  if (e instanceof ObjectStoreError)
    return `${e.message} (Service: S3, Status Code: ${e.status}, Error Code: ${e.code})`;
  return e instanceof Error ? e.message : String(e);
}
