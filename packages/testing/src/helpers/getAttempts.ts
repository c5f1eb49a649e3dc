import { getVisits } from '../history/getVisits.js';
import { readHistory, type HistorySource } from './HistorySource.js';

/**
 * The attempts of a Task (or the runs of a Parallel or Map) in each visit of the state: 1 plus its retries.
 *
 * @remarks
 * One number per visit, in entry order: `[3]` is one visit that was retried twice; `[]` means the state was
 * never entered. States that do not retry (Pass, Choice...) count 0 per visit.
 *
 * @example
 * ```ts
 * expect(getAttempts(result, 'Charge')).toEqual([2]); // failed once, then succeeded on its retry
 * ```
 */
export function getAttempts(source: HistorySource, stateName: string): number[] {
  return getVisits(readHistory(source))
    .filter((v) => v.name === stateName)
    .map((v) => v.attempts);
}
