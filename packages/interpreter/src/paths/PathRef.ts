import type { JsonPathAst, JsonValue } from '@step/asl';
import type { EvalScope, PathGetter } from '../evalScope.js';
import { compilePath } from './compilePath.js';

const ROOT_INPUT = 0;
const ROOT_CONTEXT = 1;
const ROOT_VARIABLE = 2;

/**
 * A compiled JSONPath as data: definite paths are a list of steps (property names as strings, indexes as numbers)
 * walked by the one shared {@link readPath} function, which stays hot however many states a machine has.
 * @internal
 */
export class PathRef {
  readonly text: string;
  readonly ast: JsonPathAst;
  readonly root: number;
  readonly name: string;
  /** Steps of a definite path; `undefined` for an indefinite one (then `get` is used). */
  readonly steps: (string | number)[] | undefined;
  readonly get: PathGetter;

  constructor(text: string, ast: JsonPathAst) {
    this.text = text;
    this.ast = ast;
    this.root = ast.root.kind === 'input' ? ROOT_INPUT : ast.root.kind === 'context' ? ROOT_CONTEXT : ROOT_VARIABLE;
    this.name = ast.root.kind === 'variable' ? ast.root.name : '';
    const definite = ast.segments.every((s) => s.kind === 'property' || s.kind === 'index');
    this.steps = definite
      ? ast.segments.map((s) => (s.kind === 'property' ? s.name : s.kind === 'index' ? s.index : 0))
      : undefined;
    this.get = compilePath(ast);
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Reads a {@link PathRef}; `undefined` when it selects nothing.
 * @internal
 */
export function readPath(p: PathRef, scope: EvalScope): JsonValue | undefined {
  const steps = p.steps;
  if (steps === undefined) return p.get(scope);
  let v: JsonValue | undefined =
    p.root === ROOT_INPUT ? scope.input : p.root === ROOT_CONTEXT ? scope.context : scope.variables[p.name];
  for (let i = 0; i < steps.length; i++) {
    if (v === undefined || v === null || typeof v !== 'object') return undefined;
    const s = steps[i]!;
    if (typeof s === 'string') {
      if (Array.isArray(v) || !hasOwn(v, s)) return undefined;
      v = v[s];
    } else {
      if (!Array.isArray(v)) return undefined;
      const j = s < 0 ? v.length + s : s;
      if (j < 0 || j >= v.length) return undefined;
      v = v[j];
    }
  }
  return v;
}
