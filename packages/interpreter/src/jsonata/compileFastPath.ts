import type { JsonataScope } from './types.js';

/**
 * Returned by a fast path when JSONata itself must evaluate the expression.
 *
 * @example
 * ```ts
 * const value = fastPath(scope);
 * if (value === FALLBACK) return expression.evaluate(undefined, bindings);
 * ```
 * @internal
 */
export const FALLBACK: unique symbol = Symbol('fallback');

/**
 * A reader of a plain `$name.a.b` path that gives JSONata's answer, or {@link FALLBACK} when it cannot tell.
 * @internal
 */
export type FastPath = (scope: JsonataScope) => unknown;

const PLAIN_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
/** Words JSONata's parser reads as operators or literals, not as field names. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * Compiles the commonest JSONata expressions, `$states.input.a.b` and `$variable.a.b`, into a direct property walk.
 *
 * @remarks
 * Gives exactly JSONata's result for objects and scalars, and answers {@link FALLBACK} (so JSONata evaluates the
 * expression) whenever JSONata's path semantics go beyond a walk: an array before the last step (JSONata maps
 * over it), an inherited property, or a variable that is not set (it may name a built-in function).
 * Returns `undefined` when the text is not such a path.
 * @internal
 */
export function compileFastPath(text: string): FastPath | undefined {
  const match = PLAIN_PATH.exec(text);
  if (match === null) return undefined;
  const root = match[1]!;
  const steps = match[2] === '' ? [] : match[2]!.slice(1).split('.');
  if (RESERVED.has(root) || steps.some((step) => RESERVED.has(step))) return undefined;
  return readPath(root, steps);
}

interface FastNode {
  type?: unknown;
  value?: unknown;
  steps?: unknown;
  lhs?: unknown;
  rhs?: unknown;
  expression?: unknown;
}

/** Keys a path step or node has when it uses nothing beyond a plain field name. */
const PLAIN_KEYS = new Set(['type', 'value', 'position']);

function readPath(root: string, steps: readonly string[]): FastPath {
  const isStates = root === 'states';
  return (scope) => {
    let value: unknown = isStates ? scope.states : scope.variables[root];
    if (value === undefined) return isStates ? undefined : FALLBACK;
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return undefined;
      if (Array.isArray(value)) return FALLBACK;
      const object = value as Record<string, unknown>;
      if (!Object.hasOwn(object, step)) return step in object ? FALLBACK : undefined;
      value = object[step];
    }
    return value;
  };
}

/** Whether a node has only plain own keys (JSONata's AST nodes inherit parser fields, so `for...in` would see those). */
function isPlain(node: FastNode): boolean {
  return Object.keys(node).every((k) => PLAIN_KEYS.has(k));
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const ORDER: Record<string, (a: number | string, b: number | string) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const isPrimitive = (v: unknown): boolean =>
  v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/**
 * Compiles the common small JSONata expressions to plain functions: paths of field names from `$states` or a
 * variable, number/string/boolean/null literals, arithmetic, comparisons, `and`/`or` and object constructors
 * with literal keys.
 *
 * @remarks
 * Only the cases where JSONata's result is plain are computed (numbers for arithmetic, two numbers or two
 * strings for an order, primitives for `=`/`!=`, booleans for `and`/`or`, finite results); anything else
 * (undefined operands, type errors, arrays on a path) returns {@link FALLBACK}, and JSONata evaluates the
 * expression with its own results and errors.
 * @internal
 */
export function compileFastAst(ast: unknown): FastPath | undefined {
  if (ast === null || typeof ast !== 'object') return undefined;
  const node = ast as FastNode;
  switch (node.type) {
    case 'number':
    case 'string':
    case 'value': {
      if (!isPlain(node) || !isPrimitive(node.value)) return undefined;
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      if (!isPlain(node) || typeof node.value !== 'string' || node.value === '' || RESERVED.has(node.value))
        return undefined;
      return readPath(node.value, []);
    }
    case 'path': {
      const keys = Object.keys(node);
      if (keys.some((k) => k !== 'type' && k !== 'steps' && k !== 'position')) return undefined;
      if (!Array.isArray(node.steps) || node.steps.length < 2) return undefined;
      const [first, ...rest] = node.steps as FastNode[];
      if (first?.type !== 'variable' || !isPlain(first) || typeof first.value !== 'string' || first.value === '')
        return undefined;
      if (RESERVED.has(first.value)) return undefined;
      const steps: string[] = [];
      let index: number | undefined;
      for (let i = 0; i < rest.length; i++) {
        const step = rest[i]! as FastNode & { stages?: unknown };
        if (step.type !== 'name' || typeof step.value !== 'string') return undefined;
        if (!isPlain(step)) {
          // `name[N]` with a literal index, on the last step only.
          if (i !== rest.length - 1 || Object.keys(step).some((k) => k !== 'stages' && !PLAIN_KEYS.has(k)))
            return undefined;
          index = literalIndex(step.stages);
          if (index === undefined) return undefined;
        }
        steps.push(step.value);
      }
      const read = readPath(first.value, steps);
      if (index === undefined) return read;
      const at = index;
      return (scope) => {
        const list = read(scope);
        if (!Array.isArray(list)) return FALLBACK;
        const item: unknown = list[at];
        return item === undefined || Array.isArray(item) ? FALLBACK : item;
      };
    }
    case 'binary':
      return compileBinary(node);
    case 'function':
      return compileMerge(node);
    case 'unary': {
      if (node.value === '-') {
        const operand = compileFastAst(node.expression);
        if (operand === undefined) return undefined;
        return (scope) => {
          const v = operand(scope);
          return typeof v === 'number' ? -v : FALLBACK;
        };
      }
      if (node.value === '{') return compileObject(node);
      return undefined;
    }
    default:
      return undefined;
  }
}

function compileBinary(node: FastNode): FastPath | undefined {
  const op = node.value;
  if (typeof op !== 'string') return undefined;
  const lhs = compileFastAst(node.lhs);
  const rhs = lhs === undefined ? undefined : compileFastAst(node.rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  const arithmetic = ARITHMETIC[op];
  if (arithmetic !== undefined) {
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      if (typeof a !== 'number' || typeof b !== 'number') return FALLBACK;
      const r = arithmetic(a, b);
      return Number.isFinite(r) ? r : FALLBACK;
    };
  }
  const order = ORDER[op];
  if (order !== undefined) {
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))
        return order(a, b);
      return FALLBACK;
    };
  }
  if (op === '=' || op === '!=') {
    const equal = op === '=';
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      if (!isPrimitive(a) || !isPrimitive(b)) return FALLBACK;
      return (a === b) === equal;
    };
  }
  if (op === 'and' || op === 'or') {
    const and = op === 'and';
    return (scope) => {
      const a = lhs(scope);
      const b = rhs(scope);
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return FALLBACK;
      return and ? a && b : a || b;
    };
  }
  return undefined;
}

