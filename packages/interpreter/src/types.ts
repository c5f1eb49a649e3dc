import type { ObjectStore } from './s3/ObjectStore.js';
import type { Diagnostic, JsonValue } from '@step/asl';

/**
 * Runs one Task: receives the task input and returns (or resolves to) its result; a thrown error fails the task.
 *
 * @remarks
 * A thrown error's `name` becomes the Step Functions error and its `message` the cause, as the Node Lambda
 * runtime reports them.
 *
 * @example
 * ```ts
 * const charge: TaskHandler = async (input) => ({ charged: true, input });
 * ```
 */
export type TaskHandler = (input: JsonValue, context: TaskContext) => unknown;

/**
 * What a task handler learns about the call it serves.
 *
 * @example
 * ```ts
 * const handler: TaskHandler = (input, ctx) => ({ state: ctx.stateName, attempt: ctx.attempt });
 * ```
 */
export interface TaskContext {
  /** Name of the Task state. */
  stateName: string;
  /** The state's `Resource`. */
  resource: string;
  /** 0-based retry count of this state visit. */
  attempt: number;
  /** The task token (`$$.Task.Token`) for `.waitForTaskToken` resources. */
  taskToken?: string;
  /** Aborted when the task times out, the execution stops or a sibling branch fails. */
  signal: AbortSignal;
  /** The context object (`$$`) of the state. */
  contextObject: JsonValue;
}

/**
 * Fallback for any resource that has no handler: called with the resource and the task input.
 *
 * @remarks
 * For `arn:aws:states:::lambda:invoke` the invoker receives the `FunctionName` and the `Payload`, and its result is
 * wrapped as Lambda's invoke API returns it (`Payload`, `StatusCode`, ...).
 *
 * @example
 * ```ts
 * const invoke: ResourceInvoker = async (resource, input) => callLambda(resource, input);
 * ```
 */
export type ResourceInvoker = (resource: string, input: JsonValue, context: TaskContext) => Promise<unknown>;

/**
 * A source of time: the real one, or a virtual one under which waiting costs nothing.
 *
 * @example
 * ```ts
 * const clock: Clock = new VirtualClock();
 * await clock.sleep(1000);
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs `work` that an execution awaits and that is not this clock (task handlers, module loads, ItemReader,
   * ResultWriter). Optional: a simulated clock uses it to stand still while real work is pending; without it the
   * work just runs.
   */
  track?<T>(work: () => T | Promise<T>): Promise<T>;
}

/**
 * Reads the items of a distributed Map's `ItemReader`; the `objectStore` option builds one over an
 * {@link ObjectStore}, this hook replaces it (e.g. to read from somewhere else than S3).
 *
 * @remarks
 * `config` is the state's ItemReader with its `Parameters` (JSONPath) or `Arguments` (JSONata) evaluated into
 * `Arguments`, and `ReaderConfig.MaxItems` evaluated (`MaxItemsPath` or a JSONata expression); the engine keeps
 * the first `MaxItems` items returned. Reject with an error named `States.ItemReaderFailed` to fail as S3 would.
 *
 * @example
 * ```ts
 * const itemReader: MapItemReader = async (config) => readFromS3(config);
 * ```
 */
export type MapItemReader = (
  config: JsonValue,
  context: { stateName: string; input: JsonValue; signal: AbortSignal },
) => Promise<JsonValue[]>;

/**
 * Writes a distributed Map's results per its `ResultWriter` and returns the Map's result (AWS returns
 * `{MapRunArn, ResultWriterDetails}`); the `objectStore` option builds one over an {@link ObjectStore}.
 *
 * @remarks
 * `config` is the state's ResultWriter with its `Parameters`/`Arguments` evaluated into `Arguments`;
 * `context.mapRunArn` is the Map Run's ARN (named after the state's `Label`, else its name) and `context.now`
 * the execution clock's time.
 *
 * @example
 * ```ts
 * const resultWriter: MapResultWriter = async (config, results) => ({ ResultWriterDetails: await writeToS3(config, results) });
 * ```
 */
