import { createHash, randomUUID } from 'node:crypto';
import * as asl from '@step/asl';
import type { Diagnostic, JsonValue } from '@step/asl';
import * as interpreter from '@step/interpreter';
import type { Execution, ExecutionResult, HistoryEvent, Machine, MockConfigFile, TaskContext } from '@step/interpreter';
import { AwsServiceError } from './AwsServiceError.js';
import { header, jsonResponse, parseJsonBody } from './http.js';
import type { LocalRequest, LocalResponse } from './http.js';
import type { LocalStore } from './LocalStore.js';
import { errorResponse } from './protocol/errorResponse.js';
import { mockOptionsFor } from './sfn/loadMockConfig.js';
import { parseStartTarget } from './sfn/parseStartTarget.js';
import { createExecutionClock } from './sfn/timeControl.js';
import type { TimeMode } from './sfn/timeControl.js';
import { testState } from './sfn/testState.js';
import { describeWriteFailure } from './store/describeWriteFailure.js';
import { ExecutionLog, finalStatus } from './store/ExecutionLog.js';
import type { WireEvent } from './store/ExecutionLog.js';
import { checkDefinitionSize } from './quotas.js';

/**
 * Runs a Task resource the interpreter has no handler for (Lambda, S3, ...) against the local services.
 * @internal
 */
export type LocalResourceInvoker = (resource: string, input: JsonValue, context: TaskContext) => Promise<unknown>;

/**
 * Reads a distributed Map's items from the local S3.
 * @internal
 */
export type LocalItemReader = (config: JsonValue, input: JsonValue) => Promise<JsonValue[]>;

/**
 * Writes a distributed Map's results to the local S3 and returns the Map's result.
 * @internal
 */
export type LocalResultWriter = (config: JsonValue, results: JsonValue[], mapRunArn: string) => Promise<JsonValue>;

interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  creationDate: number;
  updateDate: number;
  revisionId: string;
  tags: Record<string, string>;
  loggingConfiguration: JsonValue;
  tracingConfiguration: JsonValue;
  description: string;
}

interface ActivityRecord {
  activityArn: string;
  name: string;
  creationDate: number;
  tags: Record<string, string>;
}

interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  definition: string;
  /**
   * History in wire shape (timestamps in epoch seconds) of an ended execution, kept in memory only when it has no
   * events file: memory-only servers, a file the disk refused, and records written before events files existed.
   */
  history?: Record<string, unknown>[];
}

interface LiveExecution {
  execution: Execution;
  done: Promise<void>;
}

const NAME_FORBIDDEN = new Set([...' ?*<>{}[]"#%\\^|~`$&,;:/']);

/** AWS's rule for state machine and execution names: 1-80 characters, no whitespace, brackets, wildcards or control characters. */
function isValidName(name: string): boolean {
  if (name.length < 1 || name.length > 80) return false;
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (NAME_FORBIDDEN.has(ch) || /\s/.test(ch) || code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}
const MACHINE_ARN = /^arn:aws[\w-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)(?::([^:]+))?$/;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:([a-z0-9-]+):(\d{12}):(?:execution|express):([^:]+):([^:]+)$/;
const MAX_INPUT = 262_144;

function seconds(ms: number): number {
  return ms / 1000;
}

function fileId(arn: string): string {
  return createHash('sha256').update(arn).digest('hex');
}

/**
 * Turns `@step/asl` diagnostics into AWS's `InvalidDefinition` message text.
 * @internal
 */
export function formatInvalidDefinition(diagnostics: readonly Diagnostic[]): string {
  const parts = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) =>
      d.code === 'MISSING_END_STATE' ? `${d.code}: ${d.message}` : `${d.code}: ${d.message} at ${awsLocation(d.path)}`,
    );
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}

function awsLocation(pointer: string): string {
  if (pointer === '') return '/';
  return pointer.replace(/\/(Choices|Catch|Retry|Branches|ErrorEquals|And|Or)\/(\d+)(?=\/|$)/g, '/$1[$2]');
}

function toWireEvent(e: HistoryEvent): WireEvent {
  const ts = e.timestamp as unknown;
  const ms = ts instanceof Date ? ts.getTime() : typeof ts === 'number' ? ts : Date.parse(String(ts));
  return { ...e, timestamp: seconds(ms) };
}

/** The cause of the abort event of an execution that was running when the server stopped or was killed. */
const INTERRUPTED_CAUSE = 'step-cli local stopped while this execution was running';

/**
 * The local Step Functions (JSON 1.0 protocol), backed by `@step/interpreter` and validated by `@step/asl`.
 *
 * @remarks
 * Executions run in this process; Task states whose resource has no handler go to the {@link LocalResourceInvoker}
 * (local Lambda functions and S3). Ended executions are persisted with their history; an execution that was
 * still running when the server stopped comes back `ABORTED`.
 * @internal
 */
export class SfnService {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #invoke: LocalResourceInvoker;
  readonly #itemReader: LocalItemReader;
  readonly #resultWriter: LocalResultWriter;
  readonly #mockConfig: MockConfigFile | undefined;
  readonly #time: TimeMode;
  readonly #warn: (message: string) => void;
  /** Unmatched-mock warnings already given, so a test run that starts the same case 100 times warns once. */
  readonly #warned = new Set<string>();
  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #compiled = new Map<string, Machine>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #live = new Map<string, LiveExecution>();
  readonly #tokens = new Map<string, string>();
  readonly #activities = new Map<string, ActivityRecord>();
  /** Activity tasks waiting for a worker, by activity name. */
  readonly #activityQueue = new Map<string, { taskToken: string; input: string }[]>();
  /** Workers long-polling GetActivityTask, by activity name. */
  readonly #activityPollers = new Map<string, ((task: { taskToken: string; input: string } | undefined) => void)[]>();
  /** Activity tasks handed out or queued, by task token: how to finish them. */
  readonly #activityTasks = new Map<
    string,
    { activity: string; succeed: (output: JsonValue) => void; fail: (error: Error) => void }
  >();
  #closed = false;
  readonly #report: (message: string) => void;
  /** The last history read from an events file (GetExecutionHistory pages through one history at a time). */
  #historyCache: { executionArn: string; events: Record<string, unknown>[] } | undefined;

