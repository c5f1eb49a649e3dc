import type { JsonPathAst, JsonValue, PathSegment } from '@step/asl';
import type { EvalScope, PathGetter } from '../evalScope.js';
import { compileFilter } from './compileFilter.js';

type Json = JsonValue | undefined;
type Step = (value: Json) => Json;
type MultiStep = (values: JsonValue[], root: JsonValue) => JsonValue[];

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isObject(v: Json): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getProperty(v: Json, name: string): Json {
  if (isObject(v)) return hasOwn(v, name) ? v[name] : undefined;
  return undefined;
}

function getIndex(v: Json, index: number): Json {
  if (!Array.isArray(v)) return undefined;
  const i = index < 0 ? v.length + index : index;
  return i >= 0 && i < v.length ? v[i] : undefined;
}

/** The root value a path starts from, or `undefined` for an unknown variable. */
function rootGetter(ast: JsonPathAst): (scope: EvalScope) => Json {
  const root = ast.root;
  if (root.kind === 'input') return (s) => s.input;
  if (root.kind === 'context') return (s) => s.context;
  const name = root.name;
  return (s) => {
    const v = s.variables[name];
    return v === undefined ? undefined : v;
  };
}

function definiteStep(seg: PathSegment): Step {
  if (seg.kind === 'property') {
    const name = seg.name;
    return (v) => getProperty(v, name);
  }
  if (seg.kind === 'index') {
    const index = seg.index;
    return (v) => getIndex(v, index);
  }
  throw new Error(`internal: segment ${seg.kind} is not definite`);
}

function sliceIndices(length: number, start?: number, end?: number, step?: number): number[] {
  const st = step ?? 1;
  const out: number[] = [];
  if (st === 0) return out;
  const norm = (i: number | undefined, def: number): number => {
    if (i === undefined) return def;
    const j = i < 0 ? length + i : i;
    return Math.min(Math.max(j, st > 0 ? 0 : -1), st > 0 ? length : length - 1);
  };
  if (st > 0) {
    for (let i = norm(start, 0), e = norm(end, length); i < e; i += st) out.push(i);
  } else {
    for (let i = norm(start, length - 1), e = norm(end, -1); i > e; i += st) out.push(i);
  }
  return out;
}

function multiStep(seg: PathSegment): MultiStep {
  switch (seg.kind) {
    case 'property': {
      const name = seg.name;
      return (vs) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          const r = getProperty(v, name);
          if (r !== undefined) out.push(r);
        }
        return out;
      };
    }
    case 'index': {
      const index = seg.index;
      return (vs) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          const r = getIndex(v, index);
          if (r !== undefined) out.push(r);
        }
        return out;
      };
    }
    case 'wildcard':
      return (vs) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          if (Array.isArray(v)) out.push(...v);
          else if (isObject(v)) out.push(...Object.values(v));
        }
        return out;
      };
    case 'slice': {
      const { start, end, step } = seg;
      return (vs) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          if (!Array.isArray(v)) continue;
          for (const i of sliceIndices(v.length, start, end, step)) out.push(v[i]!);
        }
        return out;
      };
    }
    case 'union': {
      const members = seg.members;
      return (vs) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          for (const m of members) {
            const r = typeof m === 'number' ? getIndex(v, m) : getProperty(v, m);
            if (r !== undefined) out.push(r);
          }
        }
        return out;
      };
    }
    case 'filter': {
      const keep = compileFilter(seg.expression, compileSubPath);
      return (vs, root) => {
        const out: JsonValue[] = [];
        for (const v of vs) {
          // Jayway: a filter keeps the matching elements of an array, or an object itself when it matches.
          if (Array.isArray(v)) {
            for (const e of v) if (keep(e, root)) out.push(e);
          } else if (isObject(v) && keep(v, root)) out.push(v);
        }
        return out;
      };
    }
    case 'recursive':
      throw new Error('internal: recursive descent is compiled with the segment after it');
  }
}

/** Every value at or below `v`, parents before children, in document order. */
function selfAndDescendants(v: JsonValue, out: JsonValue[]): void {
  out.push(v);
  if (Array.isArray(v)) for (const e of v) selfAndDescendants(e, out);
  else if (isObject(v)) for (const e of Object.values(v)) selfAndDescendants(e, out);
}

/** `..*` in Jayway's order: at each container its children, then each child's own descendants. */
function descendants(v: JsonValue, out: JsonValue[]): void {
  const children = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
  out.push(...children);
  for (const c of children) descendants(c, out);
}

/**
 * Compiles the segments into fan-out steps. Recursive descent (`..`) joins the segment after it: `..name` takes
 * `name` from every object at or below, `..[0]` / `..[?(...)]` / `..['a','b']` apply the bracket to every
 * container at or below (a filter tests each object itself, as Jayway's scan does), `..*` yields every descendant.
 */
