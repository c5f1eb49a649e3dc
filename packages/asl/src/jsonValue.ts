/**
 * Any JSON value: what a state reads, writes and passes on.
 *
 * @example
 * ```ts
 * const input: JsonValue = { order: { id: 'o-1', items: [1, 2] } };
 * ```
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/**
 * A JSON object (a `JsonValue` that is neither an array nor a scalar).
 *
 * @example
 * ```ts
 * const payload: JsonObject = { Task: 'Hello', Input: {} };
 * ```
 */
export type JsonObject = { [k: string]: JsonValue };
