import type { ExecutionResult, HistoryEvent } from '@step/interpreter';

/**
 * What the helpers read: an execution result (`machine.run()`, `runExecution`, `execution.result`) or a history
 * (`result.history()`, or the events of AWS `GetExecutionHistory`).
 *
 * @example
 * ```ts
 * const source: HistorySource = await machine.run({ input: {} });
 * ```
 */
export type HistorySource = Pick<ExecutionResult, 'history'> | readonly HistoryEvent[];

/**
 * The events of a {@link HistorySource}.
 *
 * @example
 * ```ts
 * readHistory(result).length; // the number of events
 * ```
 */
export function readHistory(source: HistorySource): readonly HistoryEvent[] {
  return isHistory(source) ? source : source.history();
}

function isHistory(source: HistorySource): source is readonly HistoryEvent[] {
  return Array.isArray(source);
}
