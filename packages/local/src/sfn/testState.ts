import type { JsonValue } from '@step/asl';
import { VirtualClock } from '@step/interpreter';
import type { ExecutionOptions, HistoryEvent, Machine, ResourceInvoker } from '@step/interpreter';
import { AwsServiceError } from '../AwsServiceError.js';
import { validateMockResult } from './validateMockResult.js';

/**
 * What {@link testState} needs from the Step Functions service: the account, the request's region, the
 * definition compiler (it throws `InvalidDefinition`) and the invoker of Task resources.
 * @internal
 */
export interface TestStateDeps {
  accountId: string;
  region: string;
  compile: (definition: string) => Machine;
  invoke: ResourceInvoker;
}

/**
 * AWS's `InspectionData`: each data step of the state as JSON text, and how an error was handled.
 * @internal
 */
export interface InspectionData {
  input?: string;
  afterArguments?: string;
  afterInputPath?: string;
  afterParameters?: string;
  result?: string;
  afterResultSelector?: string;
  afterResultPath?: string;
  afterItemsPath?: string;
  variables?: string;
  request?: { protocol?: string; method?: string; url?: string; headers?: string; body?: string };
  response?: { protocol?: string; statusCode?: string; statusMessage?: string; headers?: string; body?: string };
  errorDetails?: { catchIndex?: number; retryIndex?: number; retryBackoffIntervalSeconds?: number };
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

/**
 * AWS's `TestState` answer.
 * @internal
 */
export interface TestStateResponse {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: InspectionData;
}

type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';
type ValidationMode = 'STRICT' | 'PRESENT' | 'NONE';
type Json = Record<string, JsonValue>;

interface Mock {
  result?: JsonValue;
  errorOutput?: { error?: string; cause?: string };
  mode: ValidationMode;
}

interface TestStateRequest {
  stateName: string;
  state: Json;
  jsonata: boolean;
  input: JsonValue;
  inputText: string;
  level: InspectionLevel;
  roleArn: string | undefined;
  variables: Json | undefined;
  mock: Mock | undefined;
  context: Json | undefined;
  retrierRetryCount: number;
  mapIterationFailureCount: number;
}

/** Runs the variables of the request into the tested state's scope: `Assign` in a Pass state before it. */
const VARIABLES_STATE = 'StepLocalTestStateVariables';
/** The function a mocked Map or Parallel state is tested as: a Task whose result is the mock (never called). */
const MOCKED_FUNCTION = 'StepLocalMockedState';
const MOCK_NAME = 'StepLocalTestState';
const MOCKABLE = new Set(['Task', 'Map', 'Parallel']);
/** Errors no retrier or catcher handles, whatever its ErrorEquals says. */
const TERMINAL = new Set(['States.Runtime', 'States.DataLimitExceeded']);

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: JsonValue | undefined): string | undefined {
  return v === undefined ? undefined : JSON.stringify(v);
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    throw validation(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must be a string`,
    );
  }
  return v;
}

function parseJsonField(value: string, field: string): JsonValue {
  try {
    return JSON.parse(value) as JsonValue;
  } catch (e) {
    throw validation(`1 validation error detected: Value at '${field}' is not valid JSON: ${(e as Error).message}`);
  }
}

function oneOf<T extends string>(body: Record<string, unknown>, field: string, values: readonly T[], fallback: T): T {
  const v = optionalString(body, field);
  if (v === undefined) return fallback;
  if (!(values as readonly string[]).includes(v)) {
    throw validation(
      `1 validation error detected: Value '${v}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
    );
  }
  return v as T;
}

