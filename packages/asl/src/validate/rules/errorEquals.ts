import { STATES_ERRORS, STATES_ERROR_SET } from '../../errorNames.js';
import { closestName } from '../closestName.js';
import type { RuleReporter } from '../scopeFacts.js';

const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
const UNKNOWN_STATES_ERROR = 'UNKNOWN_STATES_ERROR';

/**
 * `ErrorEquals` of a retrier or catcher (`SCHEMA_VALIDATION_FAILED`): a non-empty array of strings;
 * `States.ALL` alone in its entry and in the last entry. A `States.*` name that is not predefined is accepted,
 * as AWS does, with the warning `UNKNOWN_STATES_ERROR`: Step Functions never raises it, so it never matches.
 *
 * @remarks
 * A missing `ErrorEquals` is reported by the caller with the entry's other required fields.
 * @internal
 */
export function checkErrorEquals(
  entry: Record<string, unknown>,
  pointer: string,
  last: boolean,
  report: RuleReporter,
): void {
  const ee = entry.ErrorEquals;
  if (ee === undefined) return;
  const ep = `${pointer}/ErrorEquals`;
  if (!Array.isArray(ee)) {
    report.error(SCHEMA, ep, "The field 'ErrorEquals' must be a non-empty array of error names", {
      field: 'ErrorEquals',
      expected: 'a non-empty array of error names',
    });
    return;
  }
  if (ee.length === 0) {
    report.error(SCHEMA, ep, 'Value cannot be empty', { field: 'ErrorEquals' });
    return;
  }
  for (let i = 0; i < ee.length; i++) {
    const name: unknown = ee[i];
    if (typeof name !== 'string') {
      report.error(SCHEMA, `${ep}/${i}`, "The field 'ErrorEquals' must be an array of strings", {
        field: 'ErrorEquals',
        expected: 'an array of strings',
      });
      continue;
    }
    if (name === 'States.ALL') {
      if (ee.length > 1) {
        report.error(
          SCHEMA,
          `${ep}/${i}`,
          "'States.ALL' must appear alone in 'ErrorEquals'; move the other names to an earlier entry",
          {},
        );
      } else if (!last) {
        report.error(
          SCHEMA,
          `${ep}/${i}`,
          "An entry whose 'ErrorEquals' is 'States.ALL' must be the last one; move it to the end",
          {},
        );
      }
    } else if (name.startsWith('States.') && !STATES_ERROR_SET.has(name)) {
      // AWS accepts the definition (see docs/decisions/008): warn, since the entry can never match.
      const suggestion = closestName(name, STATES_ERRORS);
      report.warn(
        UNKNOWN_STATES_ERROR,
        `${ep}/${i}`,
        `'${name}' is not a predefined error name, so this entry never matches it; names starting with 'States.' are reserved for Step Functions' own errors`,
        suggestion === undefined ? { name } : { name, suggestion },
      );
    }
  }
}
