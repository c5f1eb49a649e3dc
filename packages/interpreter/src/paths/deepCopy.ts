import type { JsonValue } from '@step/asl';

/**
 * Copies a JSON value deeply (plain objects and arrays only).
 * @internal
 */
export function deepCopy(v: JsonValue): JsonValue {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(deepCopy);
  const out: { [k: string]: JsonValue } = {};
  for (const k in v) out[k] = deepCopy(v[k]!);
  return out;
}

/**
 * Turns anything a handler returned into a JSON value (drops undefined, functions; Dates become strings).
 * @internal
 */
export function toJson(v: unknown): JsonValue {
  if (v === undefined) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const text = JSON.stringify(v);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/**
 * Shallow-copies a plain object with a for-in loop (much faster than spread on Node 20 for the small objects
 * state data is made of).
 * @internal
 */
export function copyObject(v: { [k: string]: JsonValue }): { [k: string]: JsonValue } {
  const out: { [k: string]: JsonValue } = {};
  for (const k in v) out[k] = v[k]!;
  return out;
}
