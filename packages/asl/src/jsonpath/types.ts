/**
 * What a JSONPath starts from: `$` (the input), `$$` (the context object) or `$name` (a variable).
 *
 * @example
 * ```ts
 * const root: PathRoot = { kind: 'variable', name: 'order' };
 * ```
 */
export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

/**
 * One step of a JSONPath after its root.
 *
 * @example
 * ```ts
 * const seg: PathSegment = { kind: 'property', name: 'items' };
 * ```
 */
export type PathSegment =
  | { kind: 'property'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'union'; members: (string | number)[] }
  | { kind: 'recursive'; name?: string }
  | { kind: 'filter'; expression: string };

/**
 * A parsed JSONPath.
 *
 * @example
 * ```ts
 * const ast: JsonPathAst = { source: '$.a', root: { kind: 'input' }, segments: [{ kind: 'property', name: 'a' }], definite: true };
 * ```
 */
export interface JsonPathAst {
  /** The text that was parsed. */
  source: string;
  root: PathRoot;
  segments: PathSegment[];
  /** true when the path can address at most one node: only property/index segments */
  definite: boolean;
}
