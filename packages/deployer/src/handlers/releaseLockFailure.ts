import { LockError } from '../errors.js';
import { releasePaths } from '../release.js';
import type { LocatedRelease } from '../release.js';
import { releaseS3Lock } from '../s3Lock.js';
import { describeError } from '../s3Util.js';
import type { DeployerContext } from './DeployerContext.js';
import { toLocatedRelease } from './lockRelease.js';

/**
 * The ReleaseLockFailure step: after a failure, release the root lock if this deploy holds it.
 *
 * @remarks
 * A missing lock or one held by another deploy leaves nothing to do. An S3 failure is a `LockError`, which the
 * state machine retries and, if it persists, routes to FailureDirty (keeping the original `error`). The release
 * lock is never released: a `release_id` deploys once.
 */
export async function releaseLockFailure(input: unknown, ctx: DeployerContext): Promise<LocatedRelease> {
  const release = toLocatedRelease(input);
  const key = releasePaths(release).rootLock;
  const { s3 } = await ctx.bucketClients(release);
  try {
    await releaseS3Lock(s3, release.bucket, key, release.uuid ?? '', release.root_lock_etag);
  } catch (e) {
    throw new LockError(
      `Could not release the root lock s3://${release.bucket}/${key} held by this deploy (${describeError(e)}); remove it with: aws s3 rm s3://${release.bucket}/${key}`,
      { cause: e },
    );
  }
  return release;
}
