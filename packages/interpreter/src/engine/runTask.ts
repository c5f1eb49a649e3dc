import type { JsonValue } from '@step/asl';
import { trackWork } from '../clock/trackWork.js';
import type { TaskContext } from '../types.js';
import { checkTaskParameters } from './checkTaskParameters.js';
import { PropagatedFailure } from './failures.js';
import { checkedResult, dispatchTask, handlerFailure, noHandlerCause, wrapLambdaResult } from './invokeTask.js';
import type { TaskSpec } from './invokeTask.js';
import type { Visit } from './Visit.js';

class TimeoutSignal extends Error {
  readonly errorName: string;
  constructor(errorName: string) {
    super(errorName);
    this.errorName = errorName;
  }
}

/**
 * Runs the task part of a Task state (after Parameters/Arguments, before ResultSelector/Output): records AWS's
 * Scheduled/Started/Succeeded|Failed|TimedOut events, applies TimeoutSeconds and HeartbeatSeconds, waits for the
 * task token when the resource says `.waitForTaskToken`.
 * @internal
 */
export async function runTask(
  visit: Visit,
  spec: TaskSpec,
  params: JsonValue,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
  credentials?: JsonValue,
): Promise<JsonValue> {
  const roleArn =
    typeof credentials === 'object' && credentials !== null && !Array.isArray(credentials)
      ? credentials.RoleArn
      : undefined;
  const taskCredentials = typeof roleArn === 'string' ? { roleArn } : undefined;
  checkTaskParameters(spec, params, visit.state.jsonata ? 'Arguments' : 'Parameters');
  const core = visit.core;
  const legacy = spec.legacyLambda;
  const base = { resourceType: spec.resourceType, resource: spec.resourceName };
  const activity = spec.activity;
  if (activity) {
    visit.event('ActivityScheduled', {
      resource: spec.resource,
      input: params,
      timeoutInSeconds: timeoutSeconds,
      heartbeatInSeconds: heartbeatSeconds,
    });
    visit.event('ActivityStarted', { workerName: 'step-interpreter' });
  } else if (legacy) {
    visit.event('LambdaFunctionScheduled', {
      resource: spec.resource,
      input: params,
      timeoutInSeconds: timeoutSeconds,
      taskCredentials,
    });
    visit.event('LambdaFunctionStarted');
  } else {
    visit.event('TaskScheduled', {
      ...base,
      region: core.region,
      parameters: params,
      timeoutInSeconds: timeoutSeconds,
      heartbeatInSeconds: heartbeatSeconds,
      taskCredentials,
    });
    visit.event('TaskStarted', base);
  }
  const fail = (error: string | undefined, cause: string | undefined): never => {
    const timedOut = error === 'States.Timeout' || error === 'States.HeartbeatTimeout';
    if (activity) visit.event(timedOut ? 'ActivityTimedOut' : 'ActivityFailed', { error, cause });
    else if (legacy)
      visit.event(error === 'States.Timeout' ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', { error, cause });
    else
      visit.event(error === 'States.Timeout' || error === 'States.HeartbeatTimeout' ? 'TaskTimedOut' : 'TaskFailed', {
        ...base,
        error,
        cause,
      });
    throw new PropagatedFailure(error, cause);
  };

  let dispatch;
  try {
    dispatch = dispatchTask(visit, spec, params);
  } catch (e) {
    const f = handlerFailure(e);
    return fail(f.error, f.failureCause);
  }
  let result: JsonValue;
  if (dispatch.kind === 'mock') {
    result = dispatch.mockReturn ?? null;
  } else if (dispatch.kind === 'none') {
    return fail('States.TaskFailed', noHandlerCause(spec));
  } else {
    const controller = new AbortController();
    const parentSignal = visit.frame.signal;
    const onParentAbort = (): void => controller.abort(parentSignal.reason);
    parentSignal.addEventListener('abort', onParentAbort, { once: true });
    const ctx: TaskContext = {
      stateName: spec.stateName,
      resource: spec.resource,
      attempt: visit.retryCount,
      taskToken: visit.taskToken,
      signal: controller.signal,
      get contextObject(): JsonValue {
        return visit.contextObject();
      },
    };
    const racers: Promise<unknown>[] = [];
    let heartbeatReset: (() => void) | undefined;
    if (timeoutSeconds !== undefined) {
      racers.push(
        core.clock.sleep(timeoutSeconds * 1000, controller.signal).then(() => {
          throw new TimeoutSignal('States.Timeout');
        }),
      );
    }
    if (heartbeatSeconds !== undefined && spec.waitForTaskToken) {
      let hbController = new AbortController();
      const arm = (): Promise<unknown> =>
        core.clock.sleep(heartbeatSeconds * 1000, AbortSignal.any([controller.signal, hbController.signal])).then(
          () => {
            throw new TimeoutSignal('States.HeartbeatTimeout');
          },
          (e: unknown) => {
            if (controller.signal.aborted) throw e;
            return arm();
          },
        );
      heartbeatReset = () => {
        const old = hbController;
        hbController = new AbortController();
        old.abort();
      };
      racers.push(arm());
    }
    // The token waits before the handler runs: a handler (or a TaskSubmitted listener) may answer it right away.
    const token = spec.waitForTaskToken ? visit.taskToken : undefined;
    const settled =
      token === undefined
        ? undefined
        : new Promise<JsonValue>((resolve, reject) => {
            core.tokens.set(token, {
              succeed: (output) => resolve(output),
              fail: (error, cause) => reject(new PropagatedFailure(error, cause)),
              heartbeat: () => heartbeatReset?.(),
            });
          });
    settled?.catch(() => undefined);
    const work = (async (): Promise<JsonValue> => {
      // The handler is real work: a virtual clock stands still until it settles (unless it sleeps on the clock).
      const run = dispatch.run!;
      const out = await trackWork(core.clock, () => run(dispatch.input ?? null, ctx));
      if (settled === undefined) {
        const json = checkedResult(out, spec, core.payloadLimit);
        return dispatch.wrap ? wrapLambdaResult(json, visit) : json;
      }
      visit.event('TaskSubmitted', { ...base, output: toSubmitted(out) });
      return settled;
    })();
    racers.push(work);
    racers.push(
      new Promise((_, reject) => {
        if (parentSignal.aborted) reject(new PropagatedFailure(undefined, undefined));
        controller.signal.addEventListener('abort', () => reject(new PropagatedFailure(undefined, undefined)), {
          once: true,
        });
      }),
    );
    try {
      result = (await Promise.race(racers)) as JsonValue;
    } catch (e) {
      if (e instanceof TimeoutSignal) return fail(e.errorName, undefined);
      if (parentSignal.aborted) throw new PropagatedFailure(undefined, undefined);
      const f = handlerFailure(e);
      return fail(f.error, f.failureCause);
    } finally {
      parentSignal.removeEventListener('abort', onParentAbort);
      if (visit.taskToken !== undefined) core.tokens.delete(visit.taskToken);
      controller.abort();
      for (const r of racers) r.catch(() => undefined);
    }
  }
  if (activity) visit.event('ActivitySucceeded', { output: result });
  else if (legacy) visit.event('LambdaFunctionSucceeded', { output: result });
  else visit.event('TaskSucceeded', { ...base, output: result });
  return result;
}

function toSubmitted(out: unknown): JsonValue {
  try {
    return checkedResult(out, {
      stateName: '',
      resource: '',
      legacyLambda: false,
      activity: false,
      lambdaInvoke: false,
      waitForTaskToken: false,
      taskFnEnvelope: false,
      resourceType: '',
      resourceName: '',
    });
  } catch {
    return null;
  }
}
