import type { JsonObject, JsonValue } from './jsonValue.js';

/**
 * The two query languages of ASL.
 *
 * @example
 * ```ts
 * const ql: QueryLanguage = 'JSONata';
 * ```
 */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * The state `Type` values AWS accepts (`TaskFn` is expanded to `Task` before validation).
 *
 * @example
 * ```ts
 * const t: StateType = 'Choice';
 * ```
 */
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/**
 * A set of states with an entry point: the machine itself, a Parallel branch or a Map processor.
 *
 * @example
 * ```ts
 * const scope: StatesScope = { StartAt: 'A', States: { A: { Type: 'Succeed' } } };
 * ```
 */
export interface StatesScope {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
}

/**
 * A whole state machine definition (after `TaskFn` expansion).
 *
 * @example
 * ```ts
 * const def: Definition = { StartAt: 'Hello', States: { Hello: { Type: 'Pass', End: true } } };
 * ```
 */
export interface Definition extends StatesScope {
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: QueryLanguage;
}

/**
 * Fields every state has.
 *
 * @example
 * ```ts
 * const base: BaseState = { Type: 'Succeed', Comment: 'done' };
 * ```
 */
export interface BaseState {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/**
 * Transition fields: exactly one of `Next` and `End: true`.
 *
 * @example
 * ```ts
 * const t: Transition = { Next: 'B' };
 * ```
 */
export interface Transition {
  Next?: string;
  End?: boolean;
}

/**
 * A variable assignment block: name → value (JSONPath: `name.$` takes a path; JSONata: `{% %}` anywhere).
 *
 * @example
 * ```ts
 * const a: Assign = { 'total.$': '$.amount', label: 'x' };
 * ```
 */
export type Assign = JsonObject;

/**
 * Input/output fields of JSONPath states (which of them a type allows is checked by {@link validate}).
 *
 * @example
 * ```ts
 * const io: JsonPathIo = { InputPath: '$.order', ResultPath: '$.result', OutputPath: '$' };
 * ```
 */
export interface JsonPathIo {
  InputPath?: string | null;
  OutputPath?: string | null;
  Parameters?: JsonValue;
  ResultSelector?: JsonObject;
  ResultPath?: string | null;
}

/**
 * One entry of `Retry`.
 *
 * @example
 * ```ts
 * const r: Retrier = { ErrorEquals: ['States.Timeout'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 };
 * ```
 */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

/**
 * One entry of `Catch`.
 *
 * @example
 * ```ts
 * const c: Catcher = { ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: '$.error' };
 * ```
 */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: JsonValue;
  Assign?: Assign;
  Comment?: string;
}

/**
 * `Pass`: passes its input (or `Result`/`Output`) on.
 *
 * @example
 * ```ts
 * const s: PassState = { Type: 'Pass', Result: { ok: true }, ResultPath: '$.r', End: true };
 * ```
 */
export interface PassState extends BaseState, Transition, JsonPathIo {
  Type: 'Pass';
  Result?: JsonValue;
  Output?: JsonValue;
  Assign?: Assign;
}

/**
 * `Task`: calls a resource.
 *
 * @example
 * ```ts
 * const s: TaskState = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, End: true };
 * ```
 */
