import type { ExecutionResult, HistoryEvent } from '@step/interpreter';

/**
 * What the helpers read: an execution result (`machine.run()`, `runExecution`, `execution.result`), a history
 * (`result.history()`), or `{ events }` as AWS `GetExecutionHistory` and `step-cli exec --history` give it.
 *
 * @example
 * ```ts
 * const source: HistorySource = await machine.run({ input: {} });
 * ```
 */
export type HistorySource =
  Pick<ExecutionResult, 'history'> | readonly HistoryEvent[] | { readonly events: readonly HistoryEvent[] };

/**
 * The events of a {@link HistorySource}.
 *
 * @example
 * ```ts
 * readHistory(result).length; // the number of events
 * ```
 */
export function readHistory(source: HistorySource): readonly HistoryEvent[] {
  if (isHistory(source)) return source;
  return 'events' in source ? source.events : source.history();
}

function isHistory(source: HistorySource): source is readonly HistoryEvent[] {
  return Array.isArray(source);
}
