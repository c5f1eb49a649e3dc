/**
 * Whether an event matches an EventBridge event pattern. Pure.
 *
 * @remarks
 * Supported: exact values (a list of strings, numbers, booleans or `null`, any of which matches; a list in the
 * event matches when any element does), nested objects, and the `prefix`, `suffix`, `anything-but` (a value or a
 * list) and `exists` filters. Other filters (`numeric`, `cidr`, `wildcard`, `$or`) never match.
 * @internal
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) return false;
  const fields = event !== null && typeof event === 'object' && !Array.isArray(event) ? event : {};
  return Object.entries(pattern as Record<string, unknown>).every(([key, expected]) => {
    const actual = (fields as Record<string, unknown>)[key];
    if (Array.isArray(expected)) return matchesValues(expected, actual);
    return typeof expected === 'object' && expected !== null && matchesEventPattern(expected, actual);
  });
}

function matchesValues(expected: readonly unknown[], actual: unknown): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return expected.some((rule) => {
    if (typeof rule === 'object' && rule !== null) {
      const filter = rule as Record<string, unknown>;
      if ('exists' in filter) return (actual !== undefined) === filter.exists;
      return actual !== undefined && values.some((value) => matchesFilter(filter, value));
    }
    return values.some((value) => value === rule);
  });
}

function matchesFilter(filter: Record<string, unknown>, value: unknown): boolean {
  if (typeof filter.prefix === 'string') return typeof value === 'string' && value.startsWith(filter.prefix);
  if (typeof filter.suffix === 'string') return typeof value === 'string' && value.endsWith(filter.suffix);
  if ('anything-but' in filter) {
    const but = filter['anything-but'];
    return Array.isArray(but) ? !but.includes(value) : but !== value;
  }
  return false;
}
