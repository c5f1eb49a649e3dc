import { STATES_ERROR_SET } from '../../errorNames.js';
import type { RuleReporter } from '../scopeFacts.js';

const SCHEMA = 'SCHEMA_VALIDATION_FAILED';

/**
 * `ErrorEquals` of a retrier or catcher (`SCHEMA_VALIDATION_FAILED`): a non-empty array of strings;
 * `States.ALL` alone in its entry and in the last entry; no `States.*` name that is not predefined.
 *
 * @remarks
 * A missing `ErrorEquals` is reported by the caller with the entry's other required fields.
 *
 * @example
 * ```ts
 * checkErrorEquals({ ErrorEquals: ['States.ALL'] }, '/States/A/Retry/0', false, report);
 * // "/States/A/Retry/0/ErrorEquals/0: An entry whose 'ErrorEquals' is 'States.ALL' must be the last one; ..."
 * ```
 * @internal
 */
export function checkErrorEquals(entry: Record<string, unknown>, pointer: string, last: boolean, report: RuleReporter): void {
  const ee = entry.ErrorEquals;
  if (ee === undefined) return;
  const ep = `${pointer}/ErrorEquals`;
  if (!Array.isArray(ee)) {
    report.error(SCHEMA, ep, "The field 'ErrorEquals' must be a non-empty array of error names", { field: 'ErrorEquals', expected: 'a non-empty array of error names' });
    return;
  }
  if (ee.length === 0) {
    report.error(SCHEMA, ep, 'Value cannot be empty', { field: 'ErrorEquals' });
    return;
  }
  for (let i = 0; i < ee.length; i++) {
    const name: unknown = ee[i];
    if (typeof name !== 'string') {
      report.error(SCHEMA, `${ep}/${i}`, "The field 'ErrorEquals' must be an array of strings", { field: 'ErrorEquals', expected: 'an array of strings' });
      continue;
    }
    if (name === 'States.ALL') {
      if (ee.length > 1) {
        report.error(SCHEMA, `${ep}/${i}`, "'States.ALL' must appear alone in 'ErrorEquals'; move the other names to an earlier entry", {});
      } else if (!last) {
        report.error(SCHEMA, `${ep}/${i}`, "An entry whose 'ErrorEquals' is 'States.ALL' must be the last one; move it to the end", {});
      }
    } else if (name.startsWith('States.') && !STATES_ERROR_SET.has(name)) {
      report.error(SCHEMA, `${ep}/${i}`, `'${name}' is not a predefined error name; names starting with 'States.' are reserved`, { name });
    }
  }
}
