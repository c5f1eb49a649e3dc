import type { JsonValue } from '@step/asl';
import { lambdaErrorOf } from '@step/asl';
import { formatMockedCause } from '../mocks/formatMockedCause.js';
import { toJson } from '../paths/deepCopy.js';
import { StatesFailure } from '../StatesFailure.js';
import type { TaskContext, TaskHandler } from '../types.js';
import { PropagatedFailure } from './failures.js';
import type { Visit } from './Visit.js';

/**
 * AWS's payload quota in bytes.
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) fail();
 * ```
 * @internal
 */
export const MAX_PAYLOAD_BYTES = 262_144;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/;
const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

/**
 * Static facts about a Task state, worked out once per definition.
 * @internal
 */
export interface TaskSpec {
  stateName: string;
  resource: string;
  /** Legacy Lambda function ARN: LambdaFunction* events and a bare result. */
  legacyLambda: boolean;
  /** Activity ARN: Activity* events; the handler plays the activity worker. */
  activity: boolean;
  /** `arn:aws:states:::lambda:invoke[...]`: Payload in, wrapped result out. */
  lambdaInvoke: boolean;
  waitForTaskToken: boolean;
  /** Parameters is the TaskFn envelope `{Task: <state>, "Input.$": "$"}`: state handlers receive `Input`. */
  taskFnEnvelope: boolean;
  resourceType: string;
  resourceName: string;
}

/**
 *
 * @internal
 */
export function describeTask(stateName: string, resource: string, parameters: unknown): TaskSpec {
  const legacyLambda = LAMBDA_FUNCTION_ARN.test(resource);
  const activity = ACTIVITY_ARN.test(resource);
  const lambdaInvoke = resource === LAMBDA_INVOKE || resource.startsWith(`${LAMBDA_INVOKE}.`);
  let resourceType = 'activity';
  let resourceName = resource;
  const i = resource.indexOf(':::');
  if (i >= 0) {
    const rest = resource.slice(i + 3);
    const parts = rest.split(':');
    if (parts[0] === 'aws-sdk' && parts.length >= 3) {
      resourceType = `aws-sdk:${parts[1]}`;
      resourceName = parts.slice(2).join(':');
    } else {
      resourceType = parts[0] ?? rest;
      resourceName = parts.slice(1).join(':');
    }
  } else if (legacyLambda) {
    resourceType = 'lambda';
  }
  const p = parameters as Record<string, unknown> | undefined;
  const taskFnEnvelope =
    typeof p === 'object' && p !== null && Object.keys(p).length === 2 && p.Task === stateName && p['Input.$'] === '$';
  return {
    stateName,
    resource,
    legacyLambda,
    activity,
    lambdaInvoke,
    waitForTaskToken: resource.endsWith('.waitForTaskToken'),
    taskFnEnvelope,
    resourceType,
    resourceName,
  };
}

