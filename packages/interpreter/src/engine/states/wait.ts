import type { WaitState } from '@step/asl';
import { StatesFailure } from '../../StatesFailure.js';
import { baseState } from '../baseState.js';
import { isPromise } from '../model.js';
import type { StateModule } from './FieldReader.js';

/** The longest delay a Wait state accepts (about 2^31 s); AWS fails a longer one at run time. */
const MAX_WAIT_MS = 2 ** 31 * 1000;

/**
 * Checks a Wait state's delay, whichever query language computed it: over about 2^31 s fails with
 * `States.Runtime` "Wait state delay is too long.", as AWS does.
 * @internal
 */
export function checkWaitDelay(ms: number): void {
  if (ms > MAX_WAIT_MS) throw new StatesFailure('States.Runtime', 'Wait state delay is too long.');
}

/**
 * Wait: the delay is `Seconds` or the time until `Timestamp` (or their `*Path` forms; a past time waits 0), checked by
 * {@link checkWaitDelay}; the end (Assign, output) is evaluated before the execution's clock sleeps.
 *
 * @example
 * ```ts
 * const st = compileWait('W', { Type: 'Wait', SecondsPath: '$.delay', Next: 'Go' }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileWait: StateModule<WaitState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const input = reader.input(state);
  const seconds = reader.waitSeconds(state);
  const timestamp = seconds === undefined ? reader.waitTimestamp(state) : undefined;
  const finish = reader.finish(state, 'input');
  st.exec = async (visit, raw) => {
    const effective = input(visit, raw);
    let ms = 0;
    if (seconds !== undefined) {
      let s = seconds(visit, effective);
      if (isPromise(s)) s = await s;
      ms = s * 1000;
    } else if (timestamp !== undefined) {
      let at = timestamp(visit, effective);
      if (isPromise(at)) at = await at;
      ms = at - visit.core.clock.now();
    }
    checkWaitDelay(ms);
    let outcome = finish(visit, raw, effective, effective, st.next);
    if (isPromise(outcome)) outcome = await outcome;
    if (ms > 0) await visit.core.clock.sleep(ms, visit.frame.signal);
    return outcome;
  };
  return st;
};
