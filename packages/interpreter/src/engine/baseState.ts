import type { State } from '@step/asl';
import type { MutableState, StateType } from './model.js';

const TYPES: readonly StateType[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const ENTERED_EVENT: Record<string, string> = Object.fromEntries(TYPES.map((t) => [t, `${t}StateEntered`]));
const EXITED_EVENT: Record<string, string> = Object.fromEntries(TYPES.map((t) => [t, `${t}StateExited`]));

function notCompiled(this: MutableState): never {
  throw new Error(`internal: state ${this.name} was not compiled`);
}

/**
 * A compiled state with only its name, type, language and Next set; the state modules (`engine/states/`) fill in
 * `exec`. Every compiled state, whatever its type and language, has this one shape, so the run loop's property reads
 * stay monomorphic.
 * @internal
 */
export function baseState(name: string, state: State, jsonata: boolean): MutableState {
  const type = state.Type;
  return {
    name,
    type,
    jsonata,
    enteredEvent: ENTERED_EVENT[type] ?? `${type}StateEntered`,
    exitedEvent: EXITED_EVENT[type] ?? `${type}StateExited`,
    nextName: 'Next' in state && typeof state.Next === 'string' ? state.Next : undefined,
    next: undefined,
    retriers: [],
    catchers: [],
    needsToken: false,
    checkOutputSize: false,
    defaultState: undefined,
    link: undefined,
    exec: notCompiled,
  };
}