function parseDefinition(body: Record<string, unknown>): { stateName: string; state: Json; topLanguage: unknown } {
  const definition = body.definition;
  if (typeof definition !== 'string' || definition === '') {
    throw validation(
      definition === undefined
        ? "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null"
        : "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must be a non-empty string",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (e) {
    throw new AwsServiceError(
      'InvalidDefinition',
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(e as Error).message}'`,
    );
  }
  if (!isObject(parsed)) {
    throw new AwsServiceError(
      'InvalidDefinition',
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'",
    );
  }
  const requested = optionalString(body, 'stateName');
  if (!isObject(parsed.States)) {
    if (requested !== undefined) {
      throw validation(
        `stateName '${requested}' needs a whole state machine in 'definition' (with StartAt and States); this definition is a single state`,
      );
    }
    return { stateName: 'TestState', state: parsed, topLanguage: undefined };
  }
  const stateName = requested ?? (typeof parsed.StartAt === 'string' ? parsed.StartAt : '');
  const state = parsed.States[stateName];
  if (!isObject(state)) throw validation(`State '${stateName}' is not in the definition`);
  return { stateName, state, topLanguage: parsed.QueryLanguage };
}

function parseMock(body: Record<string, unknown>): Mock | undefined {
  const mock = body.mock;
  if (mock === undefined || mock === null) return undefined;
  if (!isObject(mock)) throw validation("1 validation error detected: Value at 'mock' must be an object");
  const mode = oneOf(mock, 'fieldValidationMode', ['STRICT', 'PRESENT', 'NONE'] as const, 'STRICT');
  const resultText = optionalString(mock, 'result');
  const errorOutput = mock.errorOutput;
  if (resultText !== undefined && errorOutput !== undefined && errorOutput !== null) {
    throw validation('A test mock should have only one of the following fields: [result, errorOutput].');
  }
  if (errorOutput !== undefined && errorOutput !== null) {
    if (!isObject(errorOutput))
      throw validation("1 validation error detected: Value at 'mock.errorOutput' must be an object");
    return {
      mode,
      errorOutput: { error: optionalString(errorOutput, 'error'), cause: optionalString(errorOutput, 'cause') },
    };
  }
  if (resultText === undefined) {
    throw validation('A test mock should have one of the following fields: [result, errorOutput].');
  }
  let result: JsonValue;
  try {
    result = JSON.parse(resultText) as JsonValue;
  } catch {
    throw validation('Mocked result must be valid JSON');
  }
  return { mode, result };
}

/** A non-negative integer of `stateConfiguration`; 0 when absent. */
function count(config: Json, field: string): number {
  const v = config[field];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw validation(
      `1 validation error detected: Value at 'stateConfiguration.${field}' failed to satisfy constraint: Member must be an integer >= 0`,
    );
  }
  return v;
}

function parseRequest(body: Record<string, unknown>): TestStateRequest {
  const { stateName, state, topLanguage } = parseDefinition(body);
  const inputText = optionalString(body, 'input') ?? '{}';
  const input = parseJsonField(inputText, 'input');
  const level = oneOf(body, 'inspectionLevel', ['INFO', 'DEBUG', 'TRACE'] as const, 'INFO');
  const variablesText = optionalString(body, 'variables');
  let variables: Json | undefined;
  if (variablesText !== undefined) {
    const parsed = parseJsonField(variablesText, 'variables');
    if (!isObject(parsed)) {
      throw validation('\'variables\' must be a JSON object whose keys are the variable names, such as {"total": 3}');
    }
    variables = parsed;
  }
  const mock = parseMock(body);
  if (mock !== undefined && body.revealSecrets === true) {
    throw validation('TestState does not support RevealSecrets when a mock is specified.');
  }
  const contextText = optionalString(body, 'context');
  let context: Json | undefined;
  if (contextText !== undefined) {
    if (mock === undefined) throw validation('TestState does not support Context when a mock is not specified.');
    const parsed = parseJsonField(contextText, 'context');
    if (!isObject(parsed))
      throw validation('\'context\' must be a JSON object (a Context object such as {"Execution": {...}})');
    context = parsed;
  }
  const config = isObject(body.stateConfiguration) ? body.stateConfiguration : {};
  const retrierRetryCount = count(config, 'retrierRetryCount');
  const mapIterationFailureCount = count(config, 'mapIterationFailureCount');
  if (config.mapIterationFailureCount !== undefined && config.mapIterationFailureCount !== null && mock === undefined) {
    throw validation('TestState does not support MapIterationFailureCount when a mock is not specified.');
  }
  const language = state.QueryLanguage ?? topLanguage;
  return {
    stateName,
    state,
    jsonata: language === 'JSONata',
    input,
    inputText,
    level,
    roleArn: optionalString(body, 'roleArn'),
    variables,
    mock,
    context,
    retrierRetryCount,
    mapIterationFailureCount,
  };
}