  constructor(options: {
    store: LocalStore;
    accountId: string;
    invoke: LocalResourceInvoker;
    itemReader: LocalItemReader;
    resultWriter: LocalResultWriter;
    /** The MockConfigFile whose test cases `StartExecution` picks with `stateMachineArn#TestCase`. */
    mockConfig?: MockConfigFile;
    /** The time mode of executions that do not choose one (`?time=` on the ARN); default `real`. */
    time?: TimeMode;
    /** Receives notices about a request that worked but is likely a mistake (a mocked state the machine lacks). */
    warn?: (message: string) => void;
    /** Receives problems with the data directory (files named relative to it); default: dropped. */
    report?: (message: string) => void;
  }) {
    this.#mockConfig = options.mockConfig;
    this.#time = options.time ?? 'real';
    this.#warn = options.warn ?? ((): void => undefined);
    this.#store = options.store;
    this.#report = options.report ?? ((): void => undefined);
    this.#accountId = options.accountId;
    this.#invoke = options.invoke;
    this.#itemReader = options.itemReader;
    this.#resultWriter = options.resultWriter;
    for (const file of this.#store.list('sfn/state-machines')) {
      const sm = this.#store.readJson<StateMachineRecord>(`sfn/state-machines/${file}`);
      if (sm !== undefined) this.#machines.set(sm.name, sm);
    }
    for (const file of this.#store.list('sfn/activities')) {
      const activity = this.#store.readJson<ActivityRecord>(`sfn/activities/${file}`);
      if (activity !== undefined) this.#activities.set(activity.name, activity);
    }
    const definitions = new Map<string, string>();
    for (const file of this.#store.list('sfn/executions')) {
      if (!file.endsWith('.json')) continue;
      const ex = this.#store.readJson<ExecutionRecord>(`sfn/executions/${file}`);
      if (ex === undefined) continue;
      // Thousands of executions share a few definitions: keep one copy of each.
      const definition = definitions.get(ex.definition) ?? ex.definition;
      definitions.set(definition, definition);
      ex.definition = definition;
      if (ex.status === 'RUNNING') this.#recoverInterrupted(ex);
      this.#executions.set(ex.executionArn, ex);
    }
  }

  /**
   * An execution whose record still says RUNNING was running when the server stopped or was killed: it ends with
   * the events its file holds. When the last one ends the execution (killed between its end and its record), that
   * is its outcome; otherwise it is ABORTED with a final `ExecutionAborted` event.
   */
  #recoverInterrupted(ex: ExecutionRecord): void {
    const log = new ExecutionLog(this.#store, logFile(ex.executionArn));
    let events: WireEvent[] = [];
    try {
      const contents = ex.history === undefined ? log.repair() : undefined;
      events = contents?.events ?? (ex.history as WireEvent[]);
      if (contents !== undefined && contents.badLines > 0)
        this.#report(`${log.rel}: ${contents.badLines} line(s) are not history events and were skipped`);
    } catch (e) {
      this.#report(`execution "${ex.name}": ${describeWriteFailure(log.rel, e)}`);
    }
    const last = events.at(-1);
    const ended = last === undefined ? undefined : finalStatus(last.type);
    if (last !== undefined && ended !== undefined) {
      const details = (last[`${last.type.charAt(0).toLowerCase()}${last.type.slice(1)}EventDetails`] ?? {}) as {
        output?: string;
        error?: string;
        cause?: string;
      };
      ex.status = ended;
      ex.stopDate = last.timestamp * 1000;
      if (details.output !== undefined) ex.output = details.output;
      if (details.error !== undefined) ex.error = details.error;
      if (details.cause !== undefined) ex.cause = details.cause;
    } else {
      ex.status = 'ABORTED';
      ex.stopDate = Date.now();
      ex.error = 'States.Runtime';
      ex.cause = INTERRUPTED_CAUSE;
      const added: WireEvent[] = [];
      if (last === undefined) {
        // Killed between its record and its first event: the start is known from the record.
        added.push({
          id: 1,
          previousEventId: 0,
          type: 'ExecutionStarted',
          timestamp: seconds(ex.startDate),
          executionStartedEventDetails: {
            input: ex.input,
            inputDetails: { truncated: false },
            roleArn: this.#machines.get(ex.stateMachineArn.split(':')[6] ?? '')?.roleArn ?? '',
          },
        });
      }
      const previous = added.at(-1) ?? last!;
      added.push({
        id: previous.id + 1,
        previousEventId: previous.id,
        type: 'ExecutionAborted',
        timestamp: seconds(ex.stopDate),
        executionAbortedEventDetails: { error: ex.error, cause: ex.cause },
      });
      events = [...events, ...added];
      if (ex.history !== undefined) ex.history = events;
      else {
        try {
          log.append(...added);
        } catch (e) {
          this.#report(`execution "${ex.name}": ${describeWriteFailure(log.rel, e)}`);
          ex.history = events;
        }
      }
    }
    try {
      this.#store.writeJson(recordFile(ex.executionArn), ex);
    } catch (e) {
      this.#report(`execution "${ex.name}": ${describeWriteFailure(recordFile(ex.executionArn), e)}`);
    }
  }

