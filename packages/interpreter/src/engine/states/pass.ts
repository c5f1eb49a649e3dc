import type { JsonValue, PassState } from '@step/asl';
import { deepCopy } from '../../paths/deepCopy.js';
import { baseState } from '../baseState.js';
import { isPromise } from '../model.js';
import type { StateModule } from './FieldReader.js';

/**
 * Pass: its value is `Result` (a copy), else its `Parameters` (JSONPath), else its effective input; then the end
 * (JSONPath Assign with `$` = the value, ResultPath, OutputPath; JSONata Assign and Output). Synchronous in JSONPath.
 *
 * @example
 * ```ts
 * const st = compilePass('P', { Type: 'Pass', Result: 1, ResultPath: '$.one', End: true }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compilePass: StateModule<PassState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const input = reader.input(state);
  const finish = reader.finish(state, 'pass');
  const hasResult = 'Result' in state;
  const result: JsonValue = hasResult ? (state.Result as JsonValue) : null;
  const copyResult = typeof result === 'object' && result !== null;
  const parameters = hasResult ? undefined : reader.arguments(state);
  st.exec = (visit, raw) => {
    const effective = input(visit, raw);
    if (hasResult) return finish(visit, raw, effective, copyResult ? deepCopy(result) : result, st.next);
    if (parameters === undefined) return finish(visit, raw, effective, effective, st.next);
    const value = parameters(visit, effective);
    if (isPromise(value)) return value.then((v) => finish(visit, raw, effective, v, st.next));
    return finish(visit, raw, effective, value, st.next);
  };
  return st;
};