/** Refuses what AWS refuses before running: a mock where none is allowed, Map/Parallel without one, a badly shaped mock. */
function checkRequest(req: TestStateRequest): void {
  const type = typeof req.state.Type === 'string' ? req.state.Type : '';
  if (req.mock === undefined) {
    if (type === 'Map' || type === 'Parallel') {
      throw new AwsServiceError(
        'InvalidDefinition',
        'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
      );
    }
    const resource = str(req.state.Resource) ?? '';
    if (type === 'Task' && (/:activity:/.test(resource) || /\.(sync(:2)?|waitForTaskToken)$/.test(resource))) {
      throw validation(
        `TestState supports Activity tasks and the .sync and .waitForTaskToken integration patterns only with a mock (Resource '${resource}'); add mock.result or mock.errorOutput`,
      );
    }
    if (type === 'Task' && req.roleArn === undefined)
      throw validation('RoleArn must be specified when testing a Task state');
    return;
  }
  if (!MOCKABLE.has(type)) throw validation(`State type '${type}' is not supported when a mock is specified`);
  const result = req.mock.result;
  if (result === undefined) return;
  if (type === 'Parallel') {
    if (!Array.isArray(result)) throw validation('Mocked result must be an array.');
    const branches = Array.isArray(req.state.Branches) ? req.state.Branches.length : 0;
    if (result.length !== branches) {
      throw validation('Mocked result must contain the same number of items as number of Parallel branches.');
    }
  } else if (type === 'Map') {
    if (req.state.ResultWriter !== undefined) {
      if (!isObject(result)) throw validation('Mocked result must be a JSON object.');
    } else if (!Array.isArray(result)) throw validation('Mocked result must be an array.');
    else if (req.mapIterationFailureCount > result.length) {
      throw validation('Map iteration failure count must be less than or equal to the number of Map iterations');
    }
  } else {
    const problem = validateMockResult(str(req.state.Resource) ?? '', result, req.mock.mode);
    if (problem !== undefined) throw validation(problem);
  }
}

/** The fields of a Map or Parallel state a mocked run keeps: its input and output processing and its transitions. */
const KEPT_WHEN_MOCKED = [
  'Comment',
  'QueryLanguage',
  'InputPath',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'Output',
  'Assign',
  'Catch',
  'Next',
  'End',
];

/** The state as it runs: one attempt (Retry is judged afterwards), a mocked Map/Parallel as a Task. */
function stateToRun(req: TestStateRequest, deps: TestStateDeps): Json {
  const { Retry: _retry, ...once } = req.state;
  const language = { QueryLanguage: req.jsonata ? 'JSONata' : 'JSONPath' };
  if (req.mock !== undefined && once.Type !== 'Task') {
    const resource = `arn:aws:lambda:${deps.region}:${deps.accountId}:function:${MOCKED_FUNCTION}`;
    const kept: Json = { Type: 'Task', Resource: resource };
    for (const key of KEPT_WHEN_MOCKED) if (once[key] !== undefined) kept[key] = once[key]!;
    return { ...kept, ...language };
  }
  return { ...once, ...language };
}

function transitionTargets(state: Json): string[] {
  const targets: string[] = [];
  const add = (v: JsonValue | undefined): void => {
    if (typeof v === 'string') targets.push(v);
  };
  add(state.Next);
  add(state.Default);
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list)) for (const c of list) if (isObject(c)) add(c.Next);
  }
  return targets;
}

/** A machine that assigns the request's variables, runs `state` as `stateName`, and ends in each of its targets. */
function machineAround(req: TestStateRequest, state: Json): string {
  const states: Json = {};
  const start = req.variables === undefined ? req.stateName : VARIABLES_STATE;
  if (req.variables !== undefined) {
    states[VARIABLES_STATE] = { Type: 'Pass', Assign: req.variables, Next: req.stateName };
  }
  states[req.stateName] = state;
  for (const t of transitionTargets(state)) if (t !== req.stateName) states[t] = { Type: 'Succeed' };
  return JSON.stringify({ StartAt: start, States: states });
}

