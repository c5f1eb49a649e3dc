import { getJsonataExpression } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { CompiledExpression, describeType, expressionFailure } from './CompiledExpression.js';
import { evaluateToJson } from './compileJsonataTemplate.js';
import type { JsonataEvaluator } from './types.js';

/**
 * The JSON type a typed field expects, as AWS names it in "Expected '<type>'".
 * @internal
 */
export type ExpectedType = 'boolean' | 'number' | 'string' | 'array';

function hasType(value: JsonValue, expected: ExpectedType): boolean {
  return expected === 'array' ? Array.isArray(value) : typeof value === expected;
}

/**
 * The "unexpected result type" detail, e.g. `returned an unexpected result type. Expected 'array', but was
 * 'number' for value: 1`.
 * @internal
 */
export function unexpectedType(expected: ExpectedType, value: JsonValue): string {
  return `returned an unexpected result type. Expected '${expected}', but was '${describeType(value)}' for value: ${JSON.stringify(value)}`;
}

/**
 * Compiles a field whose value must be one JSON type: a literal of that type, or a `{% %}` expression that must
 * evaluate to it.
 *
 * @remarks
 * A wrong type fails with AWS's wording (see {@link unexpectedType}). A literal of the wrong type (which the
 * validator rejects earlier) fails the same way at run time, printing the literal's JSON as the expression.
 * @internal
 */
export function compileTypedExpression<T extends JsonValue>(
  value: unknown,
  field: string,
  expected: ExpectedType,
): JsonataEvaluator<T> {
  const text = typeof value === 'string' ? getJsonataExpression(value) : undefined;
  if (text === undefined) {
    const literal = value as JsonValue;
    if (hasType(literal, expected)) {
      const constant = literal as T;
      return () => Promise.resolve(constant);
    }
    const printed = JSON.stringify(literal) ?? 'undefined';
    return (_scope, stateName, enteredEventId) =>
      Promise.reject(expressionFailure(printed, field, unexpectedType(expected, literal), stateName, enteredEventId));
  }
  const compiled = new CompiledExpression(text, field);
  return async (scope, stateName, enteredEventId, options) => {
    const result = await evaluateToJson(compiled, scope, stateName, enteredEventId, options);
    if (hasType(result, expected)) return result as T;
    throw compiled.failure(unexpectedType(expected, result), stateName, enteredEventId);
  };
}