export interface TaskState extends BaseState, Transition, JsonPathIo {
  Type: 'Task';
  Resource: string;
  Arguments?: JsonValue;
  Output?: JsonValue;
  Assign?: Assign;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: JsonValue;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

/**
 * A JSONPath Choice comparison or boolean combination (`Next` only on top-level rules).
 *
 * @example
 * ```ts
 * const r: JsonPathChoiceRule = { Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' };
 * ```
 */
export interface JsonPathChoiceRule {
  Variable?: string;
  And?: JsonPathChoiceRule[];
  Or?: JsonPathChoiceRule[];
  Not?: JsonPathChoiceRule;
  Next?: string;
  Assign?: Assign;
  Comment?: string;
  StringEquals?: string;
  StringEqualsPath?: string;
  StringLessThan?: string;
  StringLessThanPath?: string;
  StringGreaterThan?: string;
  StringGreaterThanPath?: string;
  StringLessThanEquals?: string;
  StringLessThanEqualsPath?: string;
  StringGreaterThanEquals?: string;
  StringGreaterThanEqualsPath?: string;
  StringMatches?: string;
  NumericEquals?: number;
  NumericEqualsPath?: string;
  NumericLessThan?: number;
  NumericLessThanPath?: string;
  NumericGreaterThan?: number;
  NumericGreaterThanPath?: string;
  NumericLessThanEquals?: number;
  NumericLessThanEqualsPath?: string;
  NumericGreaterThanEquals?: number;
  NumericGreaterThanEqualsPath?: string;
  BooleanEquals?: boolean;
  BooleanEqualsPath?: string;
  TimestampEquals?: string;
  TimestampEqualsPath?: string;
  TimestampLessThan?: string;
  TimestampLessThanPath?: string;
  TimestampGreaterThan?: string;
  TimestampGreaterThanPath?: string;
  TimestampLessThanEquals?: string;
  TimestampLessThanEqualsPath?: string;
  TimestampGreaterThanEquals?: string;
  TimestampGreaterThanEqualsPath?: string;
  IsNull?: boolean;
  IsPresent?: boolean;
  IsNumeric?: boolean;
  IsString?: boolean;
  IsBoolean?: boolean;
  IsTimestamp?: boolean;
}

/**
 * A JSONata Choice rule: a boolean `Condition` and a `Next`.
 *
 * @example
 * ```ts
 * const r: JsonataChoiceRule = { Condition: '{% $states.input.n > 1 %}', Next: 'Big' };
 * ```
 */
export interface JsonataChoiceRule {
  Condition: string | boolean;
  Next: string;
  Assign?: Assign;
  Output?: JsonValue;
  Comment?: string;
}

/**
 * Either kind of Choice rule.
 *
 * @example
 * ```ts
 * const rules: ChoiceRule[] = [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }];
 * ```
 */
export type ChoiceRule = JsonPathChoiceRule | JsonataChoiceRule;

/**
 * `Choice`: branches on rules, falls back to `Default`.
 *
 * @example
 * ```ts
 * const s: ChoiceState = { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'A' }], Default: 'B' };
 * ```
 */
export interface ChoiceState extends BaseState {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
  Output?: JsonValue;
  Assign?: Assign;
}

/**
 * `Wait`: pauses for `Seconds` or until `Timestamp` (or their `*Path` forms).
 *
 * @example
 * ```ts
 * const s: WaitState = { Type: 'Wait', Seconds: 10, Next: 'B' };
 * ```
 */
export interface WaitState extends BaseState, Transition {
  Type: 'Wait';
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
  Output?: JsonValue;
  Assign?: Assign;
}

/**
 * `Succeed`: ends the scope successfully.
 *
 * @example
 * ```ts
 * const s: SucceedState = { Type: 'Succeed' };
 * ```
 */
export interface SucceedState extends BaseState {
  Type: 'Succeed';
  InputPath?: string | null;
  OutputPath?: string | null;
  Output?: JsonValue;
}

/**
 * `Fail`: ends the scope with an error and cause.
 *
 * @example
 * ```ts
 * const s: FailState = { Type: 'Fail', Error: 'OrderRejected', Cause: 'out of stock' };
 * ```
 */
export interface FailState extends BaseState {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/**
 * `Parallel`: runs every branch on the same input.
 *
 * @example
 * ```ts
 * const s: ParallelState = { Type: 'Parallel', Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' } } }], End: true };
 * ```
 */
export interface ParallelState extends BaseState, Transition, JsonPathIo {
  Type: 'Parallel';
  Branches: StatesScope[];
  Arguments?: JsonValue;
  Output?: JsonValue;
  Assign?: Assign;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

/**
 * Map `ItemProcessor.ProcessorConfig`.
 *
 * @example
 * ```ts
 * const c: ProcessorConfig = { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' };
 * ```
 */
export interface ProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED';
  ExecutionType?: 'STANDARD' | 'EXPRESS';
}

/**
 * Map `ItemProcessor` (or the deprecated `Iterator`).
 *
 * @example
 * ```ts
 * const p: ItemProcessor = { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'X', States: { X: { Type: 'Succeed' } } };
 * ```
 */
export interface ItemProcessor extends StatesScope {
  ProcessorConfig?: ProcessorConfig;
}

/**
 * Distributed Map `ItemReader`.
 *
 * @example
 * ```ts
 * const r: ItemReader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } };
 * ```
 */
export interface ItemReader {
  Resource: string;
  Parameters?: JsonValue;
  Arguments?: JsonValue;
  ReaderConfig?: {
    InputType?: 'CSV' | 'JSON' | 'JSONL' | 'PARQUET' | 'MANIFEST';
    Transformation?: 'NONE' | 'LOAD_AND_FLATTEN';
    ManifestType?: 'ATHENA_DATA' | 'S3_INVENTORY';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    CSVDelimiter?: 'COMMA' | 'PIPE' | 'SEMICOLON' | 'SPACE' | 'TAB';
    ItemsPointer?: string;
    MaxItems?: number | string;
    MaxItemsPath?: string;
  };
}

/**
 * Distributed Map `ItemBatcher`.
 *
 * @example
 * ```ts
 * const b: ItemBatcher = { MaxItemsPerBatch: 10 };
 * ```
 */
export interface ItemBatcher {
  MaxItemsPerBatch?: number | string;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: number | string;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: JsonValue;
}

/**
 * Distributed Map `ResultWriter`.
 *
 * @example
 * ```ts
 * const w: ResultWriter = { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' } };
 * ```
 */
export interface ResultWriter {
  Resource?: string;
  Parameters?: JsonValue;
  Arguments?: JsonValue;
  WriterConfig?: {
    OutputType?: 'JSON' | 'JSONL';
    Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN';
  };
}

/**
 * `Map`: runs its processor once per item (inline or distributed).
 *
 * @example
 * ```ts
 * const s: MapState = { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true };
 * ```
 */
export interface MapState extends BaseState, Transition, JsonPathIo {
  Type: 'Map';
  ItemProcessor?: ItemProcessor;
  /** Deprecated inline alias of `ItemProcessor`. */
  Iterator?: ItemProcessor;
  ItemsPath?: string;
  Items?: JsonValue;
  ItemSelector?: JsonValue;
  ItemReader?: ItemReader;
  ItemBatcher?: ItemBatcher;
  ResultWriter?: ResultWriter;
  Label?: string;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  Output?: JsonValue;
  Assign?: Assign;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

/**
 * Any state (discriminated by `Type`).
 *
 * @example
 * ```ts
 * function isTerminal(s: State): boolean { return s.Type === 'Succeed' || s.Type === 'Fail' || ('End' in s && s.End === true); }
 * ```
 */
export type State =
  PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

/**
 * The `TaskFn` extension as written in a source definition (expanded by {@link expandTaskFn}).
 *
 * @example
 * ```ts
 * const s: TaskFnState = { Type: 'TaskFn', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:app', Next: 'B' };
 * ```
 */
export interface TaskFnState extends Omit<TaskState, 'Type'> {
  Type: 'TaskFn';
}
