import type { JsonPathAst, JsonValue, PathSegment } from '@step/asl';
import type { EvalScope } from '../evalScope.js';

function bracket(segment: PathSegment): string | undefined {
  switch (segment.kind) {
    case 'property':
      return `['${segment.name}']`;
    case 'index':
      return `[${segment.index}]`;
    case 'wildcard':
      return '[*]';
    default:
      return undefined;
  }
}

function rootValue(path: JsonPathAst, scope: EvalScope): JsonValue | undefined {
  switch (path.root.kind) {
    case 'input':
      return scope.input;
    case 'context':
      return scope.context;
    case 'variable':
      return scope.variables[path.root.name];
  }
}

function rootText(path: JsonPathAst): string {
  switch (path.root.kind) {
    case 'input':
      return '$';
    case 'context':
      return '$$';
    case 'variable':
      return `$${path.root.name}`;
  }
}

/**
 * Words AWS's `States.Runtime` cause for a path that selects nothing, e.g. in a Choice rule's `Variable`.
 *
 * @remarks
 * Recorded texts (InputPath, OutputPath): `Invalid path '$.x' : No results for path: $['x']`; an absent
 * intermediate property (recorded for ResultPath) reads `Invalid path '$.a.b' : Missing property in path $['a']`.
 * The path is re-walked only to word the message, so the fast path pays nothing.
 * @internal
 */
export function describeMissingPath(path: JsonPathAst, scope: EvalScope): string {
  const prefix = `Invalid path '${path.source}' : `;
  let text = rootText(path);
  const pieces: string[] = [];
  for (const segment of path.segments) {
    const piece = bracket(segment);
    if (piece === undefined) return `${prefix}No results for path: ${path.source}`;
    pieces.push(piece);
  }
  let value = rootValue(path, scope);
  const last = path.segments.length - 1;
  for (let i = 0; i <= last; i++) {
    const segment = path.segments[i] as PathSegment;
    text += pieces[i] as string;
    if (
      segment.kind === 'property' &&
      i < last &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !Object.hasOwn(value, segment.name)
    ) {
      return `${prefix}Missing property in path ${text}`;
    }
    value = step(value, segment);
  }
  return `${prefix}No results for path: ${rootText(path)}${pieces.join('')}`;
}

function step(value: JsonValue | undefined, segment: PathSegment): JsonValue | undefined {
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  if (segment.kind === 'property') {
    return Array.isArray(value) || !Object.hasOwn(value, segment.name) ? undefined : value[segment.name];
  }
  if (segment.kind === 'index' && Array.isArray(value)) {
    return value[segment.index < 0 ? value.length + segment.index : segment.index];
  }
  return undefined;
}
