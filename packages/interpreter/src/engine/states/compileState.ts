import type { State } from '@step/asl';
import type { MutableState, StateCompiler } from '../model.js';
import { compileChoice } from './choice.js';
import { compileFail } from './fail.js';
import type { FieldReader, StateModule } from './FieldReader.js';
import { compileMap } from './map.js';
import { compileParallel } from './parallel.js';
import { compilePass } from './pass.js';
import { compileSucceed } from './succeed.js';
import { compileTask } from './task.js';
import { compileWait } from './wait.js';

/** The module of each state type. */
const MODULES: { [T in State['Type']]: StateModule<Extract<State, { Type: T }>> } = {
  Pass: compilePass,
  Task: compileTask,
  Choice: compileChoice,
  Wait: compileWait,
  Succeed: compileSucceed,
  Fail: compileFail,
  Parallel: compileParallel,
  Map: compileMap,
};

/**
 * Compiles one (validated) state with its type's module and its query language's reader.
 * @internal
 */
export function compileState(
  name: string,
  state: State,
  reader: FieldReader,
  compileChild: StateCompiler,
): MutableState {
  const compile = MODULES[state.Type] as StateModule<State> | undefined;
  if (compile === undefined) throw new Error(`internal: unknown state type ${String(state.Type)}`);
  return compile(name, state, reader, compileChild);
}
