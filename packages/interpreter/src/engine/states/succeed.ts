import type { SucceedState } from '@step/asl';
import { baseState } from '../baseState.js';
import type { StateModule } from './FieldReader.js';

/**
 * Succeed: ends its scope with its output (JSONPath InputPath then OutputPath; JSONata Output). Synchronous in
 * JSONPath.
 *
 * @example
 * ```ts
 * const st = compileSucceed('Done', { Type: 'Succeed', OutputPath: '$.result' }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileSucceed: StateModule<SucceedState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const input = reader.input(state);
  const finish = reader.finish(state, 'input');
  st.exec = (visit, raw) => {
    const effective = input(visit, raw);
    return finish(visit, raw, effective, effective, undefined);
  };
  return st;
};
