import jsonata from 'jsonata';
import { compileFastAst, compileFastPath, FALLBACK } from './compileFastPath.js';
import type { FastPath } from './compileFastPath.js';
import { BoundedRegExp } from './BoundedRegExp.js';
import { CONTEXT_BINDING, createEvaluationContext } from './createEvaluationContext.js';
import { guardEntry, guardExit, needsEvaluationBounds } from './evaluationLimits.js';
import { JsonataSyntaxError } from './JsonataSyntaxError.js';
import { QueryEvaluationFailure } from './QueryEvaluationFailure.js';
import { registerStepFunctions } from './registerStepFunctions.js';
import type { JsonataEvaluateOptions, JsonataScope } from './types.js';

/** A parsed expression and the workflow variables it can read. */
interface Parsed {
  expression: jsonata.Expression;
  variables: readonly string[];
  /** A plain function for the common small expressions (see compileFastAst). */
  fast: FastPath | undefined;
}

/** Parsed expressions by text, shared by every definition in the process (they hold no per-run state). */
const cache = new Map<string, Parsed>();
const MAX_CACHED = 5000;
let parses = 0;

/**
 * How many expressions JSONata has parsed in this process (the compile-once tests read it).
 * @internal
 */
export function getParseCount(): number {
  return parses;
}

const STACK_OVERFLOW_MESSAGE =
  'U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.';

// Every JSONata evaluation in this process matches regular expressions through BoundedRegExp. JSONata reads its
// engine from a property that each jsonata(text, options) call resets (@step/asl parses with the default), so the
// property is pinned here.
Object.defineProperty(jsonata, 'RegexEngine', { get: () => BoundedRegExp, set: () => undefined, configurable: true });

const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry') as unknown as string;
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit') as unknown as string;

interface JsonataErrorLike {
  code?: unknown;
  message?: unknown;
  position?: unknown;
}

/**
 * Every `$name` an expression mentions (variables, functions, lambda parameters); JSONata has no other way to
 * reach a binding (`$eval` is removed), so binding just these is enough.
 */
function collectVariables(ast: unknown): string[] {
  const seen = new Set<unknown>();
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (record.type === 'variable' && typeof record.value === 'string') names.add(record.value);
    for (const key in record) walk(record[key]);
  };
  walk(ast);
  names.delete('');
  names.delete('$');
  names.delete('states');
  return [...names];
}

function parseExpression(text: string, field: string): Parsed {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let expression: jsonata.Expression;
  parses += 1;
  try {
    expression = jsonata(text);
  } catch (e) {
    const error = e as JsonataErrorLike;
    throw new JsonataSyntaxError(
      text,
      field,
      typeof error.code === 'string' ? error.code : 'S0000',
      typeof error.message === 'string' ? error.message : String(e),
      typeof error.position === 'number' ? error.position : 0,
      { cause: e },
    );
  }
  registerStepFunctions(expression);
  // Every evaluation that can do more than linear work is bounded in time (guardEntry) and in what it builds
  // (guardExit); see EVALUATION_LIMITS. The hooks cost a microtask per node, so linear expressions go without.
  if (needsEvaluationBounds(expression.ast())) {
    expression.assign(ENTRY_HOOK, guardEntry);
    expression.assign(EXIT_HOOK, guardExit);
  }
  const parsed: Parsed = {
    expression,
    variables: collectVariables(expression.ast()),
    fast: compileFastAst(expression.ast()),
  };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/**
 * The cause prefix AWS puts before every runtime error of a state.
 * @internal
 */
export function causePrefix(stateName: string, enteredEventId: number): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). `;
}

/**
 * Tells what JSONata's `$type` would say of a value: `null`, `array`, `object`, `number`, `string`, `boolean`,
 * `function`.
 * @internal
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A `States.QueryEvaluationError` in AWS's words: `<prefix>The JSONata expression '<text>' specified for the
 * field '<field>' <detail>`.
 * @internal
 */
export function expressionFailure(
  text: string,
  field: string,
  detail: string,
  stateName: string,
  enteredEventId: number,
): QueryEvaluationFailure {
  return new QueryEvaluationFailure(
    `${causePrefix(stateName, enteredEventId)}The JSONata expression '${text}' specified for the field '${field}' ${detail}`,
    field,
    stateName,
  );
}

function describeError(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return STACK_OVERFLOW_MESSAGE;
  const error = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as JsonataErrorLike;
  const message = typeof error.message === 'string' ? error.message : String(e);
  return typeof error.code === 'string' ? `${error.code}: ${message}` : message;
}

/**
 * One `{% %}` expression of a definition, parsed once, evaluated per state run.
 * @internal
 */
export class CompiledExpression {
  /** The expression text, trimmed, as AWS prints it in causes. */
  readonly text: string;
  /** The field as AWS prints it in causes, e.g. `Output/result`. */
  readonly field: string;
  private readonly expression: jsonata.Expression;
  private readonly variables: readonly string[];
  private readonly fastPath: FastPath | undefined;

  /** `fastPath: false` makes JSONata evaluate even plain paths (tests compare the two). */
  constructor(text: string, field: string, options?: { fastPath?: boolean }) {
    this.text = text;
    this.field = field;
    const parsed = parseExpression(text, field);
    this.expression = parsed.expression;
    this.variables = parsed.variables;
    this.fastPath = options?.fastPath === false ? undefined : (compileFastPath(text) ?? parsed.fast);
  }

  /** Evaluates the expression; rejects with a {@link QueryEvaluationFailure} when JSONata throws. */
  async evaluate(
    scope: JsonataScope,
    stateName: string,
    enteredEventId: number,
    options: JsonataEvaluateOptions | undefined,
  ): Promise<unknown> {
    if (this.fastPath !== undefined) {
      const value = this.fastPath(scope);
      if (value !== FALLBACK) return value;
    }
    const bindings: Record<string, unknown> = {
      states: scope.states,
      [CONTEXT_BINDING]: createEvaluationContext(options),
    };
    // Only the variables the expression mentions; a plain read also sees inherited (outer-scope) variables.
    const variables = scope.variables;
    for (const name of this.variables) {
      const value = variables[name];
      if (value !== undefined) bindings[name] = value;
    }
    try {
      return (await this.expression.evaluate(undefined, bindings)) as unknown;
    } catch (e) {
      throw this.failure(`threw an error during evaluation. ${describeError(e)}`, stateName, enteredEventId);
    }
  }

  /** A `States.QueryEvaluationError` about this expression: `The JSONata expression '...' ... <detail>`. */
  failure(detail: string, stateName: string, enteredEventId: number): QueryEvaluationFailure {
    return expressionFailure(this.text, this.field, detail, stateName, enteredEventId);
  }
}
