import jsonata from 'jsonata';

/**
 * What the validator needs to know about one JSONata expression.
 * @internal
 */
export interface JsonataInfo {
  /** The parse error, when the expression does not parse. */
  error?: string;
  /** Variables read (`$name`, without `$`); excludes `states` and variables bound inside the expression. */
  variables: string[];
  /** Fields read from `$states` (`input`, `result`, `errorOutput`, `context`). */
  statesFields: string[];
  /** true when the expression uses `$$`, which Step Functions rejects (use `$states.context`). */
  usesDoubleDollar: boolean;
}

const cache = new Map<string, JsonataInfo>();
const CACHE_LIMIT = 10_000;

/**
 * Parses a JSONata expression once (cached by text) and reports its syntax error and the variables it reads.
 * @internal
 */
export function checkJsonata(expression: string): JsonataInfo {
  let info = cache.get(expression);
  if (info === undefined) {
    info = analyse(expression);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expression, info);
  }
  return info;
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [k: string]: unknown;
}

/** JSONata's own functions are variables too; only names that are not built-ins count as reads. */
const BUILTINS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt ' +
    'power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each error ' +
    'assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl ' +
    'eval toMillis fromMillis clone now millis partition range hash uuid parse'
  ).split(' '),
);

function analyse(expression: string): JsonataInfo {
  let ast: AstNode;
  try {
    ast = jsonata(expression).ast() as AstNode;
  } catch (e) {
    const err = e as { message?: string; position?: number };
    const where = typeof err.position === 'number' ? ` (at position ${err.position})` : '';
    return {
      error: `${err.message ?? 'invalid expression'}${where}`,
      variables: [],
      statesFields: [],
      usesDoubleDollar: false,
    };
  }
  const variables = new Set<string>();
  const bound = new Set<string>();
  const statesFields = new Set<string>();
  let usesDoubleDollar = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as AstNode;
    if (n.type === 'path' && Array.isArray(n.steps)) {
      const first = n.steps[0];
      const second = n.steps[1];
      if (
        first?.type === 'variable' &&
        first.value === 'states' &&
        second?.type === 'name' &&
        typeof second.value === 'string'
      ) {
        statesFields.add(second.value);
      }
    }
    if (n.type === 'bind' && typeof n.lhs === 'object' && n.lhs !== null) {
      const lhs = n.lhs as AstNode;
      if (typeof lhs.value === 'string') bound.add(lhs.value);
    }
    if (n.type === 'lambda' && Array.isArray(n.arguments)) {
      for (const a of n.arguments as AstNode[]) if (typeof a.value === 'string') bound.add(a.value);
    }
    if (n.type === 'variable' && typeof n.value === 'string') {
      if (n.value === '$') usesDoubleDollar = true;
      else if (n.value !== '' && n.value !== 'states' && !BUILTINS.has(n.value)) variables.add(n.value);
    }
    for (const key in n) {
      if (key === 'position' || key === 'value' || key === 'type') continue;
      visit(n[key]);
    }
  };
  visit(ast);
  for (const b of bound) variables.delete(b);
  return { variables: [...variables], statesFields: [...statesFields], usesDoubleDollar };
}
