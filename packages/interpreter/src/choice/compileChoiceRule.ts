import { parsePath, StepError } from '@step/asl';
import type { ChoiceRule, JsonPathAst, JsonValue } from '@step/asl';
import type { EvalScope, PathCompiler, PathGetter } from '../evalScope.js';
import { StatesFailure } from '../StatesFailure.js';
import { compileStringMatcher } from './compileStringMatcher.js';
import { describeMissingPath } from './describeMissingPath.js';
import { parseInstant } from './parseTimestamp.js';
import type { Instant } from './parseTimestamp.js';

/**
 * A compiled Choice rule: tells whether the rule matches the scope.
 * @internal
 */
export type ChoicePredicate = (scope: EvalScope) => boolean;

type Family = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const COMPARISON =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;
const NON_OPERATOR_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

const TYPE_TESTS: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => typeof v === 'string' && parseInstant(v) !== undefined,
};

/** A parser remembering its last input: a Choice in a loop usually sees the same timestamp text again. */
function cachedInstantParser(): (text: string) => Instant | undefined {
  let lastText: string | undefined;
  let lastInstant: Instant | undefined;
  return (text) => {
    if (text !== lastText) {
      lastInstant = parseInstant(text);
      lastText = text;
    }
    return lastInstant;
  };
}

function compareInstants(a: Instant, b: Instant): number {
  return a.seconds - b.seconds || a.nanos - b.nanos;
}

function relationTest(relation: Relation): (c: number) => boolean {
  switch (relation) {
    case 'Equals':
      return (c) => c === 0;
    case 'LessThan':
      return (c) => c < 0;
    case 'GreaterThan':
      return (c) => c > 0;
    case 'LessThanEquals':
      return (c) => c <= 0;
    case 'GreaterThanEquals':
      return (c) => c >= 0;
  }
}

/** Compares two values of one family; `undefined` when either is not of that family (the rule is then false). */
function familyComparer(family: Family): (a: JsonValue, b: JsonValue) => number | undefined {
  switch (family) {
    case 'String':
      return (a, b) => (typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : undefined);
    case 'Numeric':
      return (a, b) => (typeof a === 'number' && typeof b === 'number' ? (a < b ? -1 : a > b ? 1 : 0) : undefined);
    case 'Boolean':
      return (a, b) => (typeof a === 'boolean' && typeof b === 'boolean' ? (a === b ? 0 : 1) : undefined);
    case 'Timestamp': {
      const parseA = cachedInstantParser();
      const parseB = cachedInstantParser();
      return (a, b) => {
        if (typeof a !== 'string' || typeof b !== 'string') return undefined;
        const x = parseA(a);
        const y = parseB(b);
        return x === undefined || y === undefined ? undefined : compareInstants(x, y);
      };
    }
  }
}

function parseRulePath(text: unknown, field: string): JsonPathAst {
  if (typeof text !== 'string') {
    throw new StepError(
      `Choice rule field '${field}' must be a path string such as '$.value', got ${JSON.stringify(text)}.`,
    );
  }
  const parsed = parsePath(text);
  if (!parsed.ok) {
    throw new StepError(
      `Choice rule field '${field}' holds an invalid path '${text}': ${parsed.message}. Fix the path.`,
    );
  }
  return parsed.path;
}

/** A getter that fails with AWS's `States.Runtime` "Invalid path" cause when the path selects nothing. */
function requiredGetter(path: JsonPathAst, get: PathGetter): (scope: EvalScope) => JsonValue {
  return (scope) => {
    const value = get(scope);
    if (value === undefined) throw new StatesFailure('States.Runtime', describeMissingPath(path, scope));
    return value;
  };
}

function compileComparison(
  family: Family,
  relation: Relation,
  operand: unknown,
  isPath: boolean,
  read: (scope: EvalScope) => JsonValue,
  compilePath: PathCompiler,
  operator: string,
): ChoicePredicate {
  const test = relationTest(relation);
  if (isPath) {
    const path = parseRulePath(operand, operator);
    const readOperand = requiredGetter(path, compilePath(path));
    const compare = familyComparer(family);
    return (scope) => {
      const c = compare(read(scope), readOperand(scope));
      return c !== undefined && test(c);
    };
  }
  switch (family) {
    case 'Numeric': {
      if (typeof operand !== 'number') return invalidOperand(operator, operand, 'a number');
      const b = operand;
      switch (relation) {
        case 'Equals':
          return (scope) => read(scope) === b;
        case 'LessThan':
          return (scope) => {
            const a = read(scope);
            return typeof a === 'number' && a < b;
          };
        case 'GreaterThan':
          return (scope) => {
            const a = read(scope);
            return typeof a === 'number' && a > b;
          };
        case 'LessThanEquals':
          return (scope) => {
            const a = read(scope);
            return typeof a === 'number' && a <= b;
          };
        case 'GreaterThanEquals':
          return (scope) => {
            const a = read(scope);
            return typeof a === 'number' && a >= b;
          };
      }
      break;
    }
    case 'String': {
      if (typeof operand !== 'string') return invalidOperand(operator, operand, 'a string');
      const b = operand;
      if (relation === 'Equals') return (scope) => read(scope) === b;
      return (scope) => {
        const a = read(scope);
        return typeof a === 'string' && test(a < b ? -1 : a > b ? 1 : 0);
      };
    }
    case 'Boolean': {
      if (typeof operand !== 'boolean') return invalidOperand(operator, operand, 'true or false');
      const b = operand;
      return (scope) => read(scope) === b;
    }
    case 'Timestamp': {
      const b = typeof operand === 'string' ? parseInstant(operand) : undefined;
      if (b === undefined)
        return invalidOperand(operator, operand, 'an ISO-8601 timestamp such as "2016-03-14T01:59:00Z"');
      const parse = cachedInstantParser();
      return (scope) => {
        const a = read(scope);
        if (typeof a !== 'string') return false;
        const x = parse(a);
        return x !== undefined && test(compareInstants(x, b));
      };
    }
  }
  return invalidOperand(operator, operand, 'a valid operand');
}

