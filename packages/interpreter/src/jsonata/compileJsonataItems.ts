import type { JsonValue } from '@step/asl';
import { causePrefix } from './CompiledExpression.js';
import { compileTypedExpression } from './compileTypedExpression.js';
import { QueryEvaluationFailure } from './QueryEvaluationFailure.js';
import { compileJsonataTemplate } from './compileJsonataTemplate.js';
import type { JsonataEvaluator } from './types.js';

/**
 * Compiles a JSONata Map state's `Items`: an array (whose elements may hold `{% %}` expressions), a `{% %}`
 * expression giving an array, or `undefined` for the default, the state input.
 *
 * @remarks
 * Causes, as AWS records them:
 * - `... The JSONata expression '1' specified for the field 'Items' returned an unexpected result type.
 *   Expected 'array', but was 'number' for value: 1`
 * - `... The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported
 *   result type.`
 * - without `Items`: `... Map state input must be an array but was: {"foo":"bar"}`
 */
export function compileJsonataItems(value: unknown): JsonataEvaluator<JsonValue[]> {
  if (value === undefined) {
    return (scope, stateName, enteredEventId) => {
      const input = scope.states.input;
      if (Array.isArray(input)) return Promise.resolve(input);
      return Promise.reject(
        new QueryEvaluationFailure(
          `${causePrefix(stateName, enteredEventId)}Map state input must be an array but was: ${JSON.stringify(input)}`,
          'Items',
          stateName,
        ),
      );
    };
  }
  if (Array.isArray(value))
    return compileJsonataTemplate(value as JsonValue[], 'Items') as JsonataEvaluator<JsonValue[]>;
  return compileTypedExpression<JsonValue[]>(value, 'Items', 'array');
}
