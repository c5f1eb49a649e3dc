import type { Definition, Diagnostic, JsonValue } from '@step/asl';
import { RealClock } from './clock/RealClock.js';
import { trackWork } from './clock/trackWork.js';
import type { ExecutionCore } from './engine/ExecutionCore.js';
import { MAX_PAYLOAD_BYTES } from './engine/invokeTask.js';
import { loadJsonata } from './engine/loadJsonata.js';
import type { BranchResult, Program } from './engine/model.js';
import { runProgram } from './engine/runProgram.js';
import type { Frame } from './engine/Visit.js';
import { InterpreterUsageError, MockConfigError, TaskTokenError } from './errors.js';
import { HistoryRecorder, historyLimitCause, MAX_HISTORY_EVENTS } from './history/HistoryRecorder.js';
import { findUnmatchedMocks } from './mocks/findUnmatchedMocks.js';
import { parseMockConfig, selectTestCase } from './mocks/parseMockConfig.js';
import type { Clock, ExecutionOptions, ExecutionResult, ExecutionStatus, HistoryEvent } from './types.js';

/**
 * What {@link Execution} needs from a compiled machine.
 * @internal
 */
export interface CompiledMachine {
  readonly definition: Definition;
  readonly program: Program;
  readonly usesJsonata: boolean;
}

class StopReason {
  readonly status: ExecutionStatus;
  readonly error: string | undefined;
  readonly cause: string | undefined;
  constructor(status: ExecutionStatus, error: string | undefined, cause: string | undefined) {
    this.status = status;
    this.error = error;
    this.cause = cause;
  }
}

function toInput(input: unknown, limit: number): JsonValue {
  if (input === undefined) return {};
  try {
    const text = JSON.stringify(input);
    if (text === undefined) throw new Error('not serialisable');
    if (text.length > limit / 4 && Buffer.byteLength(text) > limit) {
      throw new InterpreterUsageError(
        limit === MAX_PAYLOAD_BYTES
          ? `The execution input is ${Buffer.byteLength(text)} bytes of JSON; Step Functions accepts at most ${MAX_PAYLOAD_BYTES} (256 KiB).`
          : `The execution input is ${Buffer.byteLength(text)} bytes of JSON; maxPayloadBytes is ${limit}.`,
      );
    }
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    if (e instanceof InterpreterUsageError) throw e;
    throw new InterpreterUsageError(
      'The execution input must be a JSON-serialisable value (object, array, string, number, boolean or null).',
      {
        cause: e,
      },
    );
  }
}

/** The default `onWarning`: a Node process warning (printed on stderr unless the process turned them off). */
function emitProcessWarning(warning: Diagnostic): void {
  process.emitWarning(`${warning.path}: ${warning.message}`, { type: 'MockConfigWarning', code: warning.code });
}

/** The options, with the ItemReader and ResultWriter hooks run as work the clock waits for. */
function withTrackedHooks(options: ExecutionOptions, clock: Clock): ExecutionOptions {
  const { itemReader, resultWriter } = options;
  if (clock.track === undefined || (itemReader === undefined && resultWriter === undefined)) return options;
  const tracked = { ...options };
  if (itemReader !== undefined)
    tracked.itemReader = (config, context) => trackWork(clock, () => itemReader(config, context));
  if (resultWriter !== undefined) {
    tracked.resultWriter = (config, results, context) => trackWork(clock, () => resultWriter(config, results, context));
  }
  return tracked;
}

/**
 * One running execution of a machine: await {@link Execution.result}, stop it, answer its task tokens, watch its history.
 *
 * @remarks
 * The only asynchronous, effectful part of the interpreter: it owns the clock, the task calls and the timers.
 * ASL failures end the execution with status `FAILED` (never a rejected promise); only misuse throws.
 *
 * @example
 * ```ts
 * const execution = compileMachine(definition).start({ input: { id: 1 }, clock: new VirtualClock() });
 * execution.onEvent((e) => console.log(e.type));
 * const { status, output } = await execution.result;
 * ```
 */
export class Execution {
  /** Resolves when the execution ends, whatever the outcome. */
  readonly result: Promise<ExecutionResult>;
  /**
   * What is suspicious but not fatal in the options, found at start: today the mocked states of the test case that
   * the definition does not have (`MOCKED_STATE_NOT_FOUND`, `path` = the JSON pointer in the mock config). Each is
   * also passed to `options.onWarning`.
   */
  readonly warnings: readonly Diagnostic[];
  private readonly core: ExecutionCore;
  private readonly stopController = new AbortController();

