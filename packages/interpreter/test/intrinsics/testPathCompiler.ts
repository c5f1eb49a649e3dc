import type { JsonPathAst, JsonValue } from '@step/asl';
import type { EvalScope, PathCompiler, PathGetter } from '../../src/evalScope.js';

/**
 * A tiny PathCompiler for these tests: `$`, `$$` and `$var` roots, property and index segments only.
 */
export const testPathCompiler: PathCompiler = (path: JsonPathAst): PathGetter => {
  return (scope: EvalScope) => {
    let value: JsonValue | undefined;
    switch (path.root.kind) {
      case 'input':
        value = scope.input;
        break;
      case 'context':
        value = scope.context;
        break;
      case 'variable':
        // Inner scopes see outer variables through the prototype chain, as in the engine.
        value = scope.variables[path.root.name];
        break;
    }
    for (const segment of path.segments) {
      if (value === undefined || value === null || typeof value !== 'object') return undefined;
      if (segment.kind === 'property') {
        if (Array.isArray(value) || !Object.hasOwn(value, segment.name)) return undefined;
        value = value[segment.name];
      } else if (segment.kind === 'index') {
        if (!Array.isArray(value)) return undefined;
        value = value[segment.index < 0 ? value.length + segment.index : segment.index];
      } else {
        throw new Error(`testPathCompiler does not support '${segment.kind}' segments`);
      }
    }
    return value;
  };
};

/** Builds a scope for a test. */
export function scopeOf(
  input: JsonValue,
  variables: Record<string, JsonValue> = {},
  context: JsonValue = {},
): EvalScope {
  return { input, context, variables };
}
