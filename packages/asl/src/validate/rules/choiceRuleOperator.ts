import { CHOICE_OPERATORS } from '../fieldTables.js';
import { isTimestamp } from '../isTimestamp.js';
import type { RuleReporter } from '../scopeFacts.js';

const SCHEMA = 'SCHEMA_VALIDATION_FAILED';

/**
 * Choice rule operator rule (`SCHEMA_VALIDATION_FAILED`): a JSONPath choice rule has exactly one comparison
 * operator or one of And, Or, Not. Returns that operator, or undefined after reporting none or several.
 * @internal
 */
export function getChoiceRuleOperator(
  operators: readonly string[],
  pointer: string,
  report: RuleReporter,
): string | undefined {
  if (operators.length === 1) return operators[0];
  if (operators.length === 0) {
    report.error(
      SCHEMA,
      pointer,
      'A choice rule must have one comparison operator (e.g. StringEquals) or And, Or or Not',
      {},
    );
  } else {
    report.error(SCHEMA, pointer, 'Each Choice Rule can only have one comparison operator.', { operators });
  }
  return undefined;
}

/**
 * Choice operand rule (`SCHEMA_VALIDATION_FAILED`): the value of a comparison operator has the operator's type
 * (`StringEquals` a string, `NumericLessThan` a number, `BooleanEquals` and the `Is*` tests a boolean,
 * `Timestamp*` an ISO-8601 timestamp). Returns true for a `*Path` operator, whose value the caller checks as a
 * reference path.
 * @internal
 */
export function checkChoiceOperand(op: string, operand: unknown, pointer: string, report: RuleReporter): boolean {
  let expected: string | undefined;
  switch (CHOICE_OPERATORS[op]) {
    case 'string':
      if (typeof operand !== 'string') expected = 'a string';
      break;
    case 'number':
      if (typeof operand !== 'number') expected = 'a number';
      break;
    case 'boolean':
      if (typeof operand !== 'boolean') expected = 'a boolean';
      break;
    case 'timestamp':
      if (typeof operand !== 'string' || !isTimestamp(operand))
        expected = 'an ISO-8601 timestamp such as 2016-03-14T01:59:00Z';
      break;
    default:
      return true;
  }
  if (expected !== undefined)
    report.error(SCHEMA, pointer, `The field '${op}' must be ${expected}`, { field: op, expected });
  return false;
}