function compileObject(node: FastNode): FastPath | undefined {
  if (!Array.isArray(node.lhs)) return undefined;
  const keys: string[] = [];
  const values: FastPath[] = [];
  for (const pair of node.lhs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const k = pair[0] as FastNode;
    // Literal keys only, each once (JSONata fails on a repeated key).
    if (k.type !== 'string' || !isPlain(k) || typeof k.value !== 'string' || keys.includes(k.value)) return undefined;
    const v = compileFastAst(pair[1]);
    if (v === undefined) return undefined;
    keys.push(k.value);
    values.push(v);
  }
  return (scope) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = values[i]!(scope);
      if (v === FALLBACK) return FALLBACK;
      if (v !== undefined) out[keys[i]!] = v;
    }
    return out;
  };
}

/** The index of `[N]` (one filter stage holding a non-negative integer literal), else undefined. */
function literalIndex(stages: unknown): number | undefined {
  if (!Array.isArray(stages) || stages.length !== 1) return undefined;
  const stage = stages[0] as { type?: unknown; expr?: FastNode };
  if (stage.type !== 'filter' || Object.keys(stage).some((k) => k !== 'type' && k !== 'expr' && k !== 'position'))
    return undefined;
  const expr = stage.expr;
  if (expr === undefined || expr.type !== 'number' || !isPlain(expr)) return undefined;
  return typeof expr.value === 'number' && Number.isInteger(expr.value) && expr.value >= 0 ? expr.value : undefined;
}

/** `$merge([a, b, ...])` over plain objects (unless a workflow variable named `merge` shadows the function). */
function compileMerge(node: FastNode & { procedure?: unknown; arguments?: unknown }): FastPath | undefined {
  const procedure = node.procedure as FastNode | undefined;
  if (procedure?.type !== 'variable' || procedure.value !== 'merge' || !isPlain(procedure)) return undefined;
  if (node.value !== '(' || !Array.isArray(node.arguments) || node.arguments.length !== 1) return undefined;
  if (Object.keys(node).some((k) => !['type', 'name', 'value', 'position', 'arguments', 'procedure'].includes(k)))
    return undefined;
  const list = node.arguments[0] as FastNode & { expressions?: unknown };
  if (list.type !== 'unary' || list.value !== '[' || !Array.isArray(list.expressions) || list.expressions.length === 0)
    return undefined;
  if (Object.keys(list).some((k) => k !== 'expressions' && !PLAIN_KEYS.has(k))) return undefined;
  const items: FastPath[] = [];
  for (const e of list.expressions as unknown[]) {
    const item = compileFastAst(e);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return (scope) => {
    if (scope.variables.merge !== undefined) return FALLBACK;
    const out: Record<string, unknown> = {};
    for (const item of items) {
      const o = item(scope);
      if (o === null || typeof o !== 'object' || Array.isArray(o)) return FALLBACK;
      const record = o as Record<string, unknown>;
      for (const k of Object.keys(record)) out[k] = record[k];
    }
    return out;
  };
}
