import type { State } from '@step/asl';
import { jsonataReader } from './readers/jsonataReader.js';
import { jsonPathReader } from './readers/jsonPathReader.js';
import { compileState } from './states/compileState.js';
import type { CompiledState, MutableState, Program, RawState, StateCompiler } from './model.js';

/**
 * Whether a state's output can be larger than its input plus an already-checked result, so that it must be checked
 * against the payload quota: JSONata `Output`; JSONPath `Result`, `Parameters` (Pass), `ResultSelector`, or a
 * `ResultPath` that merges the result into the input. Choice, Wait, Succeed and Fail only select from their input.
 * @internal
 */
export function mayGrowOutput(raw: RawState, jsonata: boolean): boolean {
  const type = raw.Type;
  if (jsonata) return raw.Output !== undefined;
  if (type !== 'Pass' && type !== 'Task' && type !== 'Map' && type !== 'Parallel') return false;
  const rp = raw.ResultPath;
  const merges = typeof rp === 'string' && rp !== '$';
  if (type === 'Pass') return 'Result' in raw || raw.Parameters !== undefined || merges;
  return raw.ResultSelector !== undefined || merges;
}

/**
 * Facts gathered while compiling a definition.
 * @internal
 */
export interface CompileInfo {
  usesJsonata: boolean;
}

/**
 * Compiles a scope (`StartAt` + `States`) and, recursively, its branches and processors; resolves every transition.
 *
 * @param machineLanguage - the machine's top-level QueryLanguage, which nested states inherit
 * @internal
 */
export function compileProgram(scope: RawState, machineLanguage: string | undefined, info: CompileInfo): Program {
  const statesRaw = (scope.States ?? {}) as Record<string, RawState>;
  const states = new Map<string, MutableState>();
  const child: StateCompiler = (s) => compileProgram(s as unknown as RawState, machineLanguage, info);
  // Object.keys and an indexed loop, not Object.entries: a large States object is in dictionary mode, where
  // Object.entries is several times slower (and allocates a pair per state) while the code is still cold.
  const names = Object.keys(statesRaw);
  const compiledStates: MutableState[] = new Array<MutableState>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const raw = statesRaw[name]!;
    const lang = (raw.QueryLanguage as string | undefined) ?? machineLanguage ?? 'JSONPath';
    const jsonata = lang !== 'JSONPath';
    if (jsonata) info.usesJsonata = true;
    // The definition has been validated: each state has its type's fields.
    const compiled = compileState(name, raw as unknown as State, jsonata ? jsonataReader : jsonPathReader, child);
    compiled.checkOutputSize = mayGrowOutput(raw, jsonata);
    states.set(name, compiled);
    compiledStates[i] = compiled;
  }
  const resolve = (name: string): CompiledState => {
    const s = states.get(name);
    if (!s) throw new Error(`internal: missing state ${name} (the definition should have been validated)`);
    return s;
  };
  for (let i = 0; i < compiledStates.length; i++) {
    const s = compiledStates[i]!;
    if (s.nextName !== undefined) s.next = resolve(s.nextName);
    for (const c of s.catchers) c.next = resolve(c.nextName);
    s.link?.(resolve);
  }
  const start = resolve(String(scope.StartAt));
  return { start, states };
}
