import type { FailState } from '@step/asl';
import { PropagatedFailure } from '../failures.js';
import { baseState } from '../baseState.js';
import { isPromise } from '../model.js';
import type { StateModule } from './FieldReader.js';

function fail(error: string | undefined, cause: string | undefined): never {
  throw new PropagatedFailure(error, cause);
}

/**
 * Fail: fails its scope with `Error` and `Cause` (JSONPath: or `ErrorPath`/`CausePath` over the raw input; JSONata:
 * string expressions), the error read before the cause. Synchronous in JSONPath.
 *
 * @example
 * ```ts
 * const st = compileFail('Rejected', { Type: 'Fail', Error: 'Rejected', CausePath: '$.why' }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileFail: StateModule<FailState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const error = reader.text(state, 'Error');
  const cause = reader.text(state, 'Cause');
  st.exec = (visit, raw) => {
    const e = error(visit, raw);
    if (isPromise(e)) {
      return e.then((ev) => {
        const c = cause(visit, raw);
        return isPromise(c) ? c.then((cv) => fail(ev, cv)) : fail(ev, c);
      });
    }
    const c = cause(visit, raw);
    return isPromise(c) ? c.then((cv) => fail(e, cv)) : fail(e, c);
  };
  return st;
};
