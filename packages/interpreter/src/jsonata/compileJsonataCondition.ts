import type { JsonataEvaluator } from './types.js';
import { compileTypedExpression } from './compileTypedExpression.js';

/**
 * Compiles a JSONata Choice rule `Condition`: `true`, `false`, or a `{% %}` expression giving a boolean.
 *
 * @remarks
 * Anything but a boolean fails with `States.QueryEvaluationError`: `... returned an unexpected result type.
 * Expected 'boolean', but was 'string' for value: "yes"`; nothing at all fails with `... returned nothing
 * (undefined).`. JSONata's truthiness is not applied (AWS requires a boolean).
 */
export function compileJsonataCondition(value: string | boolean, field: string): JsonataEvaluator<boolean> {
  return compileTypedExpression<boolean>(value, field, 'boolean');
}
