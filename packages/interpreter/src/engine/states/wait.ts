import { StatesFailure } from '../../StatesFailure.js';

/** The longest delay a Wait state accepts (about 2^31 s); AWS fails a longer one at run time. */
const MAX_WAIT_MS = 2 ** 31 * 1000;

/**
 * Checks a Wait state's delay, whichever query language computed it: over about 2^31 s fails with
 * `States.Runtime` "Wait state delay is too long.", as AWS does.
 *
 * @example
 * ```ts
 * checkWaitDelay(Date.parse('9999-01-01T00:00:00Z') - Date.now()); // throws StatesFailure
 * ```
 * @internal
 */
export function checkWaitDelay(ms: number): void {
  if (ms > MAX_WAIT_MS) throw new StatesFailure('States.Runtime', 'Wait state delay is too long.');
}
