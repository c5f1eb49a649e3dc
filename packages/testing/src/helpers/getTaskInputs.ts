import { getVisits } from '../history/getVisits.js';
import { readHistory, type HistorySource } from './HistorySource.js';

/**
 * The input a task received at each attempt, over every visit of the state, in order.
 *
 * @remarks
 * The input is the effective `Parameters` the history records (`TaskScheduled`). For a `TaskFn` state (whose
 * Parameters are the `{"Task": "<name>", "Input": ...}` envelope of `@step/lambda`), it is the envelope's
 * `Input`: what the handler received.
 *
 * @example
 * ```ts
 * expect(getTaskInputs(result, 'Charge')).toEqual([{ orderId: 7, amount: 30 }]);
 * ```
 */
export function getTaskInputs(source: HistorySource, stateName: string): unknown[] {
  const inputs: unknown[] = [];
  for (const v of getVisits(readHistory(source))) {
    if (v.name !== stateName) continue;
    for (const input of v.taskInputs) inputs.push(unwrapEnvelope(input, stateName));
  }
  return inputs;
}

function unwrapEnvelope(input: unknown, stateName: string): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const keys = Object.keys(input);
  const envelope = input as { Task?: unknown; Input?: unknown };
  return keys.length === 2 && envelope.Task === stateName && 'Input' in envelope ? envelope.Input : input;
}
