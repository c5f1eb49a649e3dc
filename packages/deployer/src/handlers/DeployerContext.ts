import type { AwsClients, AwsClientsFactory } from '../awsClients.js';
import { partitionOf } from '../release.js';
import type { LocatedRelease } from '../release.js';

/**
 * What the deployer's handlers need from the outside world: AWS clients, its own identity, a clock.
 *
 * @example
 * ```ts
 * import { createAwsClients } from '@step/deployer';
 * import type { DeployerOptions } from '@step/deployer';
 *
 * const options: DeployerOptions = { clients: createAwsClients(), region: 'us-east-1', accountId: '123456789012' };
 * ```
 */
export interface DeployerOptions {
  /** Builds SDK clients per region/account/role. */
  clients: AwsClientsFactory;
  /** The deployer's own region (default for releases without `aws_region`). */
  region: string;
  /** The deployer's own account, or a function resolving it (e.g. STS GetCallerIdentity). */
  accountId: string | (() => Promise<string>);
  /** Default release bucket is `<bucketPrefix><deployer account>` (default `step-deployer-`). */
  bucketPrefix?: string;
  /** Role assumed in a release's account when it is not the deployer's (default `step-deployer-assumed`). */
  assumeRoleName?: string;
  /** Current time (default `() => new Date()`). */
  now?: () => Date;
  /** New lock-owner id (default `release-<timestamp>-<random>`). */
  newUuid?: () => string;
  /** Attempts for a rollback or a post-deploy unlock before giving up (default 3). */
  cleanupAttempts?: number;
  /** Waits between polls of the function's update status (default: real timers). */
  sleep?: (ms: number) => Promise<void>;
  /** Polls of the function's `LastUpdateStatus` before giving up (default 120, one a second). */
  updatePolls?: number;
}

/** @internal The resolved context the step functions use. */
export interface DeployerContext {
  region: string;
  accountId(): Promise<string>;
  bucketPrefix: string;
  assumeRoleName: string;
  now(): Date;
  newUuid(): string;
  cleanupAttempts: number;
  sleep(ms: number): Promise<void>;
  updatePolls: number;
  /** Clients for the release bucket (the deployer's own account). */
  bucketClients(release: Pick<LocatedRelease, 'aws_region'>): Promise<AwsClients>;
  /** Clients for the release's resources, assuming a role when the account is not the deployer's. */
  targetClients(release: Pick<LocatedRelease, 'aws_region' | 'aws_account_id'>): Promise<AwsClients>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** @internal Generate `release-<UTC timestamp>-<7 random letters>`, as the original did. */
export function timeUuid(prefix: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  let suffix = '';
  for (let i = 0; i < 7; i++) suffix += LETTERS[Math.floor(Math.random() * LETTERS.length)];
  return `${prefix}${stamp}-${suffix}`;
}

/** @internal */
export function resolveContext(options: DeployerOptions): DeployerContext {
  let account: Promise<string> | undefined;
  const accountId = (): Promise<string> => {
    // A failed lookup is not kept: a warm Lambda asks again on its next invocation.
    account ??= (
      typeof options.accountId === 'string' ? Promise.resolve(options.accountId) : options.accountId()
    ).catch((e: unknown) => {
      account = undefined;
      throw e;
    });
    return account;
  };
  const assumeRoleName = options.assumeRoleName ?? 'step-deployer-assumed';
  const now = options.now ?? (() => new Date());
  return {
    region: options.region,
    accountId,
    bucketPrefix: options.bucketPrefix ?? 'step-deployer-',
    assumeRoleName,
    now,
    newUuid: options.newUuid ?? (() => timeUuid('release-', now())),
    cleanupAttempts: options.cleanupAttempts ?? 3,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    updatePolls: options.updatePolls ?? 120,
    async bucketClients(release) {
      return options.clients(release.aws_region, await accountId());
    },
    async targetClients(release) {
      const own = await accountId();
      if (release.aws_account_id === own) return options.clients(release.aws_region, own);
      const roleArn = `arn:${partitionOf(release.aws_region)}:iam::${release.aws_account_id}:role/${assumeRoleName}`;
      return options.clients(release.aws_region, release.aws_account_id, roleArn);
    },
  };
}
