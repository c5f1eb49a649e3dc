import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { LockError } from './errors.js';
import { describeError, isConditionFailed, isNotFound, readBodyText } from './s3Util.js';

/**
 * The body of a lock object: who holds it.
 */
export interface LockBody {
  uuid: string;
  release_id?: string;
  locked_at?: string;
}

/**
 * Outcome of {@link acquireS3Lock}.
 */
export type AcquireResult =
  { acquired: true; etag: string | undefined; body: LockBody } | { acquired: false; holder: LockBody | undefined };

/**
 * Outcome of {@link releaseS3Lock}.
 */
export type ReleaseResult = 'released' | 'absent' | 'held-by-other';

const LOCK_LIMIT = 64 * 1024;

async function readLock(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ body: LockBody | undefined; etag: string | undefined } | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = await readBodyText(out.Body, LOCK_LIMIT);
    let body: LockBody | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as LockBody).uuid === 'string') {
        body = parsed as LockBody;
      }
    } catch {
      body = undefined;
    }
    return { body, etag: out.ETag };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * Take an S3 lock atomically: PutObject with `If-None-Match: *`, so of any number of concurrent writers
 * exactly one wins.
 *
 * @remarks
 * A lost condition (412, or 409 for a concurrent conditional write) reads the lock: if it already holds our
 * `uuid` (a retried Lambda), the lock counts as ours; otherwise it is held by someone else. Any other S3
 * error, or a lock that cannot be read back, means the lock may or may not be ours and is thrown as {@link LockError}.
 */
export async function acquireS3Lock(
  s3: S3Client,
  bucket: string,
  key: string,
  owner: LockBody,
): Promise<AcquireResult> {
  try {
    const out = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: JSON.stringify(owner),
        ContentType: 'application/json',
        IfNoneMatch: '*',
      }),
    );
    return { acquired: true, etag: out.ETag, body: owner };
  } catch (e) {
    if (!isConditionFailed(e)) {
      throw new LockError(`Could not write the lock s3://${bucket}/${key} (it may exist now): ${describeError(e)}`, {
        cause: e,
      });
    }
  }
  let existing: Awaited<ReturnType<typeof readLock>>;
  try {
    existing = await readLock(s3, bucket, key);
  } catch (e) {
    // The lock exists but its owner is unknown: it may be ours (a retried task), so it is not "held by another".
    throw new LockError(
      `The lock s3://${bucket}/${key} exists but could not be read to learn its owner: ${describeError(e)}`,
      { cause: e },
    );
  }
  if (existing?.body?.uuid === owner.uuid) {
    return { acquired: true, etag: existing.etag, body: existing.body };
  }
  return { acquired: false, holder: existing?.body };
}

/**
 * Release an S3 lock only if its owner holds it: DeleteObject with `If-Match` on the owner's ETag, so a lock that
 * changed hands is never deleted.
 *
 * @remarks
 * With the `etag` the owner got when it wrote the lock, that is one conditional delete. Without it (the write's
 * answer was lost), the lock is read first and deleted, with `If-Match` on the ETag read, only if it holds `uuid`.
 * A missing lock is `'absent'` (nothing to do); a lock held by another uuid is `'held-by-other'` and left in
 * place. S3 errors are thrown as {@link LockError}.
 */
export async function releaseS3Lock(
  s3: S3Client,
  bucket: string,
  key: string,
  uuid: string,
  etag?: string,
): Promise<ReleaseResult> {
  if (etag) return deleteIfMatch(s3, bucket, key, etag);
  let existing: Awaited<ReturnType<typeof readLock>>;
  try {
    existing = await readLock(s3, bucket, key);
  } catch (e) {
    throw new LockError(`Could not read the lock s3://${bucket}/${key}: ${describeError(e)}`, { cause: e });
  }
  if (!existing) return 'absent';
  if (existing.body?.uuid !== uuid) return 'held-by-other';
  if (!existing.etag)
    throw new LockError(`S3 returned no ETag for the lock s3://${bucket}/${key}; it cannot be released safely`);
  return deleteIfMatch(s3, bucket, key, existing.etag);
}

async function deleteIfMatch(s3: S3Client, bucket: string, key: string, etag: string): Promise<ReleaseResult> {
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag }));
    return 'released';
  } catch (e) {
    if (isNotFound(e)) return 'absent';
    if (isConditionFailed(e)) return 'held-by-other';
    throw new LockError(`Could not delete the lock s3://${bucket}/${key}: ${describeError(e)}`, { cause: e });
  }
}
