import type { Argv, CommandModule } from 'yargs';
import type { AwsClientsFactory, DeployProgress, DeployResult, ReleaseSourceOptions } from '@step/deployer';
import type { CliIo } from '../io.js';
import { getIo } from '../io.js';

/** Options shared by `step-cli deploy` and `step-cli bootstrap`. */
export interface ReleaseArgs {
  lambda: string;
  step: string;
  states?: string;
  module?: string;
  zip: string;
  bucket?: string;
  project?: string;
  config?: string;
  region?: string;
  account?: string;
  profile?: string;
  json: boolean;
}

/** Arguments of `step-cli deploy`. */
export interface DeployArgs extends ReleaseArgs {
  deployer: string;
  metadata?: string[];
  timeout: number;
}

/** @internal Add the options bootstrap and deploy share. */
export function releaseOptions<T>(y: Argv<T>): Argv<T & ReleaseArgs> {
  return y
    .option('lambda', { describe: 'Lambda function name or ARN to update', type: 'string', demandOption: true })
    .option('step', { describe: 'State machine name or ARN to update', type: 'string', demandOption: true })
    .option('states', {
      describe:
        'State machine definition: a JSON file or JSON text ({{aws_region}}, {{aws_account}}, {{lambda_name}} are filled in)',
      type: 'string',
    })
    .option('module', {
      describe: 'Or a machine module (.ts/.js exporting `machine` from @step/lambda)',
      type: 'string',
    })
    .conflicts('states', 'module')
    .option('zip', {
      describe: 'Lambda zip to deploy (build it with step-cli package)',
      type: 'string',
      default: 'lambda.zip',
    })
    .option('bucket', { describe: 'Release bucket (default step-deployer-<account>)', type: 'string' })
    .option('project', { describe: "Project name (default: the function's ProjectName tag)", type: 'string' })
    .option('config', { describe: "Config name (default: the function's ConfigName tag)", type: 'string' })
    .option('region', { describe: 'AWS region (default: AWS_REGION or your profile)', type: 'string' })
    .option('account', { describe: 'AWS account id (default: from STS GetCallerIdentity)', type: 'string' })
    .option('profile', {
      describe: 'Named AWS profile for credentials and region (default: AWS_PROFILE)',
      type: 'string',
    })
    .option('json', {
      describe: 'Print one JSON object for tools instead of progress lines',
      type: 'boolean',
      default: false,
    })
    .check((argv) => {
      if (!argv.states && !argv.module)
        throw new Error('Pass the state machine with --states FILE (or JSON text) or --module FILE');
      return true;
    });
}

/** @internal The clients a command uses: injected by tests through the `awsClients` context key, else real. */
export async function clientsFor(argv: object, io: CliIo): Promise<AwsClientsFactory> {
  const injected = (argv as { awsClients?: unknown }).awsClients;
  if (typeof injected === 'function') return injected as AwsClientsFactory;
  const { createAwsClients } = await import('@step/deployer');
  const profile = (argv as { profile?: unknown }).profile;
  return createAwsClients({ env: io.env, ...(typeof profile === 'string' && profile ? { profile } : {}) });
}

/** @internal Map an `ReleaseArgs` to the library's options. */
export async function toSourceOptions(
  argv: ReleaseArgs,
  io: CliIo,
  clients: AwsClientsFactory,
): Promise<ReleaseSourceOptions> {
  return {
    lambda: argv.lambda,
    step: argv.step,
    ...(argv.states !== undefined ? { states: await expandStates(argv.states, io.cwd) } : {}),
    ...(argv.module !== undefined ? { module: argv.module } : {}),
    zip: argv.zip,
    ...(argv.bucket ? { bucket: argv.bucket } : {}),
    ...(argv.project ? { project: argv.project } : {}),
    ...(argv.config ? { config: argv.config } : {}),
    ...(argv.region ? { region: argv.region } : {}),
    ...(argv.account ? { account: argv.account } : {}),
    cwd: io.cwd,
    clients,
  };
}

/**
 * The `--states` definition with its TaskFn states expanded, as JSON text, so that a TaskFn without `Resource` gets the
 * `{{aws_region}}`/`{{aws_account}}`/`{{lambda_name}}` template the deployer then fills from `--lambda`, the region and
 * the account, exactly as `--module` does. Text that is not a readable JSON definition is passed on unchanged for the
 * deployer to report.
 *
 * @internal
 */
