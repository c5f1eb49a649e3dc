import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * The four AWS SDK v3 clients the deployer and its client use.
 *
 * @example
 * ```ts
 * import type { AwsClients } from '@step/deployer';
 *
 * const useS3 = (clients: AwsClients) => clients.s3;
 * ```
 */
export interface AwsClients {
  s3: S3Client;
  lambda: LambdaClient;
  sfn: SFNClient;
  sts: STSClient;
}

/**
 * Builds clients for a region and account, assuming `roleArn` (through STS) when given.
 *
 * @remarks
 * Injected everywhere so tests can hand in mocked clients, and so one deployer can serve several accounts.
 *
 * @example
 * ```ts
 * import type { AwsClientsFactory } from '@step/deployer';
 *
 * const factory: AwsClientsFactory = (region, account, roleArn) => { throw new Error('todo'); };
 * ```
 */
export type AwsClientsFactory = (region: string | undefined, account?: string, roleArn?: string) => AwsClients;

/**
 * Options of {@link createAwsClients}.
 *
 * @example
 * ```ts
 * import { createAwsClients } from '@step/deployer';
 *
 * const clients = createAwsClients({ endpoint: 'http://127.0.0.1:4566' });
 * ```
 */
export interface CreateAwsClientsOptions {
  /** Endpoint for every service (default: `AWS_ENDPOINT_URL`, which the SDK also honours); forces path-style S3. */
  endpoint?: string;
  /** Environment to read `AWS_ENDPOINT_URL` from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Session name used when assuming a role. */
  roleSessionName?: string;
  /** Named profile of the shared config and credentials files (default: `AWS_PROFILE` or `default`). */
  profile?: string;
}

/**
 * The default {@link AwsClientsFactory}: real SDK clients with the standard credential and region chain,
 * cached per region, account and role.
 *
 * @remarks
 * With a `roleArn`, credentials come from STS AssumeRole (made with the default credentials) and are refreshed
 * before they expire. `AWS_ENDPOINT_URL` (e.g. `step-cli local`) is honoured and switches S3 to path-style.
 *
 * @example
 * ```ts
 * import { createAwsClients } from '@step/deployer';
 *
 * const clients = createAwsClients()('us-east-1');
 * ```
 */
export function createAwsClients(options: CreateAwsClientsOptions = {}): AwsClientsFactory {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? (env.AWS_ENDPOINT_URL || undefined);
  const cache = new Map<string, AwsClients>();
  return (region, account, roleArn) => {
    const cacheKey = `${region ?? ''}|${account ?? ''}|${roleArn ?? ''}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const base = {
      ...(region ? { region } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    };
    const sts = new STSClient(base);
    const credentials = roleArn
      ? assumeRoleProvider(sts, roleArn, options.roleSessionName ?? 'step-deployer')
      : undefined;
    const config = { ...base, ...(credentials ? { credentials } : {}) };
    const clients: AwsClients = {
      s3: new S3Client({ ...config, ...(endpoint ? { forcePathStyle: true } : {}) }),
      lambda: new LambdaClient(config),
      sfn: new SFNClient(config),
      sts: credentials ? new STSClient(config) : sts,
    };
    cache.set(cacheKey, clients);
    return clients;
  };
}

interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

function assumeRoleProvider(sts: STSClient, roleArn: string, sessionName: string): () => Promise<TemporaryCredentials> {
  let current: TemporaryCredentials | undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - Date.now() > 60_000) return current;
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new Error(`AssumeRole of "${roleArn}" returned no credentials`);
    }
    current = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
    return current;
  };
}
