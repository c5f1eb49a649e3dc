/** Builds a one-scope machine whose StartAt is `A`, with the given states. */
export function machine(states: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { StartAt: 'A', States: states, ...extra };
}

/** A machine with a single state `A` (merged with `fields`) that ends the machine. */
export function single(fields: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return machine({ A: fields }, extra);
}