function invalidOperand(operator: string, operand: unknown, expected: string): never {
  throw new StepError(
    `Choice rule operator '${operator}' needs ${expected}, got ${JSON.stringify(operand)}. Fix the rule's value.`,
  );
}

function findOperator(rule: Record<string, unknown>): string {
  let found: string | undefined;
  for (const key of Object.keys(rule)) {
    if (NON_OPERATOR_FIELDS.has(key)) continue;
    if (found !== undefined) {
      throw new StepError(
        `Choice rule has two comparison operators, '${found}' and '${key}'. Each Choice rule can only have one; combine rules with "And".`,
      );
    }
    found = key;
  }
  if (found === undefined) {
    throw new StepError(
      `Choice rule on '${String(rule.Variable)}' has no comparison operator. Add one such as "StringEquals", or use "And"/"Or"/"Not".`,
    );
  }
  return found;
}

/**
 * Compiles a JSONPath Choice rule (a comparison on `Variable`, or `And`/`Or`/`Not`) into a predicate.
 *
 * @remarks
 * Every path in the rule is parsed and compiled here, once. Semantics follow AWS:
 * - all 39 comparators: `String*`, `Numeric*`, `Boolean*`, `Timestamp*` (each with a `*Path` form comparing
 *   with the value at a second path), `StringMatches`, and `IsNull`/`IsPresent`/`IsNumeric`/`IsString`/
 *   `IsBoolean`/`IsTimestamp`;
 * - a value of the wrong type makes the comparison false (never an error);
 * - strings compare by UTF-16 code unit; timestamps compare as instants (offsets applied, to the nanosecond);
 * - `StringMatches`: `*` is a wildcard, `\*` and `\\` are escapes;
 * - `IsPresent: false` matches a missing `Variable`; for every other operator a missing `Variable` (or a missing
 *   `*Path` operand) throws a `StatesFailure` `States.Runtime` with AWS's cause, e.g.
 *   `Invalid path '$.x' : No results for path: $['x']`.
 *
 * A malformed rule (no operator, two operators, an invalid path, an operand of the wrong type) is library misuse
 * that validation reports first; compiling one throws a `StepError`.
 */
export function compileChoiceRule(rule: ChoiceRule, compilePath: PathCompiler): ChoicePredicate {
  const r = rule as unknown as Record<string, unknown>;
  if (r.And !== undefined || r.Or !== undefined) {
    const isAnd = r.And !== undefined;
    const list = isAnd ? r.And : r.Or;
    if (!Array.isArray(list) || list.length === 0) {
      throw new StepError(`Choice rule "${isAnd ? 'And' : 'Or'}" must be a non-empty array of rules.`);
    }
    const predicates = list.map((nested) => compileChoiceRule(nested as ChoiceRule, compilePath));
    if (predicates.length === 1) return predicates[0] as ChoicePredicate;
    if (isAnd) {
      return (scope) => {
        for (const p of predicates) if (!p(scope)) return false;
        return true;
      };
    }
    return (scope) => {
      for (const p of predicates) if (p(scope)) return true;
      return false;
    };
  }
  if (r.Not !== undefined) {
    if (r.Not === null || typeof r.Not !== 'object' || Array.isArray(r.Not)) {
      throw new StepError('Choice rule "Not" must be a single rule object.');
    }
    const inner = compileChoiceRule(r.Not, compilePath);
    return (scope) => !inner(scope);
  }
  if (r.Condition !== undefined) {
    throw new StepError(
      'Choice rule uses "Condition", which is JSONata; compile it with the JSONata evaluator, not compileChoiceRule.',
    );
  }
  const operator = findOperator(r);
  const operand = r[operator];
  const variable = parseRulePath(r.Variable, 'Variable');
  const get = compilePath(variable);

  if (operator === 'IsPresent') {
    if (typeof operand !== 'boolean') return invalidOperand(operator, operand, 'true or false');
    return operand ? (scope) => get(scope) !== undefined : (scope) => get(scope) === undefined;
  }
  const read = requiredGetter(variable, get);
  const typeTest = Object.hasOwn(TYPE_TESTS, operator) ? TYPE_TESTS[operator] : undefined;
  if (typeTest !== undefined) {
    if (typeof operand !== 'boolean') return invalidOperand(operator, operand, 'true or false');
    return operand ? (scope) => typeTest(read(scope)) : (scope) => !typeTest(read(scope));
  }
  if (operator === 'StringMatches') {
    if (typeof operand !== 'string') return invalidOperand(operator, operand, 'a pattern string');
    const matches = compileStringMatcher(operand);
    return (scope) => {
      const value = read(scope);
      return typeof value === 'string' && matches(value);
    };
  }
  const m = COMPARISON.exec(operator);
  if (m === null || (m[1] === 'Boolean' && m[2] !== 'Equals')) {
    throw new StepError(
      `Choice rule operator '${operator}' is not a comparison operator of the Amazon States Language.`,
    );
  }
  return compileComparison(m[1] as Family, m[2] as Relation, operand, m[3] !== undefined, read, compilePath, operator);
}
