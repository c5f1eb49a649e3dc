import type { JsonValue } from '@step/asl';

/**
 * Deep JSON equality: same type, numbers by value, arrays element-wise, objects key-set and value-wise (key order ignored).
 * @internal
 */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!jsonEquals(a[i] as JsonValue, b[i] as JsonValue)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !jsonEquals(a[key] as JsonValue, b[key] as JsonValue)) return false;
  }
  return true;
}

/**
 * A string that is equal for two values exactly when {@link jsonEquals} holds (object keys sorted).
 * @internal
 */
export function toCanonicalKey(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += toCanonicalKey(value[i] as JsonValue);
    }
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += JSON.stringify(key) + ':' + toCanonicalKey(value[key] as JsonValue);
  }
  return out + '}';
}