  /** Creates a state machine for the seed; an existing one keeps its definition (a deploy may have set it) and gains the tags. */
  seedStateMachine(
    input: {
      name: string;
      definition: string;
      roleArn: string;
      type: 'STANDARD' | 'EXPRESS';
      tags: Record<string, string>;
    },
    region: string,
  ): string {
    const existing = this.#machines.get(input.name);
    if (existing !== undefined) {
      const tags = { ...existing.tags, ...input.tags };
      this.#saveMachine({ ...existing, tags });
      existing.tags = tags;
      return existing.stateMachineArn;
    }
    return this.#create(input, region).stateMachineArn;
  }

  /** Stops every running execution and waits for them to end. */
  async close(): Promise<void> {
    this.stopAll();
    await this.waitForAll();
  }

  /** Refuses new executions and stops the running ones (they end `ABORTED`); {@link waitForAll} awaits them. */
  stopAll(): void {
    this.#closed = true;
    for (const pollers of this.#activityPollers.values()) for (const p of pollers.splice(0)) p(undefined);
    for (const l of this.#live.values()) l.execution.stop('States.Runtime', 'step-cli local is shutting down');
  }

  /** Answers one Step Functions request. */
  async handle(req: LocalRequest): Promise<LocalResponse> {
    const target = header(req.headers, 'x-amz-target') ?? '';
    const op = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
    try {
      const body = parseJsonBody(req.body);
      if (body === undefined)
        throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected');
      const result = await this.#dispatch(op, body, req);
      return jsonResponse(200, result, 'application/x-amz-json-1.0', { 'x-amzn-requestid': req.requestId });
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('states', e, req);
    }
  }

  async #dispatch(op: string, body: Record<string, unknown>, req: LocalRequest): Promise<unknown> {
    switch (op) {
      case 'CreateStateMachine':
        return this.#createRequest(body, req.region);
      case 'UpdateStateMachine':
        return this.#update(body);
      case 'DescribeStateMachine':
        return this.#describeMachine(this.#machine(str(body, 'stateMachineArn')));
      case 'DescribeStateMachineForExecution': {
        const ex = this.#execution(str(body, 'executionArn'));
        const sm = this.#machine(ex.stateMachineArn);
        return { ...this.#describeMachine(sm), definition: ex.definition };
      }
      case 'ListStateMachines':
        return this.#page(
          [...this.#machines.values()]
            .sort((a, b) => (a.name < b.name ? -1 : 1))
            .map((m) => ({
              stateMachineArn: m.stateMachineArn,
              name: m.name,
              type: m.type,
              creationDate: seconds(m.creationDate),
            })),
          body,
          'stateMachines',
        );
      case 'DeleteStateMachine': {
        const sm = this.#machine(str(body, 'stateMachineArn'));
        this.#remove(`sfn/state-machines/${sm.name}.json`);
        this.#machines.delete(sm.name);
        return {};
      }
      case 'ValidateStateMachineDefinition':
        return this.#validateRequest(body);
      case 'StartExecution':
        return this.#start(body, false);
      case 'StartSyncExecution':
        return this.#start(body, true);
      case 'DescribeExecution':
        return this.#describeExecution(this.#execution(str(body, 'executionArn')));
      case 'ListExecutions':
        return this.#listExecutions(body);
      case 'GetExecutionHistory':
        return this.#history(body);
      case 'StopExecution':
        return this.#stop(body);
      case 'SendTaskSuccess':
      case 'SendTaskFailure':
      case 'SendTaskHeartbeat':
        return this.#sendTask(op, body);
      case 'TagResource':
        return this.#tag(body);
      case 'UntagResource': {
        const sm = this.#machine(str(body, 'resourceArn'), 'ResourceNotFound');
        const keys = body.tagKeys;
        if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
          throw new AwsServiceError(
            'ValidationException',
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of strings",
          );
        }
        const tags = { ...sm.tags };
        for (const key of keys as string[]) delete tags[key];
        this.#saveMachine({ ...sm, tags });
        sm.tags = tags;
        return {};
      }
      case 'ListTagsForResource': {
        const sm = this.#machine(str(body, 'resourceArn'), 'ResourceNotFound');
        return { tags: Object.entries(sm.tags).map(([key, value]) => ({ key, value })) };
      }
      case 'TestState':
        return this.#testState(body, req.region);
      case 'CreateActivity':
        return this.#createActivity(body, req.region);
      case 'DescribeActivity': {
        const a = this.#activity(str(body, 'activityArn'));
        return { activityArn: a.activityArn, name: a.name, creationDate: seconds(a.creationDate) };
      }
      case 'ListActivities':
        return this.#page(
          [...this.#activities.values()]
            .sort((a, b) => (a.name < b.name ? -1 : 1))
            .map((a) => ({ activityArn: a.activityArn, name: a.name, creationDate: seconds(a.creationDate) })),
          body,
          'activities',
        );
      case 'DeleteActivity': {
        const a = this.#activity(str(body, 'activityArn'));
        this.#remove(`sfn/activities/${a.name}.json`);
        this.#activities.delete(a.name);
        return {};
      }
      case 'GetActivityTask':
        return this.#getActivityTask(body);
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `step-cli local does not implement the Step Functions operation '${op}'`,
        );
    }
  }

