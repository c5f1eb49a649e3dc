import type { JsonValue, StateType, StatesScope } from '@step/asl';
import type { Visit } from './Visit.js';

/**
 * What a state attempt produced: its output, the state to go to (`undefined` = end of the branch), and the
 * variables it assigns (applied after the state, so every expression of the state sees the old values).
 * @internal
 */
export interface Outcome {
  output: JsonValue;
  next: CompiledState | undefined;
  assigned?: Record<string, JsonValue> | undefined;
}

/**
 * A value, or a promise of it: what a state or a field read returns (synchronous for JSONPath, a promise for JSONata).
 * @internal
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether a {@link MaybePromise} is a promise (await only then: awaiting a plain value still costs a microtask and
 * reorders concurrent branches).
 * @internal
 */
export function isPromise<T>(v: MaybePromise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 *
 * @internal
 */
export interface CompiledRetrier {
  errorEquals: readonly string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds: number | undefined;
  jitter: boolean;
}

/**
 *
 * @internal
 */
export interface CompiledCatcher {
  errorEquals: readonly string[];
  nextName: string;
  next: CompiledState | undefined;
  /** Builds the state's output (and assignments) from the error output `{Error, Cause}`. */
  handle(visit: Visit, raw: JsonValue, errorOutput: JsonValue): MaybePromise<Outcome>;
}

/** The eight state types, as `@step/asl` names them (TaskFn is expanded into Task before compiling). @internal */
export type { StateType };

/**
 * A state compiled once per definition; `exec` runs one attempt of it.
 * @internal
 */
export interface CompiledState {
  readonly name: string;
  readonly type: StateType;
  readonly jsonata: boolean;
  /** History event types, e.g. `PassStateEntered`. */
  readonly enteredEvent: string;
  readonly exitedEvent: string;
  readonly nextName: string | undefined;
  next: CompiledState | undefined;
  readonly retriers: CompiledRetrier[];
  readonly catchers: CompiledCatcher[];
  /** Task with `.waitForTaskToken`: a token is minted at entry (it is readable as `$$.Task.Token`). */
  readonly needsToken: boolean;
  /** The state can produce an output larger than its input (Result, Parameters, ResultSelector, a merging ResultPath, JSONata Output): its output is checked against the payload quota. */
  readonly checkOutputSize?: boolean;
  exec(visit: Visit, raw: JsonValue): MaybePromise<Outcome>;
}

/**
 * A compiled scope: the top level, a Parallel branch or a Map item processor.
 * @internal
 */
export interface Program {
  readonly start: CompiledState;
  readonly states: Map<string, CompiledState>;
}

/**
 * An uncaught failure (or abort) of a branch, carried as data.
 * @internal
 */
export type BranchResult =
  | { ok: true; output: JsonValue }
  | { ok: false; error: string | undefined; cause: string | undefined; aborted?: boolean };

/**
 * A state as it appears in the definition.
 * @internal
 */
export type RawState = Record<string, unknown>;

/**
 * Compiles a nested scope (branch or processor).
 * @internal
 */
export type StateCompiler = (scope: StatesScope) => Program;

/**
 * A compiled state under construction (mutable while compiling and linking).
 * @internal
 */
export interface MutableState extends CompiledState {
  next: CompiledState | undefined;
  retriers: CompiledRetrier[];
  catchers: CompiledState['catchers'];
  needsToken: boolean;
  checkOutputSize?: boolean;
  defaultState?: CompiledState | undefined;
  /** Resolves extra targets (Choice rules). */
  link?: (resolve: (name: string) => CompiledState) => void;
}
