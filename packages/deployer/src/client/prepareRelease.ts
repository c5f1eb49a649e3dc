import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ListTagsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { assertValid, expandTaskFn } from '@step/asl';
import type { AwsClients, AwsClientsFactory } from '../awsClients.js';
import { createAwsClients } from '../awsClients.js';
import { DeployClientError } from '../errors.js';
import { timeUuid } from '../handlers/DeployerContext.js';
import { lambdaArn, stateMachineArn } from '../release.js';
import type { Release } from '../release.js';
import { describeError } from '../s3Util.js';

/**
 * What to release: the function, the state machine, the code and where they live.
 *
 * @example
 * ```ts
 * import type { ReleaseSourceOptions } from '@step/deployer';
 *
 * const source: ReleaseSourceOptions = { lambda: 'hello', step: 'hello', states: 'hello.asl.json', zip: 'lambda.zip' };
 * ```
 */
export interface ReleaseSourceOptions {
  /** Lambda function name or ARN. */
  lambda: string;
  /** State machine name or ARN. */
  step: string;
  /** The definition: JSON text or a path to a JSON file (`{{aws_region}}`, `{{aws_account}}`, `{{lambda_name}}` are filled in). */
  states?: string;
  /** Or a module exporting `machine` (a `StepMachine` from @step/lambda). */
  module?: string;
  /** Path of the Lambda zip (default `lambda.zip`). */
  zip?: string;
  /** Project name (default: the function's `ProjectName` tag). */
  project?: string;
  /** Config name (default: the function's `ConfigName` tag). */
  config?: string;
  /** Region (default: the SDK's chain: `AWS_REGION`, profile, ...). */
  region?: string;
  /** Target account (default: STS GetCallerIdentity). */
  account?: string;
  /** Release bucket (default `step-deployer-<deployer account>`). */
  bucket?: string;
  /** Free-form metadata stored in the release. */
  metadata?: Record<string, string>;
  /** Directory relative paths are resolved against (default `process.cwd()`). */
  cwd?: string;
  /** Clients factory (default {@link createAwsClients}). */
  clients?: AwsClientsFactory;
  /** Current time (default `() => new Date()`). */
  now?: () => Date;
}

/** @internal A prepared release plus what the client needs to ship it. */
export interface PreparedRelease {
  release: Release &
    Required<
      Pick<
        Release,
        'aws_region' | 'aws_account_id' | 'lambda_name' | 'step_fn_name' | 'state_machine_json' | 'lambda_sha256'
      >
    >;
  zip: Buffer;
  clients: AwsClients;
  factory: AwsClientsFactory;
  functionArn: string;
  machineArn: string;
}

/** @internal The function name inside a Lambda ARN (or the name itself). */
export function functionNameOf(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const parts = nameOrArn.split(':');
  return parts[6] ?? nameOrArn;
}

async function resolveRegion(factory: AwsClientsFactory, region: string | undefined): Promise<string> {
  if (region) return region;
  try {
    const resolved = await factory(undefined).sts.config.region();
    if (resolved) return resolved;
  } catch {
    // fall through to the error below
  }
  throw new DeployClientError('No AWS region: pass --region, or set AWS_REGION or a region in your AWS profile');
}

async function loadDefinition(options: ReleaseSourceOptions, cwd: string, functionArn: string): Promise<unknown> {
  if (options.module) {
    const { loadMachineModule } = await import('@step/lambda/build');
    const loaded = await loadMachineModule(path.resolve(cwd, options.module));
    return loaded.machine.deployableDefinition(functionArn);
  }
  const states = options.states;
  if (!states)
    throw new DeployClientError('No state machine given: pass --states FILE (or JSON text) or --module FILE');
  const trimmed = states.trimStart();
  if (trimmed.startsWith('{')) return states;
  const file = path.resolve(cwd, states);
  if (!existsSync(file))
    throw new DeployClientError(
      `Cannot read the state machine "${states}": no such file. Pass a JSON file or JSON text.`,
    );
  return readFile(file, 'utf8');
}

