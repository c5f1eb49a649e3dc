import { assertValid } from '@step/asl';
import type { Definition } from '@step/asl';
import { compileProgram } from './engine/compileProgram.js';
import type { CompileInfo } from './engine/compileProgram.js';
import type { RawState } from './engine/model.js';
import type { Program } from './engine/model.js';
import { Execution } from './Execution.js';
import type { ExecutionOptions } from './types.js';

/**
 * A definition compiled once: start as many executions of it as you like.
 *
 * @example
 * ```ts
 * const machine = compileMachine(definition);
 * const a = await machine.start({ input: { n: 1 } }).result;
 * const b = await machine.start({ input: { n: 2 } }).result;
 * ```
 */
export interface Machine {
  /** The validated definition (TaskFn states expanded). */
  readonly definition: Definition;
  /** Starts an execution. */
  start(options?: ExecutionOptions): Execution;
}

class CompiledMachineImpl implements Machine {
  readonly definition: Definition;
  readonly program: Program;
  readonly usesJsonata: boolean;

  constructor(definition: Definition) {
    this.definition = definition;
    const info: CompileInfo = { usesJsonata: false };
    this.program = compileProgram(definition as unknown as RawState, definition.QueryLanguage, info);
    this.usesJsonata = info.usesJsonata;
  }

  start(options?: ExecutionOptions): Execution {
    return new Execution(this, options);
  }
}

/**
 * Validates and compiles a state machine definition (an object or JSON text) for fast repeated execution.
 *
 * @remarks
 * Paths, payload templates, intrinsic calls and Choice rules become closures once, here. Throws
 * `AslValidationError` (with every diagnostic) when the definition is invalid.
 *
 * @example
 * ```ts
 * const machine = compileMachine(fs.readFileSync('flow.asl.json', 'utf8'));
 * const result = await machine.start({ handlers: { Charge: () => ({ ok: true }) } }).result;
 * ```
 */
export function compileMachine(definition: unknown): Machine {
  const valid = assertValid(definition);
  return new CompiledMachineImpl(valid);
}
