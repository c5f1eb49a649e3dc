import { getVisits } from '../history/getVisits.js';
import { readHistory, type HistorySource } from './HistorySource.js';

/**
 * The names of the states entered, nested ones included, in entry order (a state entered twice appears twice).
 *
 * @example
 * ```ts
 * expect(getStatesVisited(result)).toEqual(['Validate', 'Charge', 'Ship']);
 * ```
 */
export function getStatesVisited(source: HistorySource): string[] {
  return getVisits(readHistory(source)).map((v) => v.name);
}
