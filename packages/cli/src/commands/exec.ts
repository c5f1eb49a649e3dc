import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';
import type { TemplateArgs } from './templateOptions.js';
import { withTemplateOptions } from './templateOptions.js';

/**
 * Arguments of `step-cli exec`.
 */
export interface ExecArgs extends TemplateArgs {
  definition: string;
  input?: string;
  'input-file'?: string;
  'mock-config'?: string;
  'test-case'?: string;
  'state-machine-name'?: string;
  'virtual-clock': boolean;
  json: boolean;
  name?: string;
  history?: string;
  's3-dir'?: string;
  endpoint?: string;
  aws?: boolean;
}

/**
 * `step-cli exec <definition>`: run one execution locally and print its result.
 *
 * @remarks
 * Exit 0 when the execution SUCCEEDED, 1 when it FAILED, TIMED_OUT or was ABORTED, 2 for bad usage or an
 * invalid definition. With `--json` stdout is one line `{"status","output"?,"error"?,"cause"?,"path"}`.
 *
 * @example
 * ```ts
 * import execCommand from './commands/exec.js';
 *
 * yargs().command(execCommand);
 * ```
 */
const execCommand: CommandModule<object, ExecArgs> = {
  command: 'exec <definition>',
  describe: 'Run a state machine locally (ASL JSON with mocks, or a machine module with its real handlers)',
  builder: (y) =>
    withTemplateOptions(y)
      .positional('definition', {
        describe:
          'Definition file (.asl.json / .json; - reads standard input), CloudFormation/SAM template, cdk.out folder or machine module (.ts / .js)',
        type: 'string',
        demandOption: true,
      })
      .option('input', { alias: 'i', describe: 'Execution input as JSON text (default {})', type: 'string' })
      .option('input-file', {
        describe: 'Read the execution input from a JSON file (- reads standard input)',
        type: 'string',
      })
      .conflicts('input', 'input-file')
      .option('mock-config', {
        describe: 'AWS Step Functions Local MockConfigFile with mocked Task responses',
        type: 'string',
      })
      .option('test-case', { describe: 'Test case of the mock config to use (requires --mock-config)', type: 'string' })
      .option('state-machine-name', {
        describe: 'State machine entry of the mock config (default: its only one)',
        type: 'string',
      })
      .implies('test-case', 'mock-config')
      .implies('mock-config', 'test-case')
      .option('virtual-clock', {
        describe: 'Advance a simulated clock for Wait, Retry backoff and timeouts instead of sleeping',
        type: 'boolean',
        default: false,
      })
      .option('s3-dir', {
        describe:
          'Folder standing in for S3 (DIR/<bucket>/<key>): distributed Map ItemReader reads and ResultWriter writes there',
        type: 'string',
      })
      .option('name', { describe: 'Execution name (default: a random UUID)', type: 'string' })
      .option('history', {
        describe:
          'Also write the execution history, as AWS GetExecutionHistory returns it ({"events": [...]}), to this file',
        type: 'string',
      })
      .option('endpoint', {
        describe:
          'Unmocked Task states without a handler call their service through the AWS SDK at this URL (step-cli local, another emulator)',
        type: 'string',
      })
      .option('aws', {
        describe:
          'Unmocked Task states without a handler call AWS itself (SDK region, credentials and AWS_ENDPOINT_URL*)',
        type: 'boolean',
      })
      .option('json', {
        describe: 'Print one JSON object {"status","output","error","cause","path"} for tools',
        type: 'boolean',
        default: false,
      })
      .example('$0 exec flow.asl.json --input \'{"n": 3}\'', 'Run with an inline input')
      .example(
        '$0 exec flow.asl.json --input-file in.json --mock-config mocks.json --test-case HappyPath --virtual-clock',
        'Run with mocked Task results, without waiting for real time',
      )
      .example('$0 exec src/machine.ts --input-file in.json', 'Run a machine module with its real task handlers')
      .example(
        '$0 exec flow.asl.json --s3-dir ./s3',
        'Distributed Map reading s3://<bucket>/<key> from ./s3/<bucket>/<key>',
      )
      .example('$0 exec flow.asl.json --json | jq .status', 'Machine-readable result')
      .example(
        '$0 exec template.yaml --machine OrderFlow --mock-config mocks.json --test-case HappyPath',
        'Run a state machine of a SAM template',
      )
      .example(
        '$0 exec flow.asl.json --history history.json',
        'Keep every event (state entered/exited, task failed, ...)',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    const { execMachine } = await import('../run/execMachine.js');
    const { formatFileDiagnostic, formatWaitNotice, printExecution } = await import('../output.js');
    const { ExitError } = await import('../errors.js');
    const { toTemplateOptions } = await import('../run/loadDefinitionSource.js');
    const template = toTemplateOptions(argv);
    // Ctrl-C stops the execution (status ABORTED, exit 1); a second Ctrl-C kills the process as usual.
    const interrupt = new AbortController();
    const onSigint = (): void => interrupt.abort();
    process.once('SIGINT', onSigint);
    // With --json, stdout carries the result alone: what handlers print goes to stderr.
    const { redirectConsole } = await import('../run/redirectConsole.js');
    const restoreConsole = argv.json ? redirectConsole(io.stderr) : () => undefined;
    const result = await execMachine({
      definition: argv.definition,
      cwd: io.cwd,
      input: argv.input,
      inputFile: argv.inputFile,
      mockConfig: argv.mockConfig,
      testCase: argv.testCase,
      stateMachineName: argv.stateMachineName,
      virtualClock: argv.virtualClock,
      name: argv.name,
      signal: interrupt.signal,
      stdin: io.stdin,
      history: argv.history !== undefined,
      s3Dir: argv.s3Dir,
      endpoint: argv.endpoint,
      aws: argv.aws,
      template,
      onWarning: (w) => void io.stderr.write(`${formatFileDiagnostic(argv.mockConfig ?? 'mock config', w)}\n`),
      onWait: (notice) => {
        if (notice.ms >= 1000) io.stderr.write(`${formatWaitNotice(notice)}\n`);
      },
    }).finally(() => {
      process.removeListener('SIGINT', onSigint);
      restoreConsole();
    });
    if (argv.history !== undefined && result.kind === 'executed') {
      const { writeHistory } = await import('../run/writeHistory.js');
      await writeHistory(argv.history, io.cwd, result.execution.history ?? []);
    }
    const exitCode = printExecution(result, { json: argv.json, io });
    if (exitCode !== 0) throw new ExitError('', exitCode);
  },
};

export default execCommand;
