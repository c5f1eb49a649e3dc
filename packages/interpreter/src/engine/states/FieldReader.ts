import type { Assign, Catcher, ChoiceRule, ChoiceState, JsonPathIo, JsonValue, State, WaitState } from '@step/asl';
import type { CompiledCatcher, CompiledState, MaybePromise, MutableState, Outcome, StateCompiler } from '../model.js';
import type { Visit } from '../Visit.js';

/**
 * A compiled field read at run time: its value for one visit, from the value the field is evaluated against
 * (the effective input). Synchronous for JSONPath, a promise for JSONata.
 *
 * @internal
 */
export type Read<T> = (visit: Visit, input: JsonValue) => MaybePromise<T>;

/**
 * A compiled end of a state: from its raw input, its effective input and its result, the {@link Outcome} going to
 * `next` (the output and the variables assigned).
 *
 * @internal
 */
export type Finish = (
  visit: Visit,
  raw: JsonValue,
  effective: JsonValue,
  result: JsonValue,
  next: CompiledState | undefined,
) => MaybePromise<Outcome>;

/**
 * What a state's end reads: `result` (Task, Parallel, Map: a result that ResultSelector, `$states.result`, ResultPath
 * apply to), `pass` (Pass: its value is placed by ResultPath, but JSONata has no `$states.result` there) or `input`
 * (Choice, Wait, Succeed: the output is selected from the effective input).
 *
 * @internal
 */
export type FinishKind = 'result' | 'pass' | 'input';

/**
 * The data-flow fields a state may have, whichever its type (which of them it has is checked by validation).
 * @internal
 */
export type StateFields = JsonPathIo & { Assign?: Assign; Output?: JsonValue; Catch?: Catcher[] };

/**
 * A state with the fields a {@link FieldReader} reads; fields of nested objects (ItemReader, ItemBatcher,
 * ResultWriter, ReaderConfig) are read through the same methods.
 *
 * @internal
 */
export type FieldHolder = object;

/**
 * How one query language reads state fields. Each state type's semantics are written once, in
 * `engine/states/<type>.ts`, against this contract; `engine/readers/jsonPathReader.ts` and `jsonataReader.ts` implement
 * it. Every method runs at compile time and returns what runs at visit time (or `undefined` when the field is absent),
 * so that a JSONPath state stays synchronous and allocates nothing beyond its outcome.
 * @internal
 */
export interface FieldReader {
  readonly jsonata: boolean;
  /** The effective input: JSONPath `InputPath`; JSONata has none (the raw input). */
  input(state: State): (visit: Visit, raw: JsonValue) => JsonValue;
  /** The raw `Parameters` (JSONPath) or `Arguments` (JSONata) of a state, an ItemReader or a ResultWriter. */
  argumentsOf(holder: FieldHolder): unknown;
  /**
   * A state's (or an ItemReader's, a ResultWriter's) payload template: JSONPath `Parameters`, JSONata `Arguments`
   * (`where` is the parent in JSONata messages: `ItemReader/Arguments`).
   */
  arguments(holder: FieldHolder, where?: string): Read<JsonValue> | undefined;
  /** A payload template (`Parameters`/`Arguments`, `Credentials`, `BatchInput`...); `field` names it in messages. */
  template(value: unknown, field: string): Read<JsonValue> | undefined;
  /**
   * A number field: JSONPath `<field>` or `<field>Path` (a number or a numeric string); JSONata `<field>` (a number
   * or an expression). `where` is the field's parent in JSONata messages (`ItemBatcher`, `ItemReader/ReaderConfig`).
   */
  number(holder: FieldHolder, field: string, kind?: 'integer' | 'float', where?: string): Read<number> | undefined;
  /** A text field of a Fail state: JSONPath `<field>` or `<field>Path`; JSONata `<field>` (a string expression). */
  text(holder: FieldHolder, field: 'Error' | 'Cause'): Read<string | undefined>;
  /** A Wait state's `Seconds` (or `SecondsPath`) in seconds. */
  waitSeconds(state: WaitState): Read<number> | undefined;
  /** A Wait state's `Timestamp` (or `TimestampPath`) as epoch milliseconds. */
  waitTimestamp(state: WaitState): Read<number> | undefined;
  /** A Map state's items when it has no ItemReader: JSONPath `ItemsPath` (default `$`); JSONata `Items`. */
  items(state: State & { Type: 'Map' }): Read<JsonValue>;
  /** A Map state's per-item selector (`ItemSelector`; JSONPath also the older `Parameters`), with `$$.Map.Item`. */
  itemSelector(
    state: State & { Type: 'Map' },
  ): ((visit: Visit, input: JsonValue, item: JsonValue, index: number) => MaybePromise<JsonValue>) | undefined;
  /** A Choice rule's test: JSONPath comparison (Variable, And, Or, Not...); JSONata `Condition`. */
  condition(rule: ChoiceRule): Read<boolean>;
  /**
   * The end of a state: JSONPath ResultSelector, Assign, ResultPath and OutputPath; JSONata Assign and Output. With
   * `rule`, a Choice rule's own Assign (and JSONata Output) applies too.
   */
  finish(state: State, kind: FinishKind, rule?: ChoiceRule & Pick<ChoiceState, 'Assign'>): Finish;
  /** A state's `Catch` list: each catcher's ResultPath (JSONPath) or Output (JSONata), and Assign. */
  catchers(state: State): CompiledCatcher[];
}

/**
 * A state module's compiler: one per state type (`engine/states/<type>.ts`), for both query languages.
 * @internal
 */
export type StateModule<S extends State> = (
  name: string,
  state: S,
  reader: FieldReader,
  compileChild: StateCompiler,
) => MutableState;
