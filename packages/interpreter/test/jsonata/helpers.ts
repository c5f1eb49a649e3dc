import type { JsonValue } from '@step/asl';
import type { JsonataScope } from '../../src/jsonata/index.js';

/** A scope with the given input and variables (and an empty context object). */
export function scopeOf(
  input: JsonValue = {},
  variables: Record<string, JsonValue> = {},
  extra: Partial<JsonataScope['states']> = {},
): JsonataScope {
  return { states: { input, context: {}, ...extra }, variables };
}

/** AWS's cause prefix for state `S` entered at event #2. */
export const PREFIX = "An error occurred while executing the state 'S' (entered at the event id #2). ";