  /** @internal use {@link Machine.start} */
  constructor(machine: CompiledMachine, options: ExecutionOptions = {}) {
    const clock = options.clock ?? new RealClock();
    const uuid = options.uuid ?? (() => crypto.randomUUID());
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    // Mocks pick the state machine by name; a file with a single state machine names it for us.
    const file = options.mockConfig === undefined ? undefined : parseMockConfig(options.mockConfig);
    const onlyMocked = file === undefined ? undefined : Object.keys(file.StateMachines);
    const smName = options.stateMachineName ?? (onlyMocked?.length === 1 ? onlyMocked[0]! : 'StateMachine');
    const name = options.name ?? uuid();
    const stateMachineArn = options.stateMachineArn ?? `arn:aws:states:${region}:${accountId}:stateMachine:${smName}`;
    const executionArn = options.executionArn ?? `arn:aws:states:${region}:${accountId}:execution:${smName}:${name}`;
    const roleArn = options.roleArn ?? `arn:aws:iam::${accountId}:role/service-role/StepFunctions-${smName}-role`;
    const payloadLimit = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
    if (!(payloadLimit === Infinity || (Number.isInteger(payloadLimit) && payloadLimit > 0))) {
      throw new InterpreterUsageError(
        `maxPayloadBytes must be a positive integer or Infinity; got ${String(payloadLimit)}.`,
      );
    }
    const input = toInput(options.input, payloadLimit);
    let mocks;
    if (file !== undefined) {
      if (options.testCase === undefined) {
        throw new InterpreterUsageError(
          'A mockConfig needs a testCase: pass { mockConfig, testCase: "<test case name>" }.',
        );
      }
      mocks = selectTestCase(file, smName, options.testCase);
    }
    const warnings =
      file === undefined ? [] : findUnmatchedMocks(machine.definition, file, smName, options.testCase ?? '');
    if (options.strictMocks === true && warnings[0] !== undefined) {
      throw new MockConfigError(warnings[0].path, warnings[0].message);
    }
    this.warnings = warnings;
    const onWarning = options.onWarning ?? emitProcessWarning;
    for (const w of warnings) onWarning(w);
    const limit = options.maxHistoryEvents ?? MAX_HISTORY_EVENTS;
    if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 2))) {
      throw new InterpreterUsageError(
        `maxHistoryEvents must be an integer of at least 2 or Infinity; got ${String(limit)}.`,
      );
    }
    // Reaching the limit fails the execution as AWS does: States.Runtime, and ExecutionFailed is the last event.
    const history = new HistoryRecorder(
      () => clock.now(),
      limit,
      () => this.stopController.abort(new StopReason('FAILED', 'States.Runtime', historyLimitCause(limit))),
    );
    const startTime = clock.now();
    this.core = {
      options: withTrackedHooks(options, clock),
      clock,
      random: options.random ?? Math.random,
      uuid,
      history,
      path: [],
      region,
      executionContext: {
        Id: executionArn,
        Input: input,
        StartTime: new Date(startTime).toISOString(),
        Name: name,
        RoleArn: roleArn,
        RedriveCount: 0,
      },
      stateMachineContext: { Id: stateMachineArn, Name: smName },
      mocks,
      mockCalls: new Map(),
      tokens: new Map(),
      payloadLimit,
    };
    history.add('ExecutionStarted', 0, { input, roleArn });
    this.result = this.run(machine, input, startTime);
  }

  private async run(machine: CompiledMachine, input: JsonValue, startTime: number): Promise<ExecutionResult> {
    const core = this.core;
    const signal = this.stopController.signal;
    const timeoutSeconds = machine.definition.TimeoutSeconds;
    const timer = new AbortController();
    if (typeof timeoutSeconds === 'number' && timeoutSeconds > 0) {
      core.clock.sleep(timeoutSeconds * 1000, timer.signal).then(
        // AWS records States.Timeout without a cause (DescribeExecution shows neither error nor cause).
        () => this.stopController.abort(new StopReason('TIMED_OUT', 'States.Timeout', undefined)),
        () => undefined,
      );
    }
    const stopped = new Promise<BranchResult>((resolve) => {
      signal.addEventListener(
        'abort',
        () => resolve({ ok: false, error: undefined, cause: undefined, aborted: true }),
        {
          once: true,
        },
      );
    });
    let r: BranchResult;
    try {
      // Start on the next microtask, so listeners added right after start() see every event. Loading JSONata is
      // real work (module I/O): a virtual clock must not run the TimeoutSeconds timer meanwhile.
      await (machine.usesJsonata ? trackWork(core.clock, loadJsonata) : Promise.resolve());
      const frame: Frame = { vars: {}, signal, lastEventId: 1 };
      r = await Promise.race([runProgram(core, machine.program, input, frame), stopped]);
    } finally {
      timer.abort();
    }
    const history = core.history;
    const prev = history.lastId;
    let status: ExecutionStatus;
    let output: JsonValue | undefined;
    let error: string | undefined;
    let cause: string | undefined;
    if (signal.aborted) {
      const reason =
        signal.reason instanceof StopReason ? signal.reason : new StopReason('ABORTED', undefined, undefined);
      status = reason.status;
      error = reason.error;
      cause = reason.cause;
      const type =
        status === 'TIMED_OUT' ? 'ExecutionTimedOut' : status === 'FAILED' ? 'ExecutionFailed' : 'ExecutionAborted';
      history.addFinal(type, prev, { error, cause });
    } else if (r.ok) {
      status = 'SUCCEEDED';
      output = r.output;
      history.addFinal('ExecutionSucceeded', prev, { output });
    } else {
      status = 'FAILED';
      error = r.error;
      cause = r.cause;
      history.addFinal('ExecutionFailed', prev, { error, cause });
    }
    core.tokens.clear();
    const result: ExecutionResult = {
      status,
      path: core.path,
      history: () => history.events(),
      startDate: new Date(startTime),
      stopDate: new Date(core.clock.now()),
    };
    if (output !== undefined) result.output = output;
    if (error !== undefined) result.error = error;
    if (cause !== undefined) result.cause = cause;
    return result;
  }

  /**
   * Stops the execution: it ends with status `ABORTED` (running tasks see their signal aborted).
   *
   * @example
   * ```ts
   * execution.stop('Cancelled', 'The user cancelled the order');
   * ```
   */
  stop(error?: string, cause?: string): void {
    if (!this.stopController.signal.aborted) this.stopController.abort(new StopReason('ABORTED', error, cause));
  }

  private waiter(token: string) {
    const w = this.core.tokens.get(token);
    if (!w) {
      throw new TaskTokenError(
        token,
        `Task token "${token}" is not waiting in this execution (unknown, already used, or timed out).`,
      );
    }
    return w;
  }

  /**
   * Completes a `.waitForTaskToken` task with `output` (as SendTaskSuccess does).
   *
   * @example
   * ```ts
   * execution.sendTaskSuccess(token, { approved: true });
   * ```
   */
  sendTaskSuccess(token: string, output: unknown): void {
    const w = this.waiter(token);
    this.core.tokens.delete(token);
    w.succeed(toInput(output, this.core.payloadLimit));
  }

  /**
   * Fails a `.waitForTaskToken` task (as SendTaskFailure does); an absent error stays absent.
   *
   * @example
   * ```ts
   * execution.sendTaskFailure(token, 'Rejected', 'Not approved in time');
   * ```
   */
  sendTaskFailure(token: string, error?: string, cause?: string): void {
    const w = this.waiter(token);
    this.core.tokens.delete(token);
    w.fail(error, cause);
  }

  /**
   * Resets the HeartbeatSeconds timer of a `.waitForTaskToken` task (as SendTaskHeartbeat does).
   *
   * @example
   * ```ts
   * execution.sendTaskHeartbeat(token);
   * ```
   */
  sendTaskHeartbeat(token: string): void {
    this.waiter(token).heartbeat();
  }

  /**
   * Subscribes to history events as they happen; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const off = execution.onEvent((e) => console.log(e.id, e.type));
   * ```
   */
  onEvent(listener: (e: HistoryEvent) => void): () => void {
    return this.core.history.subscribe(listener);
  }

  /**
   * The history so far, in AWS `GetExecutionHistory` shape.
   *
   * @example
   * ```ts
   * const types = execution.history().map((e) => e.type);
   * ```
   */
  history(): HistoryEvent[] {
    return this.core.history.events();
  }
}
