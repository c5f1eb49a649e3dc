import type { ParallelState } from '@step/asl';
import { baseState } from '../baseState.js';
import { compileRetriers } from '../compileRetriers.js';
import { isPromise } from '../model.js';
import { runParallel } from '../runParallel.js';
import type { StateModule } from './FieldReader.js';

/**
 * Parallel: runs every branch on its arguments (JSONPath `Parameters`, JSONata `Arguments`; default the effective
 * input); the array of branch outputs goes through the end. Retry and Catch apply.
 *
 * @example
 * ```ts
 * const st = compileParallel('Both', { Type: 'Parallel', Branches: [a, b], End: true }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileParallel: StateModule<ParallelState> = (name, state, reader, compileChild) => {
  const st = baseState(name, state, reader.jsonata);
  const branches = (state.Branches ?? []).map((b) => compileChild(b));
  const input = reader.input(state);
  const args = reader.arguments(state);
  const finish = reader.finish(state, 'result');
  st.retriers = compileRetriers(state);
  st.catchers = reader.catchers(state);
  st.exec = async (visit, raw) => {
    const effective = input(visit, raw);
    let branchInput = args === undefined ? effective : args(visit, effective);
    if (isPromise(branchInput)) branchInput = await branchInput;
    const result = await runParallel(visit, branches, branchInput);
    const outcome = finish(visit, raw, effective, result, st.next);
    return isPromise(outcome) ? await outcome : outcome;
  };
  return st;
};