/**
 * @internal Expand TaskFn, then fill in the `{{...}}` placeholders (the original's and those of the TaskFn resource
 * template that expansion writes), and set missing Task Resources.
 */
export function renderDefinition(
  source: unknown,
  values: { region: string; account: string; lambdaName: string; functionArn: string },
): unknown {
  let parsed: unknown;
  try {
    parsed = typeof source === 'string' ? JSON.parse(source) : source;
  } catch (e) {
    throw new DeployClientError(`The state machine is not valid JSON: ${(e as Error).message}`);
  }
  const text = JSON.stringify(expandTaskFn(parsed))
    .replaceAll('{{aws_region}}', values.region)
    .replaceAll('{{aws_account}}', values.account)
    .replaceAll('{{lambda_name}}', values.lambdaName);
  const expanded = JSON.parse(text) as { States?: Record<string, Record<string, unknown>> };
  for (const state of Object.values(expanded.States ?? {})) {
    if (state.Type === 'Task' && state.Resource === undefined) state.Resource = values.functionArn;
  }
  return expanded;
}

/**
 * @internal Resolve region, account, project, config and the definition; hash the zip. Shared by bootstrap
 * and deploy.
 */
export async function prepareRelease(
  options: ReleaseSourceOptions,
  { resolveProject = true }: { resolveProject?: boolean } = {},
): Promise<PreparedRelease> {
  const factory = options.clients ?? createAwsClients();
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? (() => new Date());
  const region = await resolveRegion(factory, options.region);
  let account = options.account;
  if (!account) {
    try {
      account = (await factory(region).sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch (e) {
      throw new DeployClientError(
        `Could not find your AWS account (STS GetCallerIdentity failed: ${describeError(e)}); check your credentials or pass --account`,
        {
          cause: e,
        },
      );
    }
    if (!account) throw new DeployClientError('STS GetCallerIdentity returned no account; pass --account');
  }
  const clients = factory(region, account);
  const base = { aws_region: region, aws_account_id: account, lambda_name: options.lambda, step_fn_name: options.step };
  const functionArn = lambdaArn(base);
  const machineArn = stateMachineArn(base);

  let project = options.project;
  let config = options.config;
  if (resolveProject && (!project || !config)) {
    let tags: Record<string, string> = {};
    try {
      tags = (await clients.lambda.send(new ListTagsCommand({ Resource: functionArn }))).Tags ?? {};
    } catch (e) {
      throw new DeployClientError(
        `Could not read the tags of ${functionArn} to find its project and config (${describeError(e)}); pass --project and --config`,
        {
          cause: e,
        },
      );
    }
    project ||= tags.ProjectName;
    config ||= tags.ConfigName;
    if (!project || !config) {
      throw new DeployClientError(
        `${functionArn} has no ProjectName/ConfigName tags; tag it or pass --project and --config`,
      );
    }
  }

  const source = await loadDefinition(options, cwd, functionArn);
  const definition = renderDefinition(source, {
    region,
    account,
    lambdaName: functionNameOf(options.lambda),
    functionArn,
  });
  assertValid(definition);

  const zipPath = path.resolve(cwd, options.zip ?? 'lambda.zip');
  let zip: Buffer;
  try {
    zip = await readFile(zipPath);
  } catch (e) {
    throw new DeployClientError(
      `Cannot read the Lambda zip "${zipPath}": ${describeError(e)}. Build it with step-cli package.`,
      { cause: e },
    );
  }
  const release = {
    ...base,
    release_id: timeUuid('release-', now()),
    ...(project ? { project_name: project } : {}),
    ...(config ? { config_name: config } : {}),
    ...(options.bucket ? { bucket: options.bucket } : {}),
    created_at: now().toISOString(),
    ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
    lambda_sha256: createHash('sha256').update(zip).digest('hex'),
    state_machine_json: JSON.stringify(definition),
  };
  return { release, zip, clients, factory, functionArn, machineArn };
}
