import type { JsonPathAst, JsonValue } from '@step/asl';

/**
 * What a JSONPath, an intrinsic call or a Choice rule is evaluated against.
 *
 * @remarks
 * `variables` holds the workflow variables visible to the state; an inner scope (a Parallel branch, a Map
 * iteration) is an object whose prototype is the outer scope, so a plain lookup sees outer variables.
 * @internal
 */
export interface EvalScope {
  /** `$`: the value the path is applied to. */
  input: JsonValue;
  /** `$$`: the context object. */
  context: JsonValue;
  /** Workflow variables (`$name`). */
  variables: Readonly<Record<string, JsonValue>>;
}

/**
 * A compiled JSONPath: returns the selected value, or `undefined` when the path selects nothing.
 * @internal
 */
export type PathGetter = (scope: EvalScope) => JsonValue | undefined;

/**
 * Compiles a parsed JSONPath into a {@link PathGetter}; provided by the engine to the intrinsic and Choice compilers.
 * @internal
 */
export type PathCompiler = (path: JsonPathAst) => PathGetter;