export type MapResultWriter = (
  config: JsonValue,
  results: JsonValue[],
  context: { stateName: string; signal: AbortSignal; mapRunArn: string; now: number },
) => Promise<JsonValue>;

/**
 * Options of one execution.
 *
 * @example
 * ```ts
 * const options: ExecutionOptions = { input: { n: 1 }, handlers: { Charge: () => ({ ok: true }) }, clock: new VirtualClock() };
 * ```
 */
export interface ExecutionOptions {
  /** The execution input; default `{}`. */
  input?: unknown;
  /** Task handlers by STATE NAME; for a `TaskFn` state the handler receives the envelope's `Input`. */
  handlers?: Record<string, TaskHandler>;
  /** Task handlers by Resource ARN (or Lambda function ARN/name for `lambda:invoke`); they receive the effective Parameters. */
  resources?: Record<string, TaskHandler>;
  /** Fallback for any other resource. */
  invoke?: ResourceInvoker;
  /** An AWS Step Functions Local MockConfigFile (object, JSON text or a parsed one). */
  mockConfig?: unknown;
  /** The test case of `mockConfig` to use. */
  testCase?: string;
  /**
   * Receives each warning found at start (see `Execution.warnings`), e.g. a mocked state the definition does not
   * have; default: `process.emitWarning` (type `MockConfigWarning`).
   */
  onWarning?: (warning: Diagnostic) => void;
  /** Throw `MockConfigError` (at `start`) instead of warning when the test case mocks a state the definition lacks. */
  strictMocks?: boolean;
  /** The state machine name (also picks the mock test cases); default `StateMachine`. */
  stateMachineName?: string;
  /** Time source; default `RealClock`. Tests use `new VirtualClock()`. */
  clock?: Clock;
  /** Random numbers in [0, 1) for jitter and `States.MathRandom`; default `Math.random`. */
  random?: () => number;
  /** UUID source for `States.UUID`, task tokens and names; default `crypto.randomUUID`. */
  uuid?: () => string;
  /** Execution name; default a UUID. */
  name?: string;
  executionArn?: string;
  stateMachineArn?: string;
  roleArn?: string;
  region?: string;
  accountId?: string;
  /**
   * The history size at which the execution fails, as AWS fails one that reaches 25,000 events
   * (`States.Runtime`, "The execution reached the maximum number of history events (25000)."); default
   * `MAX_HISTORY_EVENTS`. Raise it (or pass `Infinity`) for local stress runs that AWS could not run.
   */
  maxHistoryEvents?: number;
  /**
   * The payload quota in bytes: execution input, state outputs, task and Map/Parallel results over it give
   * `States.DataLimitExceeded` as in AWS; default 262,144 (256 KiB). Raise it only for local stress runs.
   */
  maxPayloadBytes?: number;
  /**
   * Where a distributed Map's `ItemReader` reads and its `ResultWriter` writes S3 objects:
   * `new MemoryObjectStore(...)`, `new DirectoryObjectStore(dir)` or your own over an S3 client.
   */
  objectStore?: ObjectStore;
  /**
   * Reads a distributed Map's `ItemReader` items (default: from `objectStore`). Without either, such a Map fails
   * with `States.ItemReaderFailed`.
   */
  itemReader?: MapItemReader;
  /** Writes a distributed Map's `ResultWriter` output (default: to `objectStore`). Without either, the Map's result is the array of results. */
  resultWriter?: MapResultWriter;
}

export type {
  HistoryEvent,
  HistoryEventDetailsMap,
  HistoryEventOfType,
  HistoryEventType,
} from './history/HistoryEvent.js';
import type { HistoryEvent } from './history/HistoryEvent.js';

/**
 * Final status of an execution.
 *
 * @example
 * ```ts
 * if (result.status === 'TIMED_OUT') console.log('took too long');
 * ```
 */
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * How an execution ended.
 *
 * @example
 * ```ts
 * const result: ExecutionResult = await runExecution(definition);
 * if (result.status === 'FAILED') console.log(result.error, result.cause);
 * ```
 */
export interface ExecutionResult {
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** States entered, nested ones included, in entry order. */
  path: string[];
  history(): HistoryEvent[];
  startDate: Date;
  stopDate: Date;
}
