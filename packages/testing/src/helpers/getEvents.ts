import type { HistoryEventOfType, HistoryEventType } from '@step/interpreter';
import { readHistory, type HistorySource } from './HistorySource.js';

/**
 * The history events of one type, typed: their details field needs no cast.
 *
 * @example
 * ```ts
 * const [failure] = getEvents(result, 'TaskFailed');
 * expect(failure?.taskFailedEventDetails.error).toBe('PaymentDeclined');
 * ```
 */
export function getEvents<T extends HistoryEventType>(source: HistorySource, type: T): HistoryEventOfType<T>[] {
  // The filter keeps exactly the members whose type is T (TypeScript cannot narrow a union by a generic).
  return readHistory(source).filter((e) => e.type === type) as unknown as HistoryEventOfType<T>[];
}