  #validateDefinition(definition: string, type: 'STANDARD' | 'EXPRESS'): void {
    checkDefinitionSize(definition);
    const result = asl.validate(definition, { stateMachineType: type, placeholders: false });
    if (!result.ok) throw new AwsServiceError('InvalidDefinition', formatInvalidDefinition(result.diagnostics));
  }

  #createRequest(body: Record<string, unknown>, region: string): unknown {
    const name = str(body, 'name');
    const type = (body.type ?? 'STANDARD') as string;
    if (type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    const definition = str(body, 'definition');
    const roleArn = str(body, 'roleArn');
    const existing = this.#machines.get(name);
    if (existing !== undefined) {
      if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
        return { stateMachineArn: existing.stateMachineArn, creationDate: seconds(existing.creationDate) };
      }
      throw new AwsServiceError(
        'StateMachineAlreadyExists',
        `State Machine Already Exists: '${existing.stateMachineArn}'`,
      );
    }
    const tags: Record<string, string> = {};
    Object.assign(tags, parseTags(body.tags));
    const sm = this.#create(
      {
        name,
        definition,
        roleArn,
        type,
        tags,
        loggingConfiguration: (body.loggingConfiguration as JsonValue | undefined) ?? {
          level: 'OFF',
          includeExecutionData: false,
        },
        tracingConfiguration: (body.tracingConfiguration as JsonValue | undefined) ?? { enabled: false },
      },
      region,
    );
    return { stateMachineArn: sm.stateMachineArn, creationDate: seconds(sm.creationDate) };
  }

  #create(
    input: {
      name: string;
      definition: string;
      roleArn: string;
      type: 'STANDARD' | 'EXPRESS';
      tags: Record<string, string>;
      loggingConfiguration?: JsonValue;
      tracingConfiguration?: JsonValue;
    },
    region: string,
  ): StateMachineRecord {
    if (!isValidName(input.name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${input.name}'`);
    checkRoleArn(input.roleArn);
    this.#validateDefinition(input.definition, input.type);
    const now = Date.now();
    const sm: StateMachineRecord = {
      stateMachineArn: `arn:aws:states:${region}:${this.#accountId}:stateMachine:${input.name}`,
      name: input.name,
      definition: input.definition,
      roleArn: input.roleArn,
      type: input.type,
      creationDate: now,
      updateDate: now,
      revisionId: randomUUID(),
      tags: input.tags,
      loggingConfiguration: input.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: input.tracingConfiguration ?? { enabled: false },
      description: '',
    };
    this.#saveMachine(sm);
    this.#machines.set(sm.name, sm);
    return sm;
  }

  #update(body: Record<string, unknown>): unknown {
    const current = this.#machine(str(body, 'stateMachineArn'));
    // Changes go to a copy that is written first; memory takes them only once the disk has.
    const sm = { ...current };
    const definition = body.definition;
    const roleArn = body.roleArn;
    if (
      definition === undefined &&
      roleArn === undefined &&
      body.loggingConfiguration === undefined &&
      body.tracingConfiguration === undefined
    ) {
      throw new AwsServiceError(
        'MissingRequiredParameter',
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (definition !== undefined) {
      if (typeof definition !== 'string')
        throw new AwsServiceError('ValidationException', "'definition' must be a string");
      this.#validateDefinition(definition, sm.type);
      sm.definition = definition;
    }
    if (roleArn !== undefined) {
      if (typeof roleArn !== 'string') throw new AwsServiceError('ValidationException', "'roleArn' must be a string");
      checkRoleArn(roleArn);
      sm.roleArn = roleArn;
    }
    if (body.loggingConfiguration !== undefined) sm.loggingConfiguration = body.loggingConfiguration as JsonValue;
    if (body.tracingConfiguration !== undefined) sm.tracingConfiguration = body.tracingConfiguration as JsonValue;
    sm.updateDate = Date.now();
    sm.revisionId = randomUUID();
    this.#saveMachine(sm);
    Object.assign(current, sm);
    return { updateDate: seconds(sm.updateDate), revisionId: sm.revisionId };
  }

  #describeMachine(sm: StateMachineRecord): Record<string, unknown> {
    return {
      stateMachineArn: sm.stateMachineArn,
      name: sm.name,
      status: 'ACTIVE',
      definition: sm.definition,
      roleArn: sm.roleArn,
      type: sm.type,
      creationDate: seconds(sm.creationDate),
      loggingConfiguration: sm.loggingConfiguration,
      tracingConfiguration: sm.tracingConfiguration,
      revisionId: sm.revisionId,
      description: sm.description,
    };
  }

  #validateRequest(body: Record<string, unknown>): unknown {
    const definition = str(body, 'definition');
    const type = body.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    const severity = body.severity === 'WARNING' ? 'WARNING' : 'ERROR';
    const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? Math.min(body.maxResults, 100) : 100;
    const result = asl.validate(definition, { stateMachineType: type, placeholders: false });
    const diagnostics = result.diagnostics
      .filter((d) => severity === 'WARNING' || d.severity === 'error')
      .map((d) => ({
        severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
        code: d.code,
        message: d.message,
        ...(d.code === 'MISSING_END_STATE' ? {} : { location: awsLocation(d.path) }),
      }));
    return {
      result: result.ok ? 'OK' : 'FAIL',
      diagnostics: diagnostics.slice(0, max),
      truncated: diagnostics.length > max,
    };
  }

  #compiledFor(definition: string): Machine {
    let machine = this.#compiled.get(definition);
    if (machine === undefined) {
      try {
        machine = interpreter.compileMachine(definition);
      } catch (e) {
        if (asl.isStepError(e) && e instanceof asl.AslValidationError) {
          throw new AwsServiceError('InvalidDefinition', formatInvalidDefinition(e.diagnostics));
        }
        throw e;
      }
      if (this.#compiled.size > 100) this.#compiled.clear();
      this.#compiled.set(definition, machine);
    }
    return machine;
  }

  async #start(body: Record<string, unknown>, sync: boolean): Promise<unknown> {
    if (this.#closed) throw new AwsServiceError('ServiceUnavailable', 'step-cli local is shutting down', 503);
    const target = parseStartTarget(str(body, 'stateMachineArn'));
    const sm = this.#machine(target.stateMachineArn);
    const mocks = target.testCase === undefined ? {} : mockOptionsFor(this.#mockConfig, sm.name, target.testCase);
    if (sync && sm.type !== 'EXPRESS') {
      throw new AwsServiceError(
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine',
      );
    }
    const name = body.name === undefined ? randomUUID() : str(body, 'name');
    if (!isValidName(name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = body.input === undefined ? '{}' : str(body, 'input', true);
    if (Buffer.byteLength(inputText) > MAX_INPUT) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT}`,
      );
    }
    let input: JsonValue;
    try {
      input = JSON.parse(inputText) as JsonValue;
    } catch (e) {
      throw new AwsServiceError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(e as Error).message}'`,
      );
    }
    const [, region] = MACHINE_ARN.exec(sm.stateMachineArn)!;
    const kind = sm.type === 'EXPRESS' ? 'express' : 'execution';
    const executionArn = `arn:aws:states:${region}:${this.#accountId}:${kind}:${sm.name}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing !== undefined && !sync) {
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn, startDate: seconds(existing.startDate) };
      }
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const machine = this.#compiledFor(sm.definition);
    const clock = createExecutionClock(target.time ?? this.#time);
    const startDate = clock?.now() ?? Date.now();
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: sm.stateMachineArn,
      name,
      status: 'RUNNING',
      startDate,
      input: inputText,
      definition: sm.definition,
    };
    // Written before it exists in memory: a record the disk refused is an execution that never started.
    if (!sync) this.#saveExecution(record);
    const execution = machine.start({
      input,
      name,
      executionArn,
      stateMachineArn: sm.stateMachineArn,
      stateMachineName: sm.name,
      roleArn: sm.roleArn,
      region,
      accountId: this.#accountId,
      ...mocks,
      ...(clock === undefined ? {} : { clock }),
      onWarning: (w) => {
        const key = `${sm.name}\0${sm.revisionId}\0${target.testCase ?? ''}\0${w.path}`;
        if (this.#warned.has(key)) return;
        this.#warned.add(key);
        this.#warn(`StartExecution ${sm.name}#${target.testCase ?? ''}: mock config ${w.path}: ${w.message}`);
      },
      invoke: (resource, taskInput, context) => {
        if (context.taskToken !== undefined) this.#tokens.set(context.taskToken, executionArn);
        return this.#invokeResource(resource, taskInput, context);
      },
      itemReader: (config, ctx) => this.#itemReader(config, ctx.input),
      resultWriter: (config, results, ctx) =>
        this.#resultWriter(
          config,
          results,
          `arn:aws:states:${region}:${this.#accountId}:mapRun:${sm.name}/${ctx.stateName}:${randomUUID()}`,
        ),
    });
    const log = sync ? undefined : this.#recordEvents(record, execution);
    const done = execution.result.then(
      (result) => this.#finish(record, result, log),
      (e: unknown) => {
        record.status = 'FAILED';
        record.error = 'States.Runtime';
        record.cause = `step-cli local: the interpreter failed: ${(e as Error).message}`;
        record.stopDate = Date.now();
        record.history = execution.history().map(toWireEvent);
        this.#live.delete(executionArn);
        if (!sync) this.#saveEnded(record);
      },
    );
    if (sync) {
      await done;
      return {
        ...this.#describeExecution(record),
        billingDetails: {
          billedMemoryUsedInMB: 64,
          billedDurationInMilliseconds: Math.max(100, (record.stopDate ?? startDate) - startDate),
        },
      };
    }
    this.#executions.set(executionArn, record);
    this.#live.set(executionArn, { execution, done });
    return { executionArn, startDate: seconds(startDate) };
  }

  #createActivity(body: Record<string, unknown>, region: string): unknown {
    const name = str(body, 'name');
    if (!isValidName(name)) throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    let activity = this.#activities.get(name);
    if (activity === undefined) {
      activity = {
        activityArn: `arn:aws:states:${region}:${this.#accountId}:activity:${name}`,
        name,
        creationDate: Date.now(),
        tags: parseTags(body.tags),
      };
      this.#write(`sfn/activities/${name}.json`, activity);
      this.#activities.set(name, activity);
    }
    return { activityArn: activity.activityArn, creationDate: seconds(activity.creationDate) };
  }

  #activity(arn: string): ActivityRecord {
    const m = /^arn:aws[\w-]*:states:[^:]+:\d{12}:activity:([^:]+)$/.exec(arn);
    if (m === null) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const activity = this.#activities.get(m[1]!);
    if (activity === undefined) throw new AwsServiceError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
    return activity;
  }

  /** Long poll (up to 60 s, as AWS): the next queued task of the activity, or `{}` when none came. */
  async #getActivityTask(body: Record<string, unknown>): Promise<unknown> {
    const activity = this.#activity(str(body, 'activityArn'));
    const queued = this.#activityQueue.get(activity.name)?.shift();
    if (queued !== undefined) return queued;
    if (this.#closed) return {};
    const task = await new Promise<{ taskToken: string; input: string } | undefined>((resolve) => {
      const pollers = this.#activityPollers.get(activity.name) ?? [];
      const timer = setTimeout(() => {
        const at = pollers.indexOf(done);
        if (at >= 0) pollers.splice(at, 1);
        resolve(undefined);
      }, 60_000);
      timer.unref();
      const done = (t: { taskToken: string; input: string } | undefined): void => {
        clearTimeout(timer);
        resolve(t);
      };
      pollers.push(done);
      this.#activityPollers.set(activity.name, pollers);
    });
    return task ?? {};
  }

  /** An activity task: queued for a worker's GetActivityTask, finished by its SendTaskSuccess/Failure. */
  #runActivity(resource: string, input: JsonValue, context: TaskContext): Promise<unknown> {
    const name = resource.split(':')[6] ?? '';
    if (!this.#activities.has(name)) {
      return Promise.reject(new NestedExecutionFailure('States.Runtime', `The activity ${resource} does not exist.`));
    }
    const taskToken = context.taskToken ?? randomUUID();
    return new Promise((resolve, reject) => {
      const task = { taskToken, input: JSON.stringify(input) };
      const onAbort = (): void => {
        this.#activityTasks.delete(taskToken);
        const queue = this.#activityQueue.get(name);
        const at = queue?.indexOf(task) ?? -1;
        if (queue !== undefined && at >= 0) queue.splice(at, 1);
        reject(new NestedExecutionFailure('States.Runtime', 'the task was aborted'));
      };
      context.signal.addEventListener('abort', onAbort, { once: true });
      this.#activityTasks.set(taskToken, {
        activity: name,
        succeed: (output) => {
          context.signal.removeEventListener('abort', onAbort);
          resolve(output);
        },
        fail: (error) => {
          context.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      const poller = this.#activityPollers.get(name)?.shift();
      if (poller !== undefined) poller(task);
      else {
        const queue = this.#activityQueue.get(name) ?? [];
        queue.push(task);
        this.#activityQueue.set(name, queue);
      }
    });
  }

  /** Nested executions (`states:startExecution[.sync[:2]]`) and activities here; every other resource goes to the invoker. */
  async #invokeResource(resource: string, input: JsonValue, context: TaskContext): Promise<unknown> {
    if (/^arn:aws[\w-]*:states:[^:]+:\d{12}:activity:[^:]+$/.test(resource))
      return this.#runActivity(resource, input, context);
    const m = /^arn:aws[\w-]*:states:::states:startExecution(\.sync(:2)?)?$/.exec(resource);
    if (m === null) return this.#invoke(resource, input, context);
    const args = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
    const childInput =
      args.Input === undefined ? '{}' : typeof args.Input === 'string' ? args.Input : JSON.stringify(args.Input);
    let started: { executionArn: string; startDate: number };
    try {
      started = (await this.#start(
        {
          stateMachineArn: args.StateMachineArn,
          input: childInput,
          ...(args.Name === undefined ? {} : { name: args.Name }),
        },
        false,
      )) as { executionArn: string; startDate: number };
    } catch (e) {
      if (e instanceof AwsServiceError) {
        throw new NestedExecutionFailure(
          `StepFunctions.${e.code}Exception`,
          `${e.message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${e.code})`,
        );
      }
      throw e;
    }
    if (m[1] === undefined) {
      return { ExecutionArn: started.executionArn, StartDate: Math.round(started.startDate * 1000) };
    }
    const onAbort = (): void => this.#live.get(started.executionArn)?.execution.stop();
    context.signal.addEventListener('abort', onAbort, { once: true });
    await this.waitForExecution(started.executionArn);
    context.signal.removeEventListener('abort', onAbort);
    const child = this.#executions.get(started.executionArn)!;
    const parsed = m[2] !== undefined;
    const describe: Record<string, JsonValue> = {
      ExecutionArn: child.executionArn,
      Input: parsed ? (JSON.parse(child.input) as JsonValue) : child.input,
      InputDetails: { Included: true },
      Name: child.name,
      ...(child.output === undefined
        ? {}
        : {
            Output: parsed ? (JSON.parse(child.output) as JsonValue) : child.output,
            OutputDetails: { Included: true },
          }),
      StartDate: child.startDate,
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopDate ?? Date.now(),
      ...(child.error === undefined ? {} : { Error: child.error }),
      ...(child.cause === undefined ? {} : { Cause: child.cause }),
    };
    if (child.status !== 'SUCCEEDED') throw new NestedExecutionFailure('States.TaskFailed', JSON.stringify(describe));
    return describe;
  }

  /**
   * Appends the execution's events to its file as they happen (none without a data directory). A write the disk
   * refuses is reported once; the execution runs on and keeps its history in memory instead.
   */
  #recordEvents(record: ExecutionRecord, execution: Execution): { log: ExecutionLog; ok: boolean } | undefined {
    if (this.#store.dir === undefined) return undefined;
    const state = { log: new ExecutionLog(this.#store, logFile(record.executionArn)), ok: true };
    const write = (events: WireEvent[]): void => {
      if (!state.ok) return;
      try {
        state.log.append(...events);
      } catch (e) {
        state.ok = false;
        this.#report(
          `execution "${record.name}" keeps its history in memory: ${describeWriteFailure(state.log.rel, e)}`,
        );
      }
    };
    // ExecutionStarted is recorded by start(); every later event comes through the listener.
    write(execution.history().map(toWireEvent));
    execution.onEvent((e) => write([toWireEvent(e)]));
    return state;
  }

  #finish(record: ExecutionRecord, result: ExecutionResult, log: { ok: boolean } | undefined): void {
    record.status = result.status;
    record.stopDate = result.stopDate.getTime();
    if (result.output !== undefined) record.output = JSON.stringify(result.output);
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    // An ended execution's history lives in its events file; memory keeps it only when there is no such file.
    if (log?.ok !== true) record.history = result.history().map(toWireEvent);
    const live = this.#live.get(record.executionArn);
    this.#live.delete(record.executionArn);
    for (const [token, arn] of this.#tokens) if (arn === record.executionArn) this.#tokens.delete(token);
    if (live !== undefined) this.#saveEnded(record);
  }

  /**
   * Records an execution's end. The end is already answered from memory (DescribeExecution); a disk that refuses
   * the record is reported, never thrown: there is no request to answer it to. A restart then finds the
   * execution's end in its events file.
   */
  #saveEnded(record: ExecutionRecord): void {
    try {
      this.#saveExecution(record);
    } catch (e) {
      this.#report(
        `the end of execution "${record.name}" is answered but not saved: ${describeWriteFailure(recordFile(record.executionArn), e)}`,
      );
    }
  }

  /** Waits until every execution running now has ended. */
  async waitForAll(): Promise<void> {
    await Promise.all([...this.#live.values()].map((l) => l.done));
  }

  /** Waits for an execution started through the API to end (tests and the CLI use it; no polling). */
  async waitForExecution(executionArn: string): Promise<void> {
    await this.#live.get(executionArn)?.done;
  }

  #describeExecution(ex: ExecutionRecord): Record<string, unknown> {
    return {
      executionArn: ex.executionArn,
      stateMachineArn: ex.stateMachineArn,
      name: ex.name,
      status: ex.status,
      startDate: seconds(ex.startDate),
      ...(ex.stopDate === undefined ? {} : { stopDate: seconds(ex.stopDate) }),
      input: ex.input,
      inputDetails: { included: true },
      ...(ex.output === undefined ? {} : { output: ex.output, outputDetails: { included: true } }),
      ...(ex.error === undefined ? {} : { error: ex.error }),
      ...(ex.cause === undefined ? {} : { cause: ex.cause }),
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  #listExecutions(body: Record<string, unknown>): unknown {
    const smArn = str(body, 'stateMachineArn');
    const sm = this.#machine(smArn);
    const filter = body.statusFilter as string | undefined;
    const list = [...this.#executions.values()]
      .filter((e) => e.stateMachineArn === sm.stateMachineArn && (filter === undefined || e.status === filter))
      .sort((a, b) => b.startDate - a.startDate)
      .map((e) => ({
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: seconds(e.startDate),
        ...(e.stopDate === undefined ? {} : { stopDate: seconds(e.stopDate) }),
      }));
    return this.#page(list, body, 'executions');
  }

  #history(body: Record<string, unknown>): unknown {
    const ex = this.#execution(str(body, 'executionArn'));
    const live = this.#live.get(ex.executionArn);
    let events = live !== undefined ? live.execution.history().map(toWireEvent) : (ex.history ?? this.#readHistory(ex));
    if (body.reverseOrder === true) events = [...events].reverse();
    if (body.includeExecutionData === false) events = events.map(stripData);
    return this.#page(events, body, 'events', 100);
  }

  /** An ended execution's history from its events file (one file read per history, not per page). */
  #readHistory(ex: ExecutionRecord): Record<string, unknown>[] {
    if (this.#historyCache?.executionArn === ex.executionArn) return this.#historyCache.events;
    const events = new ExecutionLog(this.#store, logFile(ex.executionArn)).read().events;
    this.#historyCache = { executionArn: ex.executionArn, events };
    return events;
  }

  #page<T>(items: T[], body: Record<string, unknown>, key: string, defaultMax = 100): Record<string, unknown> {
    const { maxResults, nextToken } = body;
    if (maxResults !== undefined && maxResults !== null) {
      if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value '${JSON.stringify(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must be an integer between 0 and 1000`,
        );
      }
    }
    const max = typeof maxResults === 'number' && maxResults > 0 ? maxResults : defaultMax;
    let start = 0;
    if (nextToken !== undefined && nextToken !== null) {
      // Tokens are what this server handed out: the base64url of a non-negative offset, nothing else.
      const decoded = typeof nextToken === 'string' ? Buffer.from(nextToken, 'base64url').toString('utf8') : '';
      if (!/^(0|[1-9]\d*)$/.test(decoded) || Buffer.from(decoded).toString('base64url') !== nextToken) {
        throw new AwsServiceError(
          'InvalidToken',
          `Invalid Token: '${typeof nextToken === 'string' ? nextToken : JSON.stringify(nextToken)}'`,
        );
      }
      start = Number(decoded);
    }
    const page = items.slice(start, start + max);
    const next = start + max < items.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
    return { [key]: page, ...(next === undefined ? {} : { nextToken: next }) };
  }

  async #stop(body: Record<string, unknown>): Promise<unknown> {
    const ex = this.#execution(str(body, 'executionArn'));
    const live = this.#live.get(ex.executionArn);
    if (live !== undefined) {
      live.execution.stop(optStr(body, 'error'), optStr(body, 'cause'));
      await live.done;
    }
    return { stopDate: seconds(ex.stopDate ?? Date.now()) };
  }

  #sendTask(op: string, body: Record<string, unknown>): unknown {
    const token = str(body, 'taskToken');
    const activityTask = this.#activityTasks.get(token);
    if (activityTask !== undefined) {
      if (op === 'SendTaskSuccess') {
        const output = jsonField(body, 'output');
        this.#activityTasks.delete(token);
        activityTask.succeed(output);
      } else if (op === 'SendTaskFailure') {
        this.#activityTasks.delete(token);
        activityTask.fail(new NestedExecutionFailure(optStr(body, 'error') ?? '', optStr(body, 'cause') ?? ''));
      }
      return {};
    }
    const arn = this.#tokens.get(token);
    const live = arn === undefined ? this.#liveWithToken(token) : this.#live.get(arn);
    if (live === undefined) throw new AwsServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    try {
      if (op === 'SendTaskSuccess') {
        const text = str(body, 'output', true);
        let output: unknown;
        try {
          output = JSON.parse(text);
        } catch (e) {
          throw new AwsServiceError('InvalidOutput', `Invalid Output: '${(e as Error).message}'`);
        }
        live.execution.sendTaskSuccess(token, output);
        this.#tokens.delete(token);
      } else if (op === 'SendTaskFailure') {
        live.execution.sendTaskFailure(token, optStr(body, 'error'), optStr(body, 'cause'));
        this.#tokens.delete(token);
      } else {
        live.execution.sendTaskHeartbeat(token);
      }
    } catch (e) {
      if (e instanceof AwsServiceError) throw e;
      throw new AwsServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    }
    return {};
  }

  /** Finds the execution waiting on a token the invoker never saw (a token minted for a handler-less task). */
  #liveWithToken(token: string): LiveExecution | undefined {
    // A heartbeat is harmless to the owner and refused by every other execution.
    for (const live of this.#live.values()) {
      try {
        live.execution.sendTaskHeartbeat(token);
        return live;
      } catch {
        // not this execution's token
      }
    }
    return undefined;
  }

  #tag(body: Record<string, unknown>): unknown {
    const sm = this.#machine(str(body, 'resourceArn'), 'ResourceNotFound');
    const tags = { ...sm.tags, ...parseTags(body.tags) };
    this.#saveMachine({ ...sm, tags });
    sm.tags = tags;
    return {};
  }

  #testState(body: Record<string, unknown>, region: string): Promise<unknown> {
    return testState(body, {
      accountId: this.#accountId,
      region,
      compile: (definition) => this.#compiledFor(definition),
      invoke: (resource, taskInput, context) => this.#invokeResource(resource, taskInput, context),
    });
  }

  #machine(
    arn: string,
    missing: 'StateMachineDoesNotExist' | 'ResourceNotFound' = 'StateMachineDoesNotExist',
  ): StateMachineRecord {
    const m = MACHINE_ARN.exec(arn);
    if (m === null)
      throw new AwsServiceError(
        'InvalidArn',
        `Invalid Arn: 'Resource type not valid in this context: ${arn.split(':')[5] ?? arn}'`,
      );
    const sm = this.#machines.get(m[3]!);
    if (sm === undefined) {
      throw new AwsServiceError(
        missing,
        missing === 'ResourceNotFound' ? `Resource not found: '${arn}'` : `State Machine Does Not Exist: '${arn}'`,
      );
    }
    return sm;
  }

  #execution(arn: string): ExecutionRecord {
    if (!EXECUTION_ARN.test(arn))
      throw new AwsServiceError(
        'InvalidArn',
        `Invalid Arn: 'Resource type not valid in this context: ${arn.split(':')[5] ?? arn}'`,
      );
    const ex = this.#executions.get(arn);
    if (ex === undefined) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return ex;
  }

  #saveMachine(sm: StateMachineRecord): void {
    this.#write(`sfn/state-machines/${sm.name}.json`, sm);
  }

  /** Writes an execution's record; a write the disk refuses is Step Functions' `500 ServiceException`. */
  #saveExecution(ex: ExecutionRecord): void {
    this.#write(recordFile(ex.executionArn), ex);
  }

  /** Removes a record before memory changes; a removal the disk refuses answers `500 ServiceException`. */
  #remove(rel: string): void {
    try {
      this.#store.remove(rel);
    } catch (e) {
      throw new AwsServiceError('ServiceException', `step-cli local ${describeWriteFailure(rel, e)}`, 500);
    }
  }

  /** Writes a record before memory changes; a write the disk refuses answers `500 ServiceException`. */
  #write(rel: string, value: unknown): void {
    try {
      this.#store.writeJson(rel, value);
    } catch (e) {
      throw new AwsServiceError('ServiceException', `step-cli local ${describeWriteFailure(rel, e)}`, 500);
    }
  }
}

