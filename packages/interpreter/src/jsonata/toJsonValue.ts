import type { JsonValue } from '@step/asl';

/**
 * Returned by {@link toJsonValue} for a value JSON cannot hold (a function, a non-finite number).
 *
 * @example
 * ```ts
 * if (toJsonValue(raw) === UNSUPPORTED) throw compiled.failure('returned an unsupported result type.', state, id);
 * ```
 * @internal
 */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** Flags JSONata sets on the arrays it builds; such an array is copied so results stay plain JSON. */
function hasJsonataFlags(array: unknown[]): boolean {
  const flagged = array as unknown as Record<string, unknown>;
  return (
    flagged.sequence !== undefined ||
    flagged.keepSingleton !== undefined ||
    flagged.outerWrapper !== undefined ||
    flagged.tupleStream !== undefined
  );
}

/**
 * Turns a JSONata result into plain JSON, returning the same reference when it already is.
 *
 * @remarks
 * Drops object members whose value is `undefined` (as JSON serialisation does), turns `-0` into `0`, copies
 * arrays JSONata flagged as sequences, and answers {@link UNSUPPORTED} when a function or a non-finite number is anywhere inside.
 * `undefined` at the top level stays `undefined` (the caller reports "returned nothing").
 * @internal
 */
export function toJsonValue(value: unknown): JsonValue | undefined | typeof UNSUPPORTED {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      // -0 becomes 0, as JSON has no negative zero (AWS: $parse('-0') is 0).
      return Number.isFinite(value) ? value + 0 : UNSUPPORTED;
    case 'object':
      break;
    default:
      return UNSUPPORTED;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined = hasJsonataFlags(value) ? value.slice(0, 0) : undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const json = toJsonValue(item);
      if (json === UNSUPPORTED) return UNSUPPORTED;
      if (copy === undefined && !Object.is(json, item)) copy = (value as JsonValue[]).slice(0, i);
      if (copy !== undefined && json !== undefined) copy.push(json);
    }
    return copy ?? (value as JsonValue[]);
  }
  const object = value as Record<string, unknown>;
  let copy: Record<string, JsonValue> | undefined;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const member = object[key];
    const json = toJsonValue(member);
    if (json === UNSUPPORTED) return UNSUPPORTED;
    if (copy === undefined && !Object.is(json, member)) {
      copy = {};
      for (const earlier in object) {
        if (earlier === key) break;
        if (Object.hasOwn(object, earlier)) copy[earlier] = object[earlier] as JsonValue;
      }
    }
    if (copy !== undefined && json !== undefined) copy[key] = json;
  }
  return copy ?? (object as Record<string, JsonValue>);
}
