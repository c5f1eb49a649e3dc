import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, JsonValue } from '@step/asl';
import type { ExecutionOptions, ExecutionResult, HistoryEvent } from '@step/interpreter';
import { watchWaits } from './watchWaits.js';
import type { WaitNotice } from './watchWaits.js';
import { ExitError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { TemplateOptions } from '@step/asl/template';
import {
  STDIN,
  definitionInputOf,
  loadDefinitionSource,
  locateSourceDiagnostics,
  messageOf,
  parseJsonArgument,
  readTextFile,
} from './loadDefinitionSource.js';

/**
 * Options of {@link execMachine}: the `step-cli exec` flags.
 */
export interface ExecMachineOptions {
  /** Definition file (ASL JSON) or machine module, relative to `cwd`. */
  definition: string;
  cwd: string;
  /** Execution input as JSON text. */
  input?: string;
  /** File holding the execution input as JSON. */
  inputFile?: string;
  /** AWS Step Functions Local MockConfigFile. */
  mockConfig?: string;
  testCase?: string;
  /** Entry of the mock config's `StateMachines`; defaults to its only one. */
  stateMachineName?: string;
  /** Run Wait, Retry backoff and timeouts on a simulated clock. */
  virtualClock?: boolean;
  /** Execution name. */
  name?: string;
  /** Aborting it stops the execution (status ABORTED). */
  signal?: AbortSignal;
  /** Read when the definition or `inputFile` is `-`. */
  stdin?: CliIo['stdin'];
  /** Also return the execution history (AWS GetExecutionHistory events). */
  history?: boolean;
  /** Folder standing in for S3 (`<dir>/<bucket>/<key>`) for distributed Map ItemReader/ResultWriter, relative to `cwd`. */
  s3Dir?: string;
  /** Which state machine of a template or cdk.out, and its parameters (`--machine`, `--parameter`). */
  template?: TemplateOptions;
  /**
   * Unmocked Task states without a handler call their service through the AWS SDK at this endpoint (`step-cli
   * local`, another emulator); without it and without `aws` they fail as before.
   */
  endpoint?: string;
  /** Unmocked Task states call AWS itself through the SDK's own configuration (region, credential chain, `AWS_ENDPOINT_URL*`). */
  aws?: boolean;
  /**
   * Receives each warning found at start, e.g. a mocked state the definition does not have (`path` points into
   * the mock config); default: the interpreter's process warning.
   */
  onWarning?: (warning: Diagnostic) => void;
  /** Without `virtualClock`: told when the execution starts a Wait state or a retry back-off on the real clock. */
  onWait?: (notice: WaitNotice) => void;
}

/**
 * What `step-cli exec` reports: the execution, or why it could not start.
 */
export type ExecOutcome =
  | { kind: 'invalid'; file: string; diagnostics: Diagnostic[] }
  | { kind: 'executed'; file: string; execution: ExecutionSummary };

/**
 * The result of one execution as printed by `step-cli exec --json`.
 */
export interface ExecutionSummary {
  status: ExecutionResult['status'];
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** States entered, nested ones included, in entry order. */
  path: string[];
  /** The state the execution failed in (not printed by `--json`). */
  failedState?: string;
  /** The history events, when asked for with `history: true` (not printed by `--json`). */
  history?: HistoryEvent[];
}

/**
 * Run one execution of a definition file or machine module as `step-cli exec` does, and return its result.
 *
 * @remarks
 * An invalid definition is returned as data (`kind: 'invalid'`). Bad flags or unreadable files throw
 * `ExitError` with exit code 2. The execution's own failure is data (`status: 'FAILED'`).
 */
export async function execMachine(options: ExecMachineOptions): Promise<ExecOutcome> {
  const { definition: file, cwd } = options;
  if (file === STDIN && options.inputFile === STDIN) {
    throw new ExitError('The definition and --input-file cannot both be standard input ("-").', 2);
  }
  if (options.endpoint !== undefined && options.aws === true) {
    throw new ExitError('Give either --endpoint <url> (an emulator) or --aws (AWS itself), not both.', 2);
  }
  if (options.endpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(options.endpoint)) {
    throw new ExitError(
      `--endpoint "${options.endpoint}" is not a URL; give the emulator's, e.g. --endpoint http://127.0.0.1:4566.`,
      2,
    );
  }
  const [source, input, mock, s3Dir] = await Promise.all([
    loadDefinitionSource(file, cwd, options.stdin, options.template),
    readInput(options),
    readMockConfig(options),
    checkS3Dir(options),
  ]);
  const { compileMachine, DirectoryObjectStore, RealClock, VirtualClock } = await import('@step/interpreter');
  const definitionInput = definitionInputOf(source);

  let machine: ReturnType<typeof compileMachine>;
  try {
    machine = compileMachine(definitionInput);
  } catch (error) {
    const diagnostics = diagnosticsOf(error);
    if (diagnostics) return { kind: 'invalid', ...locateSourceDiagnostics(source, diagnostics) };
    throw error;
  }

  const executionOptions: ExecutionOptions = source.kind === 'module' ? { ...source.executionOptions } : {};
  if (input !== undefined) executionOptions.input = input;
  if (mock) Object.assign(executionOptions, mock);
  if (options.virtualClock) executionOptions.clock = new VirtualClock();
  // Only the real clock is watched: a simulated one (--virtual-clock, or a module's own) does not make anyone wait.
  const waits =
    options.onWait === undefined || executionOptions.clock !== undefined
      ? undefined
      : watchWaits(new RealClock(), options.onWait);
  if (waits !== undefined) executionOptions.clock = waits.clock;
  if (options.onWarning !== undefined) executionOptions.onWarning = options.onWarning;
  if (options.name !== undefined) executionOptions.name = options.name;
  if (s3Dir !== undefined) executionOptions.objectStore = new DirectoryObjectStore(s3Dir);
  if (options.endpoint !== undefined || options.aws === true) {
    // Only on request: without --endpoint or --aws nothing calls AWS (decision 020).
    const { createAwsSdkInvoker } = await import('@step/integrations');
    // An emulator takes any credentials and region: fixed local ones unless the environment names its own.
    const emulator =
      options.endpoint === undefined
        ? {}
        : {
            endpoint: options.endpoint,
            clientConfig: { forcePathStyle: true },
            region: process.env.AWS_REGION ?? 'us-east-1',
            ...(process.env.AWS_ACCESS_KEY_ID === undefined && process.env.AWS_PROFILE === undefined
              ? { credentials: { accessKeyId: 'AKIASTEPLOCAL0000000', secretAccessKey: 'step-local' } }
              : {}),
          };
    executionOptions.invoke ??= createAwsSdkInvoker({
      ...emulator,
      ...(executionOptions.clock === undefined ? {} : { clock: executionOptions.clock }),
    });
  }

  const execution = machine.start(executionOptions);
  waits?.listen(execution);
  const onAbort = (): void => execution.stop('Aborted', 'The execution was interrupted.');
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  let result: ExecutionResult;
  try {
    result = await execution.result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const summary = summarize(result);
  if (options.history) summary.history = safeHistory(result);
  return { kind: 'executed', file, execution: summary };
}

/** The execution input from --input or --input-file (undefined when neither is given). */
async function readInput(options: ExecMachineOptions): Promise<unknown> {
  if (options.input !== undefined && options.inputFile !== undefined) {
    throw new ExitError('Give the input either with --input or with --input-file, not both.', 2);
  }
  if (options.input !== undefined) return parseJsonArgument(options.input, '--input');
  if (options.inputFile !== undefined) {
    const text = await readTextFile(options.inputFile, options.cwd, '--input-file', options.stdin);
    return parseJsonArgument(text, `--input-file "${options.inputFile}"`);
  }
  return undefined;
}

/** The absolute --s3-dir folder, which must exist (undefined when not given). */
async function checkS3Dir(options: ExecMachineOptions): Promise<string | undefined> {
  if (options.s3Dir === undefined) return undefined;
  const dir = path.resolve(options.cwd, options.s3Dir);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new ExitError(
      `--s3-dir "${options.s3Dir}" is not a folder: create it, with one sub-folder per bucket (DIR/<bucket>/<key>).`,
      2,
    );
  }
  return dir;
}

type MockOptions = Pick<ExecutionOptions, 'mockConfig' | 'testCase' | 'stateMachineName'>;

/** The mock options from --mock-config, --test-case and --state-machine-name, checked against the file. */
async function readMockConfig(options: ExecMachineOptions): Promise<MockOptions | undefined> {
  const { mockConfig: file, testCase } = options;
  if (file === undefined) {
    if (testCase !== undefined || options.stateMachineName !== undefined) {
      throw new ExitError('--test-case and --state-machine-name need --mock-config <file>.', 2);
    }
    return undefined;
  }
  if (testCase === undefined) {
    throw new ExitError(`--mock-config needs --test-case <name>: the test case of "${file}" to run.`, 2);
  }
  const raw = parseJsonArgument(await readTextFile(file, options.cwd, '--mock-config'), `--mock-config "${file}"`);
  const { parseMockConfig } = await import('@step/interpreter');
  let mockConfig: ReturnType<typeof parseMockConfig>;
  try {
    mockConfig = parseMockConfig(raw);
  } catch (error) {
    throw new ExitError(`The mock config "${file}" is invalid: ${messageOf(error)}`, 2, { cause: error });
  }
  const machines = recordAt(raw, 'StateMachines');
  const names = machines ? Object.keys(machines) : [];
  let stateMachineName = options.stateMachineName;
  if (stateMachineName === undefined) {
    if (names.length !== 1) {
      throw new ExitError(
        `The mock config "${file}" has ${names.length === 0 ? 'no state machines' : `several state machines (${quoteList(names)})`}: ` +
          'name one with --state-machine-name.',
        2,
      );
    }
    stateMachineName = names[0];
  } else if (!names.includes(stateMachineName)) {
    throw new ExitError(
      `The mock config "${file}" has no state machine "${stateMachineName}" (it has ${quoteList(names) || 'none'}). Check --state-machine-name.`,
      2,
    );
  }
  const testCases = Object.keys(recordAt(machines?.[stateMachineName ?? ''], 'TestCases') ?? {});
  if (!testCases.includes(testCase)) {
    throw new ExitError(
      `The mock config "${file}" has no test case "${testCase}" for state machine "${stateMachineName}" ` +
        `(it has ${quoteList(testCases) || 'none'}). Check --test-case.`,
      2,
    );
  }
  return { mockConfig, testCase, stateMachineName };
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const child = (value as Record<string, unknown>)[key];
  return typeof child === 'object' && child !== null && !Array.isArray(child)
    ? (child as Record<string, unknown>)
    : undefined;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** The diagnostics of an `AslValidationError` (checked by name and shape, so duplicate installs still match). */
function diagnosticsOf(error: unknown): Diagnostic[] | undefined {
  if (
    error instanceof Error &&
    error.name === 'AslValidationError' &&
    'diagnostics' in error &&
    Array.isArray(error.diagnostics)
  ) {
    return error.diagnostics as Diagnostic[];
  }
  return undefined;
}

function summarize(result: ExecutionResult): ExecutionSummary {
  const summary: ExecutionSummary = { status: result.status, path: result.path };
  if (result.output !== undefined && result.status === 'SUCCEEDED') summary.output = result.output;
  if (result.error !== undefined) summary.error = result.error;
  if (result.cause !== undefined) summary.cause = result.cause;
  if (result.status !== 'SUCCEEDED') {
    const failedState = findFailedState(safeHistory(result), result.path);
    if (failedState !== undefined) summary.failedState = failedState;
  }
  return summary;
}

function safeHistory(result: ExecutionResult): HistoryEvent[] {
  try {
    return result.history();
  } catch {
    return [];
  }
}

/**
 * The state an execution failed in: the last state entered and never exited, per the history
 * (falls back to the last state of the path).
 */
export function findFailedState(history: readonly HistoryEvent[], path: readonly string[]): string | undefined {
  const open: string[] = [];
  for (const event of history as readonly unknown[]) {
    const e = event as {
      type?: unknown;
      stateEnteredEventDetails?: { name?: unknown };
      stateExitedEventDetails?: { name?: unknown };
    };
    const entered = e.stateEnteredEventDetails?.name;
    const exited = e.stateExitedEventDetails?.name;
    if (typeof entered === 'string') open.push(entered);
    else if (typeof exited === 'string') {
      const at = open.lastIndexOf(exited);
      if (at >= 0) open.splice(at, 1);
    }
  }
  return open.at(-1) ?? path.at(-1);
}
