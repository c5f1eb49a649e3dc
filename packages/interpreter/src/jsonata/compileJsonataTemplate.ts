import { getJsonataExpression } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { CompiledExpression } from './CompiledExpression.js';
import { toJsonValue, UNSUPPORTED } from './toJsonValue.js';
import type { JsonataEvaluateOptions, JsonataEvaluator, JsonataScope } from './types.js';

/** A compiled node of a template: either a constant (shared, never copied) or something to evaluate. */
type Node = { constant: true; value: JsonValue } | { constant: false; evaluate: NodeEvaluator };
type NodeEvaluator = (
  scope: JsonataScope,
  stateName: string,
  enteredEventId: number,
  options: JsonataEvaluateOptions | undefined,
) => Promise<JsonValue>;

/**
 * Evaluates one expression of a template and checks that it gives JSON (not nothing, not a function).
 * @internal
 */
export async function evaluateToJson(
  compiled: CompiledExpression,
  scope: JsonataScope,
  stateName: string,
  enteredEventId: number,
  options: JsonataEvaluateOptions | undefined,
): Promise<JsonValue> {
  const raw = await compiled.evaluate(scope, stateName, enteredEventId, options);
  const value = toJsonValue(raw);
  if (value === undefined) throw compiled.failure('returned nothing (undefined).', stateName, enteredEventId);
  if (value === UNSUPPORTED) throw compiled.failure('returned an unsupported result type.', stateName, enteredEventId);
  return value;
}

function compileNode(value: JsonValue, field: string): Node {
  if (typeof value === 'string') {
    const text = getJsonataExpression(value);
    if (text === undefined) return { constant: true, value };
    const compiled = new CompiledExpression(text, field);
    return {
      constant: false,
      evaluate: (scope, stateName, id, options) => evaluateToJson(compiled, scope, stateName, id, options),
    };
  }
  if (value === null || typeof value !== 'object') return { constant: true, value };
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileNode(item, `${field}/${index}`));
    if (items.every((item) => item.constant)) return { constant: true, value };
    return {
      constant: false,
      evaluate: async (scope, stateName, id, options) => {
        const out = new Array<JsonValue>(items.length);
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          out[i] = item.constant ? item.value : await item.evaluate(scope, stateName, id, options);
        }
        return out;
      },
    };
  }
  const keys = Object.keys(value);
  const members = keys.map((key) => compileNode(value[key]!, `${field}/${key}`));
  if (members.every((member) => member.constant)) return { constant: true, value };
  return {
    constant: false,
    evaluate: async (scope, stateName, id, options) => {
      const out: Record<string, JsonValue> = {};
      for (let i = 0; i < keys.length; i++) {
        const member = members[i]!;
        out[keys[i]!] = member.constant ? member.value : await member.evaluate(scope, stateName, id, options);
      }
      return out;
    },
  };
}

/**
 * Compiles a JSONata-language field value (`Output`, `Arguments`, `Assign`, `ItemSelector`, ...) once.
 *
 * @remarks
 * Any string that is exactly `{% expr %}` (nothing outside the delimiters) at any depth is a JSONata expression;
 * everything else is literal. Each expression is parsed once (and cached process-wide by its text); literal
 * subtrees are returned by reference on every call, never copied, so treat results as immutable.
 * The evaluator rejects with `States.QueryEvaluationError` (a {@link QueryEvaluationFailure}) whose cause names
 * the nested field as AWS prints it: `Output`, `Output/result`, `Arguments/FunctionName`, `Assign/x`
 * (array items as `Output/list/0`). Expressions of one template are evaluated in document order and the first
 * failure wins. Throws {@link JsonataSyntaxError} at compile time for an expression that does not parse.
 */
export function compileJsonataTemplate(value: JsonValue, field: string): JsonataEvaluator<JsonValue> {
  const node = compileNode(value, field);
  if (node.constant) {
    const constant = node.value;
    return () => Promise.resolve(constant);
  }
  const evaluate = node.evaluate;
  return (scope, stateName, enteredEventId, options) => evaluate(scope, stateName, enteredEventId, options);
}