/** An execution's record (its summary: what DescribeExecution and ListExecutions answer). */
function recordFile(executionArn: string): string {
  return `sfn/executions/${fileId(executionArn)}.json`;
}

/** An execution's events, one JSON line each. */
function logFile(executionArn: string): string {
  return `sfn/executions/${fileId(executionArn)}.events.jsonl`;
}

/** A failed nested execution, reported as Step Functions reports it (the error is the `name`). */
class NestedExecutionFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

function stripData(e: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k.endsWith('EventDetails') && typeof v === 'object' && v !== null) {
      const { input: _i, output: _o, parameters: _p, ...rest } = v as Record<string, unknown>;
      out[k] = rest;
    } else out[k] = v;
  }
  return out;
}

function parseTags(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!Array.isArray(value))
    throw new AwsServiceError(
      'ValidationException',
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must be a list",
    );
  const tags: Record<string, string> = {};
  for (const t of value as unknown[]) {
    const tag = t as { key?: unknown; value?: unknown } | null;
    if (tag === null || typeof tag !== 'object' || typeof tag.key !== 'string') {
      throw new AwsServiceError(
        'ValidationException',
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: every tag needs a string 'key'",
      );
    }
    tags[tag.key] = typeof tag.value === 'string' ? tag.value : '';
  }
  return tags;
}

function jsonField(body: Record<string, unknown>, field: string): JsonValue {
  const text = str(body, field, true);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' is not valid JSON: ${(e as Error).message}`,
    );
  }
}

function checkRoleArn(roleArn: string): void {
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn))
    throw new AwsServiceError('InvalidArn', `Invalid Arn: '${roleArn}'`);
}

function str(body: Record<string, unknown>, field: string, allowEmpty = false): string {
  const value = body[field];
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    throw new AwsServiceError(
      'ValidationException',
      value === undefined
        ? `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`
        : `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a non-empty string`,
    );
  }
  return value;
}

function optStr(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}