export async function expandStates(states: string, cwd: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  let text = states;
  if (!states.trimStart().startsWith('{')) {
    try {
      text = await readFile(path.resolve(cwd, states), 'utf8');
    } catch {
      return states;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return states;
  }
  const { expandTaskFn } = await import('@step/asl');
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? JSON.stringify(expandTaskFn(parsed as never))
    : states;
}

/** @internal Turn a client-side misuse of the deployer into an ExitError (exit 1). */
export async function asExitError(error: unknown, env: CliIo['env'] = {}): Promise<unknown> {
  const { ExitError } = await import('../errors.js');
  if (error instanceof Error && error.name === 'DeployClientError') {
    const unreachable = connectionFailure(error);
    if (unreachable !== undefined) {
      const endpoint = env.AWS_ENDPOINT_URL ?? 'the AWS endpoint of the region';
      return new ExitError(
        `ERROR Cannot reach ${endpoint} (${unreachable}). Check that it is running and that AWS_ENDPOINT_URL (or --region) points at it; ` +
          'this is not a credentials problem.',
        1,
        { cause: error },
      );
    }
    return new ExitError(`ERROR ${error.message}`, 1, { cause: error });
  }
  // A module that is missing, does not load or does not export a machine is the user's to fix (exit 2), not a bug.
  const { toExitError } = await import('../module/toExitError.js');
  return toExitError(error);
}

/** Network error codes that mean the endpoint did not answer (not that it refused the request). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** The network error code somewhere in `error`'s cause chain, when the endpoint could not be reached. */
function connectionFailure(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    const nested = (e as { errors?: unknown }).errors; // AggregateError (happy eyeballs: IPv4 and IPv6 both refused)
    if (Array.isArray(nested))
      for (const inner of nested)
        if (
          typeof (inner as NodeJS.ErrnoException).code === 'string' &&
          CONNECTION_CODES.has((inner as NodeJS.ErrnoException).code as string)
        )
          return (inner as NodeJS.ErrnoException).code;
  }
  return undefined;
}

function parseMetadata(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function printProgress(io: CliIo, progress: DeployProgress): void {
  switch (progress.type) {
    case 'uploaded':
      io.stderr.write(`Uploaded ${progress.uri}\n`);
      break;
    case 'started':
      io.stderr.write(`Started ${progress.executionArn}\n`);
      break;
    case 'state':
      io.stderr.write(`  → ${progress.name}\n`);
      break;
    case 'warning':
      io.stderr.write(`  ! ${progress.message}\n`);
      break;
  }
}

/** @internal The JSON object `step-cli deploy --json` prints. */
export function deployJson(result: DeployResult): Record<string, unknown> {
  return {
    ok: result.ok,
    status: result.status,
    endState: result.endState ?? null,
    path: result.path,
    releaseId: result.release.release_id,
    executionArn: result.executionArn,
    ...(result.error ? { error: result.error } : {}),
    ...(result.cleanupError ? { cleanupError: result.cleanupError } : {}),
    message: result.message,
  };
}

/**
 * Run `step-cli deploy` with parsed arguments; returns the exit code (0 only when the deployer reached Success).
 *
 * @internal
 */
export async function runDeployCommand(
  argv: DeployArgs,
  io: CliIo,
  clients: AwsClientsFactory,
  sleep?: (ms: number) => Promise<void>,
): Promise<number> {
  const { deploy } = await import('@step/deployer');
  let result: DeployResult;
  try {
    result = await deploy({
      ...(await toSourceOptions(argv, io, clients)),
      deployer: argv.deployer,
      metadata: parseMetadata(argv.metadata),
      timeoutMs: argv.timeout * 1000,
      ...(sleep ? { sleep } : {}),
      ...(argv.json ? {} : { onProgress: (p: DeployProgress) => printProgress(io, p) }),
    });
  } catch (e) {
    throw await asExitError(e, io.env);
  }
  if (argv.json) io.stdout.write(`${JSON.stringify(deployJson(result))}\n`);
  else {
    io.stdout.write(`${result.message}\n`);
    if (result.cleanupError?.Cause) io.stderr.write(`Cleanup: ${result.cleanupError.Cause}\n`);
  }
  return result.ok ? 0 : 1;
}

/**
 * `step-cli deploy`: ship a release through the step-deployer and follow it until it ends.
 *
 * @remarks
 * Uploads `lambda.zip` and the release to S3 under `<account>/<project>/<config>/<release_id>/`, starts the
 * deployer execution named after the release, prints each state as it is entered and the outcome. Exit 0 only
 * when the deployer reached Success, 1 otherwise, 2 for bad usage or an invalid definition.
 *
 * @example
 * ```ts
 * import deployCommand from './commands/deploy.js';
 *
 * yargs().command(deployCommand);
 * ```
 */
const deployCommand: CommandModule<object, DeployArgs> = {
  command: 'deploy',
  describe: 'Deploy a Lambda + state machine release through the step-deployer and follow it to the end',
  builder: (y) =>
    releaseOptions(y)
      .option('deployer', {
        describe: 'The step-deployer state machine: name or ARN',
        type: 'string',
        default: 'step-deployer',
      })
      .option('metadata', {
        describe: 'Free-form KEY=VALUE stored in the release (repeatable)',
        type: 'string',
        array: true,
      })
      .option('timeout', {
        describe: 'Stop following after this many seconds (the deploy continues)',
        type: 'number',
        default: 900,
      })
      .example(
        '$0 deploy --lambda hello --step hello --states hello.asl.json --zip lambda.zip',
        'Deploy; project/config from the function tags',
      )
      .example(
        '$0 deploy --lambda hello --step hello --module src/machine.ts --project shop --config prod',
        'Deploy a machine module',
      )
      .example(
        '$0 deploy --lambda hello --step hello --states hello.asl.json --json | jq .ok',
        'Machine-readable outcome',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    // Tests inject a sleep through the `sleep` context key so that following an execution never waits.
    const sleep = (argv as { sleep?: unknown }).sleep;
    const code = await runDeployCommand(
      argv,
      io,
      await clientsFor(argv, io),
      typeof sleep === 'function' ? (sleep as (ms: number) => Promise<void>) : undefined,
    );
    if (code !== 0) {
      const { ExitError } = await import('../errors.js');
      throw new ExitError('', code);
    }
  },
};

export default deployCommand;
