import { encodePointerToken } from '../pointer.js';

/**
 * How deeply JSON values may nest in a definition (objects and arrays, counted from the definition itself).
 *
 * @remarks
 * 1,000 is the default nesting limit of Jackson, the JSON parser AWS reads definitions with; real definitions
 * stay far below it. Deeper input gets `TOO_DEEPLY_NESTED` before any recursive check runs, so neither the
 * validator nor the interpreter can overflow the stack on it.
 *
 * @example
 * ```ts
 * validate(definitionNested2000Deep).diagnostics[0].code; // 'TOO_DEEPLY_NESTED'
 * MAX_JSON_DEPTH; // 1000
 * ```
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * How many Parallel branches and Map processors may nest inside each other.
 *
 * @remarks
 * Real machines nest a handful of levels; 100 is far above them and several times below the depth at which
 * running the machine would exhaust Node's default stack (about 800 nested Parallel states on Node 20).
 * Deeper machines get `TOO_DEEPLY_NESTED` at the scope that crosses the limit.
 *
 * @example
 * ```ts
 * MAX_STATE_NESTING; // 100
 * ```
 */
export const MAX_STATE_NESTING = 100;

/**
 * The JSON pointer of the first value nested deeper than `maxDepth` in `value`, or undefined.
 *
 * @remarks
 * Recursion stops at `maxDepth`, so it is safe on input of any depth. The definition itself is depth 0;
 * `States` depth 1.
 * @internal
 */
export function findTooDeep(value: unknown, maxDepth: number): string | undefined {
  return typeof value === 'object' && value !== null ? findBelow(value, 0, maxDepth) : undefined;
}

function findBelow(value: object, depth: number, maxDepth: number): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (typeof child !== 'object' || child === null) continue;
      if (depth >= maxDepth) return `/${i}`;
      const below = findBelow(child, depth + 1, maxDepth);
      if (below !== undefined) return `/${i}${below}`;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    if (depth >= maxDepth) return `/${encodePointerToken(key)}`;
    const below = findBelow(child, depth + 1, maxDepth);
    if (below !== undefined) return `/${encodePointerToken(key)}${below}`;
  }
  return undefined;
}
