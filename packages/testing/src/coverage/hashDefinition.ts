import { createHash } from 'node:crypto';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The identity of a definition: the first 16 hex digits of the SHA-256 of its canonical JSON (keys sorted), so
 * the same machine hashes the same whatever its key order or formatting.
 *
 * @example
 * ```ts
 * hashDefinition({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }); // 16 hex digits
 * ```
 */
export function hashDefinition(definition: unknown): string {
  return createHash('sha256').update(canonical(definition)).digest('hex').slice(0, 16);
}
