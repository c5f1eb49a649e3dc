import type { CompiledState, MutableState, RawState } from './model.js';

/**
 * A compiled state with only its name, type, language and Next set; the state compilers fill in `exec`.
 *
 * @example
 * ```ts
 * const st = baseState('P', { Type: 'Pass', Next: 'Q' }, false); // st.nextName === 'Q'
 * ```
 * @internal
 */
export function baseState(name: string, raw: RawState, jsonata: boolean): MutableState {
  return {
    name,
    type: raw.Type as CompiledState['type'],
    jsonata,
    enteredEvent: `${String(raw.Type)}StateEntered`,
    exitedEvent: `${String(raw.Type)}StateExited`,
    nextName: typeof raw.Next === 'string' ? raw.Next : undefined,
    next: undefined,
    retriers: [],
    catchers: [],
    needsToken: false,
    exec: () => {
      throw new Error(`internal: state ${name} was not compiled`);
    },
  };
}
