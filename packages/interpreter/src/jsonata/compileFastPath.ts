import type { JsonataScope } from './types.js';

/**
 * Returned by a fast path when JSONata itself must evaluate the expression.
 *
 * @example
 * ```ts
 * const value = fastPath(scope);
 * if (value === FALLBACK) return expression.evaluate(undefined, bindings);
 * ```
 * @internal
 */
export const FALLBACK: unique symbol = Symbol('fallback');

/**
 * A reader of a plain `$name.a.b` path that gives JSONata's answer, or {@link FALLBACK} when it cannot tell.
 *
 * @example
 * ```ts
 * const read: FastPath | undefined = compileFastPath('$states.input.id');
 * ```
 * @internal
 */
export type FastPath = (scope: JsonataScope) => unknown;

const PLAIN_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
/** Words JSONata's parser reads as operators or literals, not as field names. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * Compiles the commonest JSONata expressions, `$states.input.a.b` and `$variable.a.b`, into a direct property walk.
 *
 * @remarks
 * Gives exactly JSONata's result for objects and scalars, and answers {@link FALLBACK} (so JSONata evaluates the
 * expression) whenever JSONata's path semantics go beyond a walk: an array before the last step (JSONata maps
 * over it), an inherited property, or a variable that is not set (it may name a built-in function).
 * Returns `undefined` when the text is not such a path.
 *
 * @example
 * ```ts
 * const read = compileFastPath('$states.input.order.id');
 * read?.(scope); // 42, undefined, or FALLBACK
 * ```
 * @internal
 */
export function compileFastPath(text: string): FastPath | undefined {
  const match = PLAIN_PATH.exec(text);
  if (match === null) return undefined;
  const root = match[1]!;
  const steps = match[2] === '' ? [] : match[2]!.slice(1).split('.');
  if (RESERVED.has(root) || steps.some((step) => RESERVED.has(step))) return undefined;
  const isStates = root === 'states';
  return (scope) => {
    let value: unknown = isStates ? scope.states : scope.variables[root];
    if (value === undefined) return isStates ? undefined : FALLBACK;
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return undefined;
      if (Array.isArray(value)) return FALLBACK;
      const object = value as Record<string, unknown>;
      if (!Object.hasOwn(object, step)) return step in object ? FALLBACK : undefined;
      value = object[step];
    }
    return value;
  };
}
