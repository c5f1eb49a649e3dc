import type { JsonValue, TaskState } from '@step/asl';
import { baseState } from '../baseState.js';
import { compileRetriers } from '../compileRetriers.js';
import { describeTask } from '../invokeTask.js';
import { isPromise } from '../model.js';
import { runTask } from '../runTask.js';
import type { StateModule } from './FieldReader.js';

/**
 * Task: calls its resource with its arguments (JSONPath `Parameters`, JSONata `Arguments`; default the effective
 * input), its timeout, heartbeat and credentials read in that order; the result goes through the end (ResultSelector,
 * Assign, ResultPath, OutputPath / Assign, Output). Retry and Catch apply.
 *
 * @example
 * ```ts
 * const st = compileTask('Call', { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileTask: StateModule<TaskState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const spec = describeTask(name, String(state.Resource), reader.argumentsOf(state));
  const input = reader.input(state);
  const args = reader.arguments(state);
  const timeout = reader.number(state, 'TimeoutSeconds');
  const heartbeat = reader.number(state, 'HeartbeatSeconds');
  const credentials = reader.template(state.Credentials, 'Credentials');
  const finish = reader.finish(state, 'result');
  st.retriers = compileRetriers(state);
  st.catchers = reader.catchers(state);
  st.needsToken = spec.waitForTaskToken || spec.activity;
  st.exec = async (visit, raw) => {
    const effective = input(visit, raw);
    let params = args === undefined ? effective : args(visit, effective);
    if (isPromise(params)) params = await params;
    let t = timeout?.(visit, effective);
    if (isPromise(t)) t = await t;
    let h = heartbeat?.(visit, effective);
    if (isPromise(h)) h = await h;
    let creds: JsonValue | Promise<JsonValue> | undefined = credentials?.(visit, effective);
    if (isPromise(creds)) creds = await creds;
    const result = await runTask(visit, spec, params, t, h, creds);
    const outcome = finish(visit, raw, effective, result, st.next);
    return isPromise(outcome) ? await outcome : outcome;
  };
  return st;
};
