import { isIntrinsicCall, parseIntrinsic, parsePath } from '@step/asl';
import type { JsonPathAst, JsonValue } from '@step/asl';
import type { EvalScope } from '../evalScope.js';
import { compileIntrinsic } from '../intrinsics/index.js';
import { compilePath } from './compilePath.js';
import { PathRef } from './PathRef.js';
import { evalTemplate, TemplateNode } from './TemplateNode.js';

/**
 * Randomness that intrinsic functions may use.
 * @internal
 */
export interface TemplateEnv {
  random: () => number;
  uuid: () => string;
}

/**
 * A compiled payload template (Parameters, ResultSelector, ItemSelector, Assign).
 * @internal
 */
export type TemplateFn = (scope: EvalScope, env: TemplateEnv) => JsonValue;

/**
 * A path expression in a definition that could not be compiled (the definition passed validation, so this is rare).
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
 * @internal
 */
export function parsePathOrThrow(text: string, field: string): JsonPathAst {
  const r = parsePath(text);
  if (!r.ok) throw new PathCompileError(`The value for the field '${field}' must be a valid JSONPath: ${r.message}`);
  return r.path;
}

/**
 * Compiles the value of a `.$` field into a {@link TemplateNode}: an intrinsic call or a path (cached by field and
 * text: nodes are immutable, so states and definitions share them).
 * @internal
 */
export function compileDynamicNode(text: string, field: string): TemplateNode {
  let byText = DYNAMIC_CACHE.get(field);
  if (byText === undefined) {
    if (DYNAMIC_CACHE.size >= DYNAMIC_CACHE_LIMIT) DYNAMIC_CACHE.clear();
    byText = new Map<string, TemplateNode>();
    DYNAMIC_CACHE.set(field, byText);
  }
  let node = byText.get(text);
  if (node === undefined) {
    node = compileDynamicNodeUncached(text, field);
    if (byText.size >= DYNAMIC_CACHE_LIMIT) byText.clear();
    byText.set(text, node);
  }
  return node;
}

const DYNAMIC_CACHE = new Map<string, Map<string, TemplateNode>>();
const DYNAMIC_CACHE_LIMIT = 10_000;

function compileDynamicNodeUncached(text: string, field: string): TemplateNode {
  if (isIntrinsicCall(text)) {
    const parsed = parseIntrinsic(text);
    if (!parsed.ok) {
      throw new PathCompileError(
        `The value for the field '${field}' must be a valid intrinsic function call: ${parsed.message}`,
      );
    }
    return TemplateNode.intrinsic(compileIntrinsic(parsed.call, compilePath, field), field);
  }
  return TemplateNode.path(new PathRef(text, parsePathOrThrow(text, field)), field);
}

/**
 * Compiles the value of a `.$` field (an intrinsic call or a path) into a closure.
 * @internal
 */
export function compileDynamicValue(text: string, field: string): TemplateFn {
  const node = compileDynamicNode(text, field);
  return (scope, env) => evalTemplate(node, scope, env);
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

/**
 * Compiles a JSONPath payload template into a {@link TemplateNode}: keys ending in `.$` take a path or an
 * intrinsic (the suffix is stripped), everything else is literal. Compile once per definition.
 * @internal
 */
export function compileTemplateNode(template: JsonValue): TemplateNode {
  if (typeof template !== 'object' || template === null) return TemplateNode.constant(template);
  if (Array.isArray(template)) {
    if (!isDynamic(template)) return TemplateNode.constant(template);
    return TemplateNode.array(template.map(compileTemplateNode));
  }
  // One pass: compile the members, and fall back to a constant when none of them is dynamic.
  const keys: string[] = [];
  const nodes: TemplateNode[] = [];
  let dynamic = false;
  for (const k in template) {
    const v = template[k]!;
    if (typeof v === 'string' && k.endsWith('.$')) {
      keys.push(k.slice(0, -2));
      nodes.push(compileDynamicNode(v, k));
      dynamic = true;
    } else {
      const node = compileTemplateNode(v);
      if (!node.isConstant) dynamic = true;
      keys.push(k);
      nodes.push(node);
    }
  }
  return dynamic ? TemplateNode.object(keys, nodes) : TemplateNode.constant(template);
}

/**
 * Compiles a JSONPath payload template into a closure (see {@link compileTemplateNode}).
 * @internal
 */
export function compileTemplate(template: JsonValue): TemplateFn {
  const node = compileTemplateNode(template);
  return (scope, env) => evalTemplate(node, scope, env);
}
