import { GetObjectCommand } from '@aws-sdk/client-s3';
import { BadReleaseError, LockExistsError } from '../errors.js';
import { parseRelease, releasePaths } from '../release.js';
import type { LocatedRelease } from '../release.js';
import { acquireS3Lock } from '../s3Lock.js';
import type { LockBody } from '../s3Lock.js';
import { describeError, isNotFound, readBodyText } from '../s3Util.js';
import type { DeployerContext } from './DeployerContext.js';

/** @internal Re-read the release flowing between steps; it passed Validate, so identity fields exist. */
export function toLocatedRelease(input: unknown): LocatedRelease {
  const release = parseRelease(input);
  const missing = (
    ['aws_account_id', 'aws_region', 'release_id', 'project_name', 'config_name', 'bucket', 'uuid'] as const
  ).filter((k) => !release[k]);
  if (missing.length > 0) {
    throw new BadReleaseError(missing.map((k) => `"${k}" must be defined (did the release skip Validate?)`));
  }
  return release as LocatedRelease;
}

/**
 * The user lock a person writes to freeze deploys of a project/config.
 *
 * @example
 * ```ts
 * import type { UserLock } from '@step/deployer';
 *
 * const lock: UserLock = { user: 'alice', lock_reason: 'incident 42' };
 * ```
 */
export interface UserLock {
  user?: string;
  lock_reason?: string;
}

async function checkUserLock(ctx: DeployerContext, release: LocatedRelease): Promise<void> {
  const { s3 } = await ctx.bucketClients(release);
  const key = releasePaths(release).userLock;
  let text: string;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: release.bucket, Key: key }));
    text = await readBodyText(out.Body, 64 * 1024);
  } catch (e) {
    if (isNotFound(e)) return;
    throw new LockExistsError(
      `CheckUserLock error: could not read s3://${release.bucket}/${key}: ${describeError(e)}`,
      'user-lock',
      {
        cause: e,
      },
    );
  }
  let lock: UserLock = {};
  try {
    lock = JSON.parse(text === '' ? '{}' : text) as UserLock;
  } catch {
    lock = { lock_reason: `unreadable user lock: ${text.slice(0, 200)}` };
  }
  if (lock.user || lock.lock_reason) {
    throw new LockExistsError(
      `CheckUserLock error: Deploys locked by ${lock.user ?? 'unknown'} for reason: ${lock.lock_reason ?? 'none given'} (remove s3://${release.bucket}/${key} to allow deploys)`,
      'user-lock',
    );
  }
}

/**
 * The Lock step: check the user lock, then take the release lock (once per `release_id`, never released) and
 * the root lock (one deploy per project/config), each with an S3 conditional write.
 *
 * @remarks
 * A held lock is a {@link LockExistsError} (ends FailureClean); an S3 failure while writing a lock is a
 * `LockError` (the lock may exist, so ReleaseLockFailure runs).
 */
export async function lockRelease(input: unknown, ctx: DeployerContext): Promise<LocatedRelease> {
  const release = toLocatedRelease(input);
  await checkUserLock(ctx, release);
  const { s3 } = await ctx.bucketClients(release);
  const paths = releasePaths(release);
  const owner: LockBody = {
    uuid: release.uuid ?? '',
    release_id: release.release_id,
    locked_at: ctx.now().toISOString(),
  };

  const releaseLock = await acquireS3Lock(s3, release.bucket, paths.releaseLock, owner);
  if (!releaseLock.acquired) {
    throw new LockExistsError(
      `Release lock already exists at s3://${release.bucket}/${paths.releaseLock}: release ${release.release_id} was already deployed or is being deployed; a release_id deploys once, so build a new release`,
      'release-lock',
    );
  }
  const rootLock = await acquireS3Lock(s3, release.bucket, paths.rootLock, owner);
  if (!rootLock.acquired) {
    const holder = rootLock.holder;
    throw new LockExistsError(
      `S3 Lock Already Exists at ${release.bucket}:${paths.rootLock}, held by ${holder?.release_id ?? holder?.uuid ?? 'an unknown owner'}: another deploy of ${release.project_name}/${release.config_name} is running. If it is not, remove the lock with: aws s3 rm s3://${release.bucket}/${paths.rootLock}`,
      'root-lock',
    );
  }
  if (rootLock.etag) release.root_lock_etag = rootLock.etag;
  return release;
}
