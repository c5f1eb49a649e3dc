/** Input and output of the Hello task. */
export interface Greeting {
  Greeting?: string;
}

/**
 * The Hello task: fills in `Greeting` with "Hello World" when it is empty (the seed's example).
 *
 * @example
 * ```ts
 * hello({}); // { Greeting: 'Hello World' }
 * ```
 */
export function hello(input: Greeting): Greeting {
  return { ...input, Greeting: input.Greeting || 'Hello World' };
}
