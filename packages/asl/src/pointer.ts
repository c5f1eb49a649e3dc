/**
 * Encodes one reference token of an RFC 6901 JSON pointer (`~` → `~0`, `/` → `~1`).
 *
 * @example
 * ```ts
 * encodePointerToken('a/b'); // 'a~1b'
 * ```
 */
export function encodePointerToken(token: string | number): string {
  const s = String(token);
  if (s.indexOf('~') === -1 && s.indexOf('/') === -1) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Builds an RFC 6901 JSON pointer from its tokens; no tokens is the root `''`.
 *
 * @example
 * ```ts
 * toPointer(['States', 'a/b', 'Next']); // '/States/a~1b/Next'
 * ```
 */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += '/' + encodePointerToken(t);
  return out;
}

/**
 * Splits an RFC 6901 JSON pointer into its decoded tokens.
 *
 * @example
 * ```ts
 * parsePointer('/States/a~1b/Next'); // ['States', 'a/b', 'Next']
 * ```
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
