import type { Clock } from '../types.js';

/**
 * Runs work the execution awaits that is not the clock (a task handler, the JSONata module load, an ItemReader)
 * through the clock's {@link Clock.track} when it has one, so a virtual clock stands still until it settles.
 * @internal
 */
export function trackWork<T>(clock: Clock, work: () => T | Promise<T>): Promise<T> {
  return clock.track !== undefined ? clock.track(work) : Promise.resolve().then(work);
}
