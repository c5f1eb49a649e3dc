import type { JsonataEvaluator } from './types.js';
import { compileTypedExpression } from './compileTypedExpression.js';

/**
 * Compiles a string JSONata field (Fail `Error`/`Cause`, Wait `Timestamp`): a literal string or a `{% %}`
 * expression giving a string.
 *
 * @remarks
 * A literal that is not `{% %}` is returned as is. A non-string result fails with
 * `... Expected 'string', but was 'number' for value: 1`. Parsing a Wait timestamp is left to the Wait state.
 */
export function compileJsonataString(value: unknown, field: string): JsonataEvaluator<string> {
  return compileTypedExpression<string>(value, field, 'string');
}
