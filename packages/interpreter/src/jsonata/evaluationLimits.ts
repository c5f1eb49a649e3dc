import type jsonata from 'jsonata';
import { CONTEXT_BINDING } from './createEvaluationContext.js';
import type { EvaluationContext } from './createEvaluationContext.js';

/**
 * The bounds of one JSONata evaluation (docs/decisions/007). AWS documents a 1 s limit and no memory limit; the
 * memory bounds are ours, far above anything a 256 KiB payload needs and far below what kills a Node process.
 *
 * @example
 * ```ts
 * if (text.length > EVALUATION_LIMITS.stringLength) fail();
 * ```
 * @internal
 */
export const EVALUATION_LIMITS = {
  /** Longest string one step may build (characters). */
  stringLength: 16_777_216,
  /** Characters all the strings built by functions and operators may hold in total. */
  builtCharacters: 67_108_864,
  /** Array items all the steps of the evaluation may produce in total. */
  builtItems: 10_000_000,
} as const;

/** The clock is read every this many evaluated nodes (a power of two minus one, used as a mask). */
const CLOCK_CHECK_MASK = 63;

const TIMEOUT_ERROR = { code: 'U1001', message: 'Expression evaluation timeout: Check for infinite loop' };

function limitError(what: string): { message: string } {
  return { message: `Evaluation limit exceeded: ${what} (a bound of the local interpreter; see docs/decisions/007).` };
}

function contextOf(environment: jsonata.Environment): EvaluationContext | undefined {
  return environment.lookup(CONTEXT_BINDING) as EvaluationContext | undefined;
}

/**
 * JSONata's `__evaluate_entry` hook: fails the evaluation once it runs past its deadline (checked every 64 nodes).
 * @internal
 */
export function guardEntry(_node: unknown, _input: unknown, environment: jsonata.Environment): void {
  const ctx = contextOf(environment);
  if (ctx === undefined || (++ctx.steps & CLOCK_CHECK_MASK) !== 0) return;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
  if (Date.now() > ctx.deadline) throw { ...TIMEOUT_ERROR };
}

interface NodeLike {
  type?: unknown;
  value?: unknown;
}

/**
 * JSONata's `__evaluate_exit` hook: counts what each node produced and fails the evaluation past
 * {@link EVALUATION_LIMITS}, before the process runs out of memory.
 * @internal
 */
export function guardExit(node: NodeLike, _input: unknown, environment: jsonata.Environment, result: unknown): void {
  if (typeof result === 'string') {
    // Only functions and operators build strings; a path or a variable hands an existing one on.
    if (node.type !== 'function' && node.type !== 'binary') return;
    const ctx = contextOf(environment);
    if (ctx === undefined) return;
    ctx.characters += result.length;
    if (result.length > EVALUATION_LIMITS.stringLength) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
      throw limitError(`a string of ${result.length} characters is longer than ${EVALUATION_LIMITS.stringLength}`);
    }
    if (ctx.characters > EVALUATION_LIMITS.builtCharacters) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
      throw limitError(`the strings built hold more than ${EVALUATION_LIMITS.builtCharacters} characters`);
    }
  } else if (Array.isArray(result) && node.type !== 'variable') {
    const ctx = contextOf(environment);
    if (ctx === undefined) return;
    ctx.items += result.length;
    if (ctx.items > EVALUATION_LIMITS.builtItems) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
      throw limitError(`the steps produced more than ${EVALUATION_LIMITS.builtItems} array items`);
    }
  }
}

/**
 * JSONata's `$pad(str, width[, char])` with the same result, refusing a width past
 * {@link EVALUATION_LIMITS.stringLength} before it allocates (JSONata's own would abort V8 on `$pad('', 5e8)`).
 * @internal
 */