function compileSteps(segs: PathSegment[]): MultiStep[] {
  const steps: MultiStep[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.kind !== 'recursive') {
      steps.push(multiStep(seg));
      continue;
    }
    if (seg.name !== undefined) {
      const pick = multiStep({ kind: 'property', name: seg.name });
      steps.push((vs, root) => {
        const all: JsonValue[] = [];
        for (const v of vs) selfAndDescendants(v, all);
        return pick(all, root);
      });
      continue;
    }
    const next = segs[i + 1];
    if (next !== undefined && next.kind !== 'property' && next.kind !== 'recursive') {
      i++;
      if (next.kind === 'filter') {
        const keep = compileFilter(next.expression, compileSubPath);
        steps.push((vs, root) => {
          const all: JsonValue[] = [];
          for (const v of vs) selfAndDescendants(v, all);
          return all.filter((v) => isObject(v) && keep(v, root));
        });
      } else {
        const apply = multiStep(next);
        steps.push((vs, root) => {
          const all: JsonValue[] = [];
          for (const v of vs) selfAndDescendants(v, all);
          return apply(all, root);
        });
      }
      continue;
    }
    steps.push((vs) => {
      const all: JsonValue[] = [];
      for (const v of vs) descendants(v, all);
      return all;
    });
  }
  return steps;
}

/** An operand path inside a filter (`@.a`, `$.b[*]`), evaluated from the value it starts at. */
function compileSubPath(ast: JsonPathAst): (start: JsonValue) => Json {
  const get = compilePath({ ...ast, root: { kind: 'input' } });
  return (start) => get({ input: start, context: {}, variables: {} });
}

/**
 * Compiles a parsed JSONPath into a {@link PathGetter}: definite paths become direct property walks, indefinite
 * ones return the array of matches (possibly empty), with filters and recursive descent evaluated natively as
 * AWS's Jayway JsonPath does (see {@link compileFilter}).
 * @internal
 */
export function compilePath(ast: JsonPathAst): PathGetter {
  const root = rootGetter(ast);
  const segs = ast.segments;
  if (ast.definite || segs.every((s) => s.kind === 'property' || s.kind === 'index')) {
    if (segs.length === 0) return root;
    if (segs.length === 1) {
      const s0 = definiteStep(segs[0]!);
      return (scope) => s0(root(scope));
    }
    if (segs.length === 2) {
      const s0 = definiteStep(segs[0]!);
      const s1 = definiteStep(segs[1]!);
      return (scope) => s1(s0(root(scope)));
    }
    const steps = segs.map(definiteStep);
    return (scope) => {
      let v = root(scope);
      for (let i = 0; i < steps.length && v !== undefined; i++) v = steps[i]!(v);
      return v;
    };
  }
  // indefinite: a fan-out over the list of current values
  const steps = compileSteps(segs);
  return (scope) => {
    const r = root(scope);
    if (r === undefined) return undefined;
    let vs: JsonValue[] = [r];
    for (const step of steps) vs = step(vs, r);
    return vs;
  };
}

/**
 * Renders a path the way AWS prints it in errors: `$['a'][0]['b']`.
 * @internal
 */
export function renderPath(ast: JsonPathAst, count = ast.segments.length): string {
  let out = ast.root.kind === 'context' ? '$$' : ast.root.kind === 'variable' ? `$${ast.root.name}` : '$';
  for (let i = 0; i < count; i++) {
    const s = ast.segments[i]!;
    if (s.kind === 'property') out += `['${s.name}']`;
    else if (s.kind === 'index') out += `[${s.index}]`;
    else if (s.kind === 'wildcard') out += '[*]';
    else out += '[?]';
  }
  return out;
}

/**
 * Explains why a definite path selected nothing, in AWS's (Jayway's) words: `No results for path: $['a']` when the
 * last step is missing, `Missing property in path $['a']` when an intermediate one is.
 * @internal
 */
export function explainMissing(ast: JsonPathAst, scope: EvalScope): string {
  const getRoot = rootGetter(ast);
  let v = getRoot(scope);
  const segs = ast.segments;
  if (v === undefined) return `No results for path: ${renderPath(ast, 0)}`;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.kind !== 'property' && s.kind !== 'index') break;
    const next: Json = s.kind === 'property' ? getProperty(v, s.name) : getIndex(v, s.index);
    if (next === undefined) {
      return i === segs.length - 1
        ? `No results for path: ${renderPath(ast)}`
        : `Missing property in path ${renderPath(ast, i + 1)}`;
    }
    v = next;
  }
  return `No results for path: ${renderPath(ast)}`;
}
