import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';

/**
 * Arguments of `step-cli local`.
 */
export interface LocalArgs {
  port: number;
  host: string;
  'data-dir'?: string;
  memory: boolean;
  seed?: string;
  'account-id'?: string;
  verbose: boolean;
  'lambda-concurrency'?: number;
  'allow-origin'?: string[];
  'mock-config'?: string;
  time?: string;
}

/**
 * `step-cli local`: a loopback-only stand-in for S3, Lambda, Step Functions and STS, for the real AWS SDKs and CLI.
 *
 * @remarks
 * Runs until SIGINT or SIGTERM, then stops executions and Lambda function processes and exits 0. A port in use or a bad
 * seed file exits 2 with a message saying what to fix.
 *
 * @example
 * ```ts
 * import localCommand from './commands/local.js';
 *
 * yargs().command(localCommand);
 * ```
 */
const localCommand: CommandModule<object, LocalArgs> = {
  command: 'local',
  describe: 'Serve S3, Lambda, Step Functions and STS on 127.0.0.1 for the AWS SDKs and CLI (no AWS account needed)',
  builder: (y) =>
    y
      .option('port', {
        alias: 'p',
        describe: 'TCP port to listen on (0 picks a free one)',
        type: 'number',
        default: 4599,
      })
      .option('host', {
        describe: 'Loopback address to listen on (127.0.0.1, ::1 or localhost)',
        type: 'string',
        default: '127.0.0.1',
      })
      .option('data-dir', {
        describe:
          'Folder that keeps buckets, functions, state machines and executions across restarts (default: <cache dir>/step/local)',
        type: 'string',
      })
      .option('memory', { describe: 'Keep nothing on disk (ignores --data-dir)', type: 'boolean', default: false })
      .option('seed', {
        describe: 'JSON seed file of buckets, functions and state machines to create at start (see the README)',
        type: 'string',
      })
      .option('account-id', {
        describe: "Account id in ARNs and STS answers (default 000000000000 or the seed's)",
        type: 'string',
      })
      .option('lambda-concurrency', {
        describe: 'Invocations of one function that run at once; more wait their turn (default: number of CPUs)',
        type: 'number',
      })
      .option('allow-origin', {
        describe:
          'Let web pages from this origin (e.g. http://localhost:3000) call the server; repeat for more. Other browser requests get 403',
        type: 'string',
        array: true,
      })
      .option('mock-config', {
        describe:
          'AWS Step Functions Local MockConfigFile; StartExecution with <state machine ARN>#<test case> runs that test case (default: $SFN_MOCK_CONFIG)',
        type: 'string',
      })
      .option('time', {
        describe:
          'How executions spend time in Waits, retry back-off and timeouts: real, skip (simulated clock) or scale=N (e.g. scale=0.01: 100x faster). An execution can choose with ?time=... at the end of the state machine ARN',
        type: 'string',
        default: 'real',
      })
      .option('verbose', {
        alias: 'v',
        describe: 'Print one line per request on stderr',
        type: 'boolean',
        default: false,
      })
      .example('$0 local', 'Serve on http://127.0.0.1:4599, keeping data in the cache folder')
      .example(
        '$0 local --port 0 --memory --seed local-seed.json',
        'A throw-away server on a free port, seeded for a CI job',
      )
      .example(
        '$0 local --mock-config MockConfigFile.json --time skip',
        'Run Step Functions Local test cases (start-execution --state-machine-arn <arn>#HappyPath) without waiting',
      )
      .example(
        'AWS_ENDPOINT_URL=http://127.0.0.1:4599 aws stepfunctions list-state-machines',
        'Talk to it with the AWS CLI',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    const path = await import('node:path');
    const { runLocal, defaultDataDir, resolveMockConfigPath } = await import('../run/runLocal.js');
    const { LocalServerError, parseTimeMode } = await import('@step/local');
    const { ExitError } = await import('../errors.js');
    const time = parseTimeMode(argv.time ?? 'real');
    if (time === undefined) {
      throw new ExitError(
        `--time ${argv.time}: use real, skip or scale=<number above 0> (e.g. --time scale=0.01 runs waits 100 times faster).`,
        2,
      );
    }
    const mockConfig = resolveMockConfigPath(argv['mock-config'], io.env, io.cwd);
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await runLocal(
        {
          port: argv.port,
          host: argv.host,
          dataDir: argv.memory ? undefined : path.resolve(io.cwd, argv['data-dir'] ?? defaultDataDir(io.env)),
          ...(argv.seed === undefined ? {} : { seed: path.resolve(io.cwd, argv.seed) }),
          ...(argv['account-id'] === undefined ? {} : { accountId: argv['account-id'] }),
          verbose: argv.verbose,
          ...(mockConfig === undefined ? {} : { mockConfig }),
          time,
          ...(argv['allow-origin'] === undefined ? {} : { allowOrigins: argv['allow-origin'] }),
          ...(argv['lambda-concurrency'] === undefined ? {} : { lambdaConcurrency: argv['lambda-concurrency'] }),
        },
        io,
        stop.signal,
      );
    } catch (e) {
      if (e instanceof LocalServerError) throw new ExitError(e.message, 2, { cause: e });
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

export default localCommand;
