/**
 * Copies `entries` into an object without a prototype, for lookup tables indexed by names from a definition:
 * `table[name]` and `name in table` then see only the table's own entries, never `constructor`, `toString`,
 * `__proto__` or the other members every plain object inherits.
 * @internal
 */
export function nullProto<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}
