import { readFileSync } from 'node:fs';
import type { JsonValue } from '@step/asl';

/**
 * The checkout workflow's definition, read from `workflow.asl.json` next to this package's `src/`.
 *
 * @example
 * ```ts
 * const result = await runExecution(loadWorkflow(), { input: order, handlers });
 * ```
 */
export function loadWorkflow(): JsonValue {
  return JSON.parse(readFileSync(new URL('../workflow.asl.json', import.meta.url), 'utf8')) as JsonValue;
}
