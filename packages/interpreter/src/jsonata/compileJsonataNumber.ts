import type { JsonataEvaluator } from './types.js';
import { compileTypedExpression } from './compileTypedExpression.js';

/**
 * Compiles a numeric JSONata field (`TimeoutSeconds`, `HeartbeatSeconds`, Wait `Seconds`, `MaxConcurrency`,
 * `ToleratedFailureCount`, `ToleratedFailurePercentage`): a number literal or a `{% %}` expression.
 *
 * @remarks
 * Only the type is checked here (`... Expected 'number', but was 'string' for value: "5"`); each field's range
 * and integer rules (and their AWS messages) belong to the state that uses the number.
 */
export function compileJsonataNumber(value: unknown, field: string): JsonataEvaluator<number> {
  return compileTypedExpression<number>(value, field, 'number');
}