function lambdaInvokeResult(payload: JsonValue, requestId: string): JsonValue {
  const length = String(Buffer.byteLength(JSON.stringify(payload) ?? 'null'));
  const date = new Date().toUTCString();
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': ['$LATEST'],
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': [length],
        Date: [date],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': length,
        'Content-Type': 'application/json',
        Date: date,
        'X-Amz-Executed-Version': '$LATEST',
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** The error of a thrown value, as the AWS Lambda Node.js runtime names it (`lambdaErrorOf` of `@step/asl`). */
function errorName(e: unknown): string {
  return lambdaErrorOf(e).errorType;
}

function errorMessage(e: unknown): string {
  return lambdaErrorOf(e).errorMessage;
}

/**
 * Checks a task result against the 256 KiB quota and returns it as plain JSON.
 * @internal
 */
export function checkedResult(value: unknown, spec: TaskSpec, limit: number = MAX_PAYLOAD_BYTES): JsonValue {
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text !== undefined && (text.length > limit / 4 ? Buffer.byteLength(text) : 0) > limit) {
      throw new StatesFailure(
        'States.DataLimitExceeded',
        `The state/task '${spec.resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
    }
    return text === undefined ? null : (JSON.parse(text) as JsonValue);
  }
  if (typeof value === 'string' && value.length > limit / 4 && Buffer.byteLength(value) + 2 > limit) {
    throw new StatesFailure(
      'States.DataLimitExceeded',
      `The state/task '${spec.resource}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
  return toJson(value);
}

interface Dispatch {
  kind: 'mock' | 'call' | 'none';
  run?: (input: JsonValue, ctx: TaskContext) => Promise<unknown>;
  input?: JsonValue;
  wrap?: boolean;
  mockReturn?: JsonValue;
}

/**
 * Chooses what runs a task: a mock, a handler by state name, a handler by resource, or the invoker.
 * @internal
 */
export function dispatchTask(visit: Visit, spec: TaskSpec, params: JsonValue): Dispatch {
  const core = visit.core;
  const mocks = core.mocks?.get(spec.stateName);
  if (mocks !== undefined) {
    const n = core.mockCalls.get(spec.stateName) ?? 0;
    core.mockCalls.set(spec.stateName, n + 1);
    const resp = mocks.get(n);
    if (resp?.Throw !== undefined) {
      const cause = resp.Throw.Cause;
      throw new PropagatedFailure(
        resp.Throw.Error,
        cause === undefined ? undefined : formatMockedCause(cause, spec.legacyLambda),
      );
    }
    return { kind: 'mock', mockReturn: resp?.Return ?? null };
  }
  const p = params as Record<string, JsonValue> | null;
  const payloadOf = (): JsonValue =>
    typeof p === 'object' && p !== null && !Array.isArray(p) ? (p.Payload ?? {}) : {};
  const byState: TaskHandler | undefined = core.options.handlers?.[spec.stateName];
  const call = (h: TaskHandler) => (input: JsonValue, ctx: TaskContext) => Promise.resolve().then(() => h(input, ctx));
  if (byState !== undefined) {
    if (spec.lambdaInvoke) return { kind: 'call', run: call(byState), input: payloadOf(), wrap: true };
    const input =
      spec.taskFnEnvelope && p !== null && typeof p === 'object' && !Array.isArray(p) ? (p.Input ?? null) : params;
    return { kind: 'call', run: call(byState), input };
  }
  const resources = core.options.resources;
  if (spec.lambdaInvoke) {
    const fn =
      typeof p === 'object' && p !== null && !Array.isArray(p) && typeof p.FunctionName === 'string'
        ? p.FunctionName
        : undefined;
    const h = fn === undefined ? undefined : resources?.[fn];
    if (h !== undefined) return { kind: 'call', run: call(h), input: payloadOf(), wrap: true };
    const whole = resources?.[spec.resource];
    if (whole !== undefined) return { kind: 'call', run: call(whole), input: params };
    const invoke = core.options.invoke;
    if (invoke !== undefined && fn !== undefined) {
      return { kind: 'call', run: (input, ctx) => invoke(fn, input, ctx), input: payloadOf(), wrap: true };
    }
  } else {
    const h = resources?.[spec.resource];
    if (h !== undefined) return { kind: 'call', run: call(h), input: params };
    const invoke = core.options.invoke;
    if (invoke !== undefined)
      return { kind: 'call', run: (input, ctx) => invoke(spec.resource, input, ctx), input: params };
  }
  return { kind: 'none' };
}

/**
 * The cause text of a task that nothing can run.
 * @internal
 */
export function noHandlerCause(spec: TaskSpec): string {
  return (
    `No handler for Task state '${spec.stateName}' (Resource '${spec.resource}'). Register one by state name ` +
    `(handlers: { '${spec.stateName}': (input) => result }), by resource (resources: { '${spec.resource}': ` +
    `(input) => result }), pass an invoke function, or mock it in a MockConfigFile test case.`
  );
}

/**
 * Wraps a function's result as the Lambda invoke API does.
 * @internal
 */
export function wrapLambdaResult(payload: JsonValue, visit: Visit): JsonValue {
  return lambdaInvokeResult(payload, visit.core.uuid());
}

/**
 * The Step Functions error and cause of a handler's thrown error.
 * @internal
 */
export function handlerFailure(e: unknown): PropagatedFailure {
  if (e instanceof PropagatedFailure || e instanceof StatesFailure) {
    return e instanceof StatesFailure ? new PropagatedFailure(e.error, e.failureCause) : e;
  }
  return new PropagatedFailure(errorName(e), errorMessage(e));
}

/**
 * Fails with `States.DataLimitExceeded` when a state's result (Map, Parallel) is over 256 KiB of JSON.
 * @internal
 */
export function checkResultSize(value: JsonValue, name: string, limit: number = MAX_PAYLOAD_BYTES): void {
  if (exceedsPayloadLimit(value, limit)) {
    throw new StatesFailure(
      'States.DataLimitExceeded',
      `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  }
}

/**
 * Whether a value's UTF-8 JSON is over `limit` bytes (the text is only measured in bytes when it could be).
 * @internal
 */
export function exceedsPayloadLimit(value: JsonValue, limit: number): boolean {
  if (limit === Infinity || value === null || (typeof value !== 'object' && typeof value !== 'string')) return false;
  // Most outputs are far below the quota: a cheap upper bound on their size saves serialising them.
  if (sizeBound(value, limit) >= 0) return false;
  const text = JSON.stringify(value);
  return text.length > limit / 4 && Buffer.byteLength(text) > limit;
}

/**
 * `budget` minus an upper bound of the UTF-8 JSON size of `value` (6 bytes per UTF-16 unit of a string covers
 * `\uXXXX` escapes, 24 bytes per number covers the longest JSON number); stops early once negative.
 */
function sizeBound(value: JsonValue, budget: number): number {
  if (value === null) return budget - 4;
  switch (typeof value) {
    case 'string':
      return budget - 2 - 6 * value.length;
    case 'number':
      return budget - 24;
    case 'boolean':
      return budget - 5;
    case 'object': {
      if (Array.isArray(value)) {
        budget -= 2 + value.length;
        for (let i = 0; i < value.length && budget >= 0; i++) budget = sizeBound(value[i]!, budget);
        return budget;
      }
      budget -= 2;
      for (const k in value) {
        budget -= 4 + 6 * k.length;
        if (budget < 0) return budget;
        const v = value[k];
        if (v !== undefined) budget = sizeBound(v, budget);
      }
      return budget;
    }
    default:
      return budget;
  }
}