/**
 * Whether `stateConfiguration.mapIterationFailureCount` failed iterations are more than a mocked Map state
 * tolerates (`ToleratedFailureCount`, `ToleratedFailurePercentage` of the mocked result's items). A Map that
 * sets neither is not judged, as AWS's recorded answers show.
 */
function exceedsToleratedFailures(req: TestStateRequest): boolean {
  const s = req.state;
  const failed = req.mapIterationFailureCount;
  if (s.Type !== 'Map' || failed === 0) return false;
  const items = Array.isArray(req.mock?.result) ? req.mock.result.length : 0;
  const byCount = typeof s.ToleratedFailureCount === 'number' && failed > s.ToleratedFailureCount;
  const byPercentage =
    typeof s.ToleratedFailurePercentage === 'number' &&
    items > 0 &&
    (failed / items) * 100 > s.ToleratedFailurePercentage;
  return byCount || byPercentage;
}

function mockConfigFor(req: TestStateRequest): ExecutionOptions['mockConfig'] {
  const mock = req.mock;
  if (mock === undefined) return undefined;
  const response =
    mock.errorOutput === undefined && exceedsToleratedFailures(req)
      ? {
          Throw: {
            Error: 'States.ExceedToleratedFailureThreshold',
            Cause: 'The specified tolerated failure threshold was exceeded',
          },
        }
      : mock.errorOutput !== undefined
        ? {
            Throw: {
              Error: mock.errorOutput.error ?? 'States.TaskFailed',
              ...(mock.errorOutput.cause === undefined ? {} : { Cause: mock.errorOutput.cause }),
            },
          }
        : { Return: mock.result ?? null };
  return {
    StateMachines: { [MOCK_NAME]: { TestCases: { [MOCK_NAME]: { [req.stateName]: 'Mocked' } } } },
    MockedResponses: { Mocked: { '0': response } },
  };
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The start options of every run for one request: names, ARNs and context from `context`, simulated time. */
function baseOptions(req: TestStateRequest, deps: TestStateDeps): ExecutionOptions {
  const ctx = req.context ?? {};
  const execution = isObject(ctx.Execution) ? ctx.Execution : {};
  const machine = isObject(ctx.StateMachine) ? ctx.StateMachine : {};
  const name = str(execution.Name) ?? MOCK_NAME;
  const machineName = str(machine.Name) ?? MOCK_NAME;
  const roleArn = str(execution.RoleArn) ?? req.roleArn ?? `arn:aws:iam::${deps.accountId}:role/StepLocalTestState`;
  return {
    name,
    roleArn,
    region: deps.region,
    accountId: deps.accountId,
    stateMachineName: MOCK_NAME,
    stateMachineArn: str(machine.Id) ?? `arn:aws:states:${deps.region}:${deps.accountId}:stateMachine:${machineName}`,
    executionArn: str(execution.Id) ?? `arn:aws:states:${deps.region}:${deps.accountId}:express:${machineName}:${name}`,
    // TestState runs one state once: Wait states and timeouts do not hold the answer back.
    clock: new VirtualClock(),
  };
}

function errorMatches(names: JsonValue | undefined, error: string): boolean {
  if (!Array.isArray(names)) return false;
  if (error === 'States.Runtime') return false;
  if (names.includes(error)) return true;
  if (TERMINAL.has(error)) return false;
  return names.some((n) => n === 'States.ALL' || (n === 'States.TaskFailed' && error !== 'States.Timeout'));
}

function firstMatch(handlers: JsonValue | undefined, error: string): number | undefined {
  if (!Array.isArray(handlers)) return undefined;
  const i = handlers.findIndex((h) => isObject(h) && errorMatches(h.ErrorEquals, error));
  return i < 0 ? undefined : i;
}

interface RetryVerdict {
  retryIndex: number;
  /** The back-off before the next attempt, when the retrier still has attempts left. */
  backoff?: number;
}

/** What the state's Retry does with `error` after `count` retries: AWS's delay formula, without jitter. */
function retryVerdict(state: Json, error: string, count: number): RetryVerdict | undefined {
  const index = firstMatch(state.Retry, error);
  if (index === undefined) return undefined;
  const retrier = (state.Retry as Json[])[index]!;
  const num = (v: JsonValue | undefined, fallback: number): number => (typeof v === 'number' ? v : fallback);
  if (count >= num(retrier.MaxAttempts, 3)) return { retryIndex: index };
  let delay = num(retrier.IntervalSeconds, 1) * num(retrier.BackoffRate, 2) ** count;
  if (typeof retrier.MaxDelaySeconds === 'number') delay = Math.min(delay, retrier.MaxDelaySeconds);
  return { retryIndex: index, backoff: Math.round(delay) };
}

function details(e: HistoryEvent): Record<string, unknown> | undefined {
  for (const [k, v] of Object.entries(e)) if (k.endsWith('EventDetails') && isObject(v)) return v;
  return undefined;
}

function parse(textValue: unknown): JsonValue | undefined {
  return typeof textValue === 'string' ? (JSON.parse(textValue) as JsonValue) : undefined;
}

/** The facts of the tested state's run that its history holds. */
interface RunFacts {
  failure?: { error: string; cause?: string };
  afterArguments?: string;
  result?: string;
  exitedOutput?: string;
  assigned?: Record<string, string>;
}

function factsOf(events: readonly HistoryEvent[], stateName: string): RunFacts {
  const facts: RunFacts = {};
  let inState = false;
  for (const e of events) {
    const d = details(e);
    if (e.type.endsWith('StateEntered')) inState = d?.name === stateName;
    if (!inState || d === undefined) continue;
    if (e.type.endsWith('StateExited')) {
      facts.exitedOutput = typeof d.output === 'string' ? d.output : undefined;
      if (isObject(d.assignedVariables)) facts.assigned = d.assignedVariables as Record<string, string>;
      inState = false;
    } else if (e.type === 'TaskScheduled' && typeof d.parameters === 'string') {
      facts.afterArguments = d.parameters;
    } else if (e.type === 'LambdaFunctionScheduled' && typeof d.input === 'string') {
      facts.afterArguments = d.input;
    } else if (e.type.endsWith('Succeeded') && typeof d.output === 'string') {
      facts.result = d.output;
    } else if (typeof d.error === 'string') {
      facts.failure = { error: d.error, ...(typeof d.cause === 'string' ? { cause: d.cause } : {}) };
    }
  }
  return facts;
}

/** Runs one JSONPath Pass state named like the tested one (same variables, same `$$`) and returns its output. */
async function evaluatePass(
  req: TestStateRequest,
  deps: TestStateDeps,
  fields: Json,
  input: JsonValue,
): Promise<JsonValue | undefined> {
  try {
    const definition = machineAround(req, { Type: 'Pass', ...fields, End: true });
    const result = await deps.compile(definition).start({ ...baseOptions(req, deps), input }).result;
    return result.status === 'SUCCEEDED' ? result.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSONPath data steps AWS reports, each worked out by the interpreter itself: a Pass state with the tested
 * state's `InputPath`, `Parameters`, `ResultSelector` (as Parameters) or `ResultPath`.
 */
async function jsonPathSteps(
  req: TestStateRequest,
  deps: TestStateDeps,
  facts: RunFacts,
  succeeded: boolean,
): Promise<InspectionData> {
  const s = req.state;
  const type = s.Type;
  const data: InspectionData = {};
  const only = (key: string): Json => (s[key] === undefined ? {} : { [key]: s[key]! });
  const withResultPath = async (result: JsonValue): Promise<void> => {
    const selected =
      s.ResultSelector === undefined ? result : await evaluatePass(req, deps, { Parameters: s.ResultSelector }, result);
    data.afterResultSelector = text(selected);
    if (selected === undefined) return;
    data.afterResultPath = text(await evaluatePass(req, deps, { Result: selected, ...only('ResultPath') }, req.input));
  };
  if (req.mock !== undefined && (type === 'Parallel' || type === 'Map')) {
    if (type === 'Map') {
      // AWS reports the items a JSONPath Map would iterate: its input after InputPath, then ItemsPath.
      data.afterInputPath = text(await evaluatePass(req, deps, only('InputPath'), req.input));
      const itemsPath = { ...only('InputPath'), OutputPath: s.ItemsPath ?? '$' };
      if (data.afterInputPath !== undefined)
        data.afterItemsPath = text(await evaluatePass(req, deps, itemsPath, req.input));
      return data;
    }
    if (succeeded && req.mock.result !== undefined) await withResultPath(req.mock.result);
    return data;
  }
  if (type === 'Pass' && s.Result !== undefined) {
    data.result = text(s.Result);
    if (succeeded) await withResultPath(s.Result);
    return data;
  }
  const afterInputPath = await evaluatePass(req, deps, only('InputPath'), req.input);
  data.afterInputPath = text(afterInputPath);
  if (type !== 'Pass' && type !== 'Task') return data;
  if (afterInputPath === undefined) return data;
  if (type === 'Task') {
    data.afterParameters = facts.afterArguments;
    if (!succeeded) return data;
    data.result = facts.result ?? text(req.mock?.result);
    const result = parse(data.result);
    if (result !== undefined) await withResultPath(result);
    return data;
  }
  const afterParameters =
    s.Parameters === undefined
      ? afterInputPath
      : await evaluatePass(req, deps, { Parameters: s.Parameters }, afterInputPath);
  data.afterParameters = text(afterParameters);
  if (succeeded && afterParameters !== undefined) {
    data.afterResultSelector = data.afterParameters;
    data.afterResultPath = text(
      await evaluatePass(req, deps, { Result: afterParameters, ...only('ResultPath') }, req.input),
    );
  }
  return data;
}

/** TRACE for an HTTP Task: the request its Arguments/Parameters describe and the response its result holds. */
function httpTrace(req: TestStateRequest, facts: RunFacts, data: InspectionData): void {
  if (req.state.Type !== 'Task' || req.state.Resource !== 'arn:aws:states:::http:invoke') return;
  const args = parse(facts.afterArguments);
  if (isObject(args)) {
    let url = str(args.ApiEndpoint) ?? '';
    if (isObject(args.QueryParameters)) {
      const query = new URLSearchParams(
        Object.entries(args.QueryParameters).map(([k, v]): [string, string] => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      );
      url += `?${query.toString()}`;
    }
    data.request = {
      protocol: 'https',
      method: str(args.Method) ?? 'GET',
      url,
      headers: JSON.stringify(args.Headers ?? {}),
      body:
        args.RequestBody === undefined
          ? ''
          : typeof args.RequestBody === 'string'
            ? args.RequestBody
            : JSON.stringify(args.RequestBody),
    };
  }
  const result = parse(facts.result) ?? req.mock?.result;
  if (isObject(result)) {
    const body = result.ResponseBody;
    data.response = {
      protocol: 'https',
      statusCode: typeof result.StatusCode === 'number' ? String(result.StatusCode) : (str(result.StatusCode) ?? ''),
      statusMessage: str(result.StatusText) ?? '',
      headers: JSON.stringify(result.Headers ?? {}),
      body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    };
  }
}

async function inspect(
  req: TestStateRequest,
  deps: TestStateDeps,
  facts: RunFacts,
  succeeded: boolean,
  errorDetails: InspectionData['errorDetails'],
): Promise<InspectionData> {
  const data: InspectionData = { input: req.inputText };
  if (req.jsonata) {
    if (req.state.Type === 'Task') data.afterArguments = facts.afterArguments;
    if (succeeded && req.state.Type === 'Task') data.result = facts.result ?? text(req.mock?.result);
  } else {
    Object.assign(data, await jsonPathSteps(req, deps, facts, succeeded));
  }
  if (req.state.Type === 'Map') {
    const s = req.state;
    data.maxConcurrency = typeof s.MaxConcurrency === 'number' ? s.MaxConcurrency : 0;
    if (typeof s.ToleratedFailureCount === 'number') data.toleratedFailureCount = s.ToleratedFailureCount;
    if (typeof s.ToleratedFailurePercentage === 'number')
      data.toleratedFailurePercentage = s.ToleratedFailurePercentage;
  }
  if (req.variables !== undefined || facts.assigned !== undefined) {
    const variables: Json = { ...req.variables };
    for (const [k, v] of Object.entries(facts.assigned ?? {})) variables[k] = JSON.parse(v) as JsonValue;
    data.variables = JSON.stringify(variables);
  }
  if (errorDetails !== undefined) data.errorDetails = errorDetails;
  if (req.level === 'TRACE') httpTrace(req, facts, data);
  for (const k of Object.keys(data) as (keyof InspectionData)[]) if (data[k] === undefined) delete data[k];
  return data;
}

/**
 * Runs AWS Step Functions' `TestState` on the local interpreter: the state (or `stateName` of a whole machine)
 * runs once with the request's input, variables, mock and context; the answer has AWS's `status`
 * (`SUCCEEDED`, `FAILED`, `RETRIABLE`, `CAUGHT_ERROR`), `output`, `error`, `cause`, `nextState` and, at `DEBUG`
 * and `TRACE`, the `inspectionData` of each data step.
 *
 * @remarks
 * The run uses a simulated clock (a Wait state answers at once) and never retries: whether a Retry would retry
 * is judged from `stateConfiguration.retrierRetryCount`, as AWS does. The data steps of a JSONPath state are
 * computed by the interpreter running a Pass state with the tested state's InputPath, Parameters, ResultSelector
 * and ResultPath (see docs/decisions/019-teststate-inspection-data.md). Throws `AwsServiceError` for a request
 * AWS refuses.
 * @internal
 */
export async function testState(body: Record<string, unknown>, deps: TestStateDeps): Promise<TestStateResponse> {
  const req = parseRequest(body);
  checkRequest(req);
  const state = stateToRun(req, deps);
  const machine = deps.compile(machineAround(req, state));
  const mockConfig = mockConfigFor(req);
  const run = await machine.start({
    ...baseOptions(req, deps),
    input: req.input,
    invoke: deps.invoke,
    ...(mockConfig === undefined ? {} : { mockConfig, testCase: MOCK_NAME }),
  }).result;
  const events = run.history();
  const facts = factsOf(events, req.stateName);
  const path = run.path.filter((p) => p !== VARIABLES_STATE);
  const debug = req.level !== 'INFO';
  const failure =
    run.status === 'SUCCEEDED'
      ? facts.failure
      : { error: run.error ?? 'States.Runtime', ...(run.cause === undefined ? {} : { cause: run.cause }) };
  const answer = async (
    response: TestStateResponse,
    succeeded: boolean,
    errorDetails?: InspectionData['errorDetails'],
  ): Promise<TestStateResponse> =>
    debug ? { ...response, inspectionData: await inspect(req, deps, facts, succeeded, errorDetails) } : response;
  if (failure !== undefined) {
    const errorCause = { error: failure.error, ...(failure.cause === undefined ? {} : { cause: failure.cause }) };
    const retry = retryVerdict(req.state, failure.error, req.retrierRetryCount);
    if (retry?.backoff !== undefined) {
      return answer({ status: 'RETRIABLE', ...errorCause }, false, {
        retryIndex: retry.retryIndex,
        retryBackoffIntervalSeconds: retry.backoff,
      });
    }
    const exhausted = retry === undefined ? undefined : { retryIndex: retry.retryIndex };
    if (run.status !== 'SUCCEEDED') return answer({ status: 'FAILED', ...errorCause }, false, exhausted);
    const catchIndex = firstMatch(req.state.Catch, failure.error);
    return answer(
      {
        status: 'CAUGHT_ERROR',
        ...errorCause,
        output: facts.exitedOutput ?? JSON.stringify(run.output ?? null),
        ...(path[1] === undefined ? {} : { nextState: path[1] }),
      },
      false,
      catchIndex === undefined ? exhausted : { catchIndex },
    );
  }
  return answer(
    {
      status: 'SUCCEEDED',
      output: facts.exitedOutput ?? JSON.stringify(run.output ?? null),
      ...(path[1] === undefined ? {} : { nextState: path[1] }),
    },
    true,
  );
}
