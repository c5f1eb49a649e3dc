import { isIntrinsicCall, parseIntrinsic, parsePath } from '@step/asl';
import type { JsonPathAst, JsonValue } from '@step/asl';
import type { EvalScope } from '../evalScope.js';
import { compileIntrinsic } from '../intrinsics/index.js';
import { StatesFailure } from '../StatesFailure.js';
import { compilePath } from './compilePath.js';
import { deepCopy } from './deepCopy.js';

/**
 * Randomness that intrinsic functions may use.
 *
 * @example
 * ```ts
 * const env: TemplateEnv = { random: Math.random, uuid: () => crypto.randomUUID() };
 * ```
 * @internal
 */
export interface TemplateEnv {
  random: () => number;
  uuid: () => string;
}

/**
 * A compiled payload template (Parameters, ResultSelector, ItemSelector, Assign).
 *
 * @example
 * ```ts
 * const payload = fn(scope, env);
 * ```
 * @internal
 */
export type TemplateFn = (scope: EvalScope, env: TemplateEnv) => JsonValue;

/**
 * A path expression in a definition that could not be compiled (the definition passed validation, so this is rare).
 *
 * @example
 * ```ts
 * throw new PathCompileError("The value for the field 'x.$' must be a valid JSONPath");
 * ```
 * @internal
 */
export class PathCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathCompileError';
  }
}

/**
 * Parses a JSONPath, throwing a {@link PathCompileError} naming the field on failure.
 *
 * @example
 * ```ts
 * const ast = parsePathOrThrow('$.a.b', 'InputPath');
 * ```
 * @internal
 */
export function parsePathOrThrow(text: string, field: string): JsonPathAst {
  const r = parsePath(text);
  if (!r.ok) throw new PathCompileError(`The value for the field '${field}' must be a valid JSONPath: ${r.message}`);
  return r.path;
}

/**
 * Compiles the value of a `.$` field: an intrinsic call or a path; a path that selects nothing fails with
 * AWS's `States.Runtime` cause.
 *
 * @example
 * ```ts
 * compileDynamicValue('$.a', 'value.$')({ input: { a: 1 }, context: {}, variables: {} }, env); // 1
 * ```
 * @internal
 */
export function compileDynamicValue(text: string, field: string): TemplateFn {
  // Compiled values are pure closures: share them between states and definitions (pass chains repeat paths).
  const key = `${field}\u0000${text}`;
  let fn = DYNAMIC_CACHE.get(key);
  if (fn === undefined) {
    fn = compileDynamicValueUncached(text, field);
    if (DYNAMIC_CACHE.size >= DYNAMIC_CACHE_LIMIT) DYNAMIC_CACHE.clear();
    DYNAMIC_CACHE.set(key, fn);
  }
  return fn;
}

const DYNAMIC_CACHE = new Map<string, TemplateFn>();
const DYNAMIC_CACHE_LIMIT = 10_000;

function compileDynamicValueUncached(text: string, field: string): TemplateFn {
  if (isIntrinsicCall(text)) {
    const parsed = parseIntrinsic(text);
    if (!parsed.ok) {
      throw new PathCompileError(`The value for the field '${field}' must be a valid intrinsic function call: ${parsed.message}`);
    }
    const fn = compileIntrinsic(parsed.call, compilePath, field);
    return (scope, env) => fn(scope, env.random, env.uuid);
  }
  const get = compilePath(parsePathOrThrow(text, field));
  return (scope) => {
    const v = get(scope);
    if (v === undefined) {
      throw new StatesFailure(
        'States.Runtime',
        `The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${JSON.stringify(scope.input)}'`,
      );
    }
    return v;
  };
}

function isDynamic(v: JsonValue): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some(isDynamic);
  for (const k in v) {
    if (k.endsWith('.$')) return true;
    if (isDynamic(v[k]!)) return true;
  }
  return false;
}

function constant(v: JsonValue): TemplateFn {
  if (typeof v !== 'object' || v === null) return () => v;
  return () => deepCopy(v);
}

/**
 * Compiles a JSONPath payload template into a closure: keys ending in `.$` take a path or an intrinsic (the suffix is
 * stripped), everything else is literal. Compile once per definition.
 *
 * @example
 * ```ts
 * const fn = compileTemplate({ 'b.$': '$.a', c: 1 });
 * fn({ input: { a: 2 }, context: {}, variables: {} }, env); // { b: 2, c: 1 }
 * ```
 * @internal
 */
export function compileTemplate(template: JsonValue): TemplateFn {
  if (!isDynamic(template)) return constant(template);
  if (Array.isArray(template)) {
    const items = template.map(compileTemplate);
    return (scope, env) => items.map((f) => f(scope, env));
  }
  const obj = template as { [k: string]: JsonValue };
  const keys: string[] = [];
  const fns: TemplateFn[] = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k]!;
    if (k.endsWith('.$') && typeof v === 'string') {
      keys.push(k.slice(0, -2));
      fns.push(compileDynamicValue(v, k));
    } else {
      keys.push(k);
      fns.push(compileTemplate(v));
    }
  }
  const n = keys.length;
  return (scope, env) => {
    const out: { [k: string]: JsonValue } = {};
    for (let i = 0; i < n; i++) out[keys[i]!] = fns[i]!(scope, env);
    return out;
  };
}