export function boundedPad(str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined;
  if (Math.abs(width) > EVALUATION_LIMITS.stringLength) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
    throw limitError(
      `$pad to a width of ${Math.abs(width)} is longer than ${EVALUATION_LIMITS.stringLength} characters`,
    );
  }
  const fill = char === undefined || char.length === 0 ? ' ' : char;
  // Lengths in code points, as JSONata counts them.
  const padLength = Math.abs(width) - Array.from(str).length;
  if (!(padLength > 0)) return str;
  let padding = fill.repeat(padLength);
  if (fill.length > 1) padding = Array.from(padding).slice(0, padLength).join('');
  return width > 0 ? str + padding : padding + str;
}

/** Built-in functions whose work and result are linear in their arguments: they cannot amplify anything. */
const LINEAR_FUNCTIONS = new Set([
  'merge',
  'count',
  'sum',
  'max',
  'min',
  'average',
  'keys',
  'exists',
  'string',
  'number',
  'boolean',
  'not',
  'type',
  'length',
  'substring',
  'substringBefore',
  'substringAfter',
  'uppercase',
  'lowercase',
  'trim',
  'abs',
  'floor',
  'ceil',
  'round',
  'power',
  'sqrt',
  'lookup',
  'append',
  'reverse',
  'spread',
  'now',
  'millis',
  'uuid',
  'random',
  'partition',
  'hash',
  'parse',
  'toMillis',
  'fromMillis',
  'formatNumber',
  'formatBase',
  'base64encode',
  'base64decode',
  'encodeUrl',
  'encodeUrlComponent',
  'decodeUrl',
  'decodeUrlComponent',
  'shuffle',
  'zip',
]);

/** Binary operators other than `..` (a range) and `&` only compute scalars from scalars; `&` is linear. */
const AMPLIFYING_OPERATORS = new Set(['..']);

interface AstNode {
  type?: unknown;
  value?: unknown;
  steps?: unknown;
  stages?: unknown;
  group?: unknown;
  predicate?: unknown;
  procedure?: AstNode;
  [key: string]: unknown;
}

/**
 * Whether an expression can do more than linear work in its input and its own size, so that its evaluation needs
 * the {@link guardEntry}/{@link guardExit} hooks (each costs a microtask per node).
 *
 * @remarks
 * Linear: literals, variables, paths whose steps are names or variables (indexes such as `[0]`, but no filters,
 * blocks, wildcards or grouping), array/object constructors, operators other than `..`, conditions, and calls of
 * {@link LINEAR_FUNCTIONS}. Anything else (functions, lambdas, ranges, regexes, blocks, filters, sorting, `$pad`,
 * `$join`, `$map`...) is bounded.
 * @internal
 */
export function needsEvaluationBounds(ast: unknown): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== 'object') return false;
    const n = node as AstNode;
    if (n.group !== undefined || n.predicate !== undefined) return true;
    // An index (`list[0]`) is linear; any other filter evaluates an expression per item.
    if (
      n.stages !== undefined &&
      !(n.stages as AstNode[]).every((st) => st.type === 'filter' && (st.expr as AstNode).type === 'number')
    ) {
      return true;
    }
    switch (n.type) {
      case 'string':
      case 'number':
      case 'value':
      case 'name':
      case 'variable':
        return false;
      case 'path':
        return (n.steps as AstNode[]).some((s) => (s.type !== 'name' && s.type !== 'variable') || visit(s));
      case 'unary':
        return n.value === '-' ? visit(n.expression) : visit(n.expressions) || visit(n.lhs);
      case 'binary':
        return AMPLIFYING_OPERATORS.has(n.value as string) || visit(n.lhs) || visit(n.rhs);
      case 'condition':
        return visit(n.condition) || visit(n.then) || visit(n.else);
      case 'function':
        return (
          n.procedure?.type !== 'variable' || !LINEAR_FUNCTIONS.has(n.procedure.value as string) || visit(n.arguments)
        );
      default:
        return true;
    }
  };
  return visit(ast);
}
