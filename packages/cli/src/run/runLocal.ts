import os from 'node:os';
import path from 'node:path';
import { createLocalServer, readSeedFile } from '@step/local';
import type { LocalServer, TimeMode } from '@step/local';

/**
 * Options of {@link runLocal} (the `step-cli local` flags).
 */
export interface RunLocalOptions {
  port: number;
  host?: string;
  /** Data directory; `undefined` keeps nothing (memory only). */
  dataDir: string | undefined;
  seed?: string;
  accountId?: string;
  /** Print one line per request on stderr. */
  verbose?: boolean;
  /** Invocations of one function that run at once. */
  lambdaConcurrency?: number;
  /** Origins whose web pages may call the server (`--allow-origin`). */
  allowOrigins?: readonly string[];
  /** Absolute path of the MockConfigFile (`--mock-config`, else `SFN_MOCK_CONFIG`). */
  mockConfig?: string;
  /** How executions spend time in Waits, back-off and timeouts (`--time`); default `real`. */
  time?: TimeMode;
}

/**
 * The MockConfigFile `step-cli local` loads: `--mock-config`, else the `SFN_MOCK_CONFIG` environment variable that
 * AWS Step Functions Local and LocalStack read (the flag wins), resolved against `cwd`; `undefined` when neither.
 */
export function resolveMockConfigPath(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): string | undefined {
  const file = flag ?? (env.SFN_MOCK_CONFIG === '' ? undefined : env.SFN_MOCK_CONFIG);
  return file === undefined ? undefined : path.resolve(cwd, file);
}

function formatTime(time: TimeMode | undefined): string {
  if (time === undefined || time === 'real') return 'real (Waits and back-off take their full time)';
  if (time === 'skip') return 'skip (Waits, back-off and timeouts on a simulated clock)';
  return `scale=${time.scale} (waits take ${time.scale} times their length)`;
}

/**
 * Where `step-cli local` keeps its data by default: the user's cache folder (`$XDG_CACHE_HOME`, `~/.cache`,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) + `step/local`.
 */
export function defaultDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  let base: string;
  if (env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '') base = env.XDG_CACHE_HOME;
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Caches');
  else if (platform === 'win32') base = env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
  else base = path.join(home, '.cache');
  return path.join(base, 'step', 'local');
}

/**
 * The lines `step-cli local` prints once it listens: the endpoint and how to point the SDK and the AWS CLI at it.
 */
export function formatLocalBanner(
  server: Pick<LocalServer, 'url' | 'accountId'>,
  dataDir: string | undefined,
  sfn: { mockConfig?: string; time?: TimeMode } = {},
): string {
  return [
    `step-cli local: S3, Lambda, Step Functions and STS on ${server.url} (account ${server.accountId})`,
    `Data: ${dataDir ?? 'memory only (nothing is kept)'}`,
    ...(sfn.mockConfig === undefined
      ? []
      : [`Mocks: ${sfn.mockConfig} (StartExecution with <state machine ARN>#<test case> runs that test case)`]),
    ...(sfn.time === undefined || sfn.time === 'real' ? [] : [`Time: ${formatTime(sfn.time)}`]),
    '',
    'Point the AWS SDK and the AWS CLI at it:',
    `  export AWS_ENDPOINT_URL=${server.url}`,
    '  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1',
    '  aws stepfunctions list-state-machines            # AWS CLI >= 2.13 / 1.29 reads AWS_ENDPOINT_URL',
    `  aws --endpoint-url ${server.url} s3 ls   # any AWS CLI version`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/**
 * Runs `step-cli local` until `signal` aborts: starts the server, prints the banner, then closes cleanly.
 *
 * @remarks
 * Throws `LocalServerError`/`LocalSeedError` when the server cannot start (port in use, bad seed); the command
 * turns them into an exit code.
 */
export async function runLocal(
  options: RunLocalOptions,
  io: { stdout: { write(chunk: string): unknown }; stderr: { write(chunk: string): unknown } },
  signal: AbortSignal,
  onListening?: (server: LocalServer) => void,
): Promise<void> {
  const server = await createLocalServer({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
    ...(options.lambdaConcurrency === undefined ? {} : { lambdaConcurrency: options.lambdaConcurrency }),
    ...(options.allowOrigins === undefined ? {} : { allowOrigins: options.allowOrigins }),
    ...(options.mockConfig === undefined ? {} : { mockConfig: options.mockConfig }),
    ...(options.time === undefined ? {} : { time: options.time }),
    warn: (message: string) => void io.stderr.write(`step-cli local: warning: ${message}\n`),
    ...(options.verbose === true ? { log: (line: string) => void io.stderr.write(`${line}\n`) } : {}),
    report: (message: string) => void io.stderr.write(`step-cli local: data directory: ${message}\n`),
    functionLog: (name: string, line: string) => void io.stderr.write(`[lambda ${name}] ${line}\n`),
  });
  io.stdout.write(
    formatLocalBanner(server, options.dataDir, {
      ...(options.mockConfig === undefined ? {} : { mockConfig: options.mockConfig }),
      ...(options.time === undefined ? {} : { time: options.time }),
    }),
  );
  if (options.seed !== undefined) {
    const { seed } = readSeedFile(options.seed);
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    io.stderr.write(
      `Seed ${options.seed}: ${count(seed.buckets?.length ?? 0, 'bucket')}, ${count(seed.functions?.length ?? 0, 'function')}, ` +
        `${count(seed.stateMachines?.length ?? 0, 'state machine')} (created where missing)\n`,
    );
  }
  onListening?.(server);
  if (!signal.aborted)
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  io.stderr.write('step-cli local: stopping\n');
  await server.close();
}
