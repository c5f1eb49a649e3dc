import { nullProto } from '../nullProto.js';
import type { QueryLanguage, StateType } from '../types.js';

/** Which query language a field belongs to: both, JSONPath only or JSONata only. @internal */
export type FieldLanguage = 'B' | 'P' | 'A';

const COMMON = { Type: 'B', Comment: 'B', QueryLanguage: 'B' } as const;
const TRANSITION = { Next: 'B', End: 'B' } as const;
const IO = { InputPath: 'P', OutputPath: 'P' } as const;
const RESULT = { Parameters: 'P', ResultSelector: 'P', ResultPath: 'P', Output: 'A', Assign: 'B' } as const;
const ERRORS = { Retry: 'B', Catch: 'B' } as const;

/**
 * Fields each state type allows, and in which query language (asl-semantics §1.1). This table and each
 * type's table have no prototype, so `'constructor' in STATE_FIELDS` and `STATE_FIELDS.Pass['toString']` are false
 * and undefined.
 *
 * @example
 * ```ts
 * STATE_FIELDS.Pass.Result; // 'P'
 * ```
 * @internal
 */
export const STATE_FIELDS: Readonly<Record<StateType, Readonly<Record<string, FieldLanguage>>>> = nullProto({
  Pass: nullProto({
    ...COMMON,
    ...TRANSITION,
    ...IO,
    Parameters: 'P',
    ResultPath: 'P',
    Result: 'P',
    Output: 'A',
    Assign: 'B',
  }),
  Task: nullProto({
    ...COMMON,
    ...TRANSITION,
    ...IO,
    ...RESULT,
    ...ERRORS,
    Arguments: 'A',
    Resource: 'B',
    TimeoutSeconds: 'B',
    HeartbeatSeconds: 'B',
    TimeoutSecondsPath: 'P',
    HeartbeatSecondsPath: 'P',
    Credentials: 'B',
  }),
  Choice: nullProto({ ...COMMON, ...IO, Output: 'A', Assign: 'B', Choices: 'B', Default: 'B' }),
  Wait: nullProto({
    ...COMMON,
    ...TRANSITION,
    ...IO,
    Output: 'A',
    Assign: 'B',
    Seconds: 'B',
    Timestamp: 'B',
    SecondsPath: 'P',
    TimestampPath: 'P',
  }),
  Succeed: nullProto({ ...COMMON, ...IO, Output: 'A' }),
  Fail: nullProto({ ...COMMON, Error: 'B', Cause: 'B', ErrorPath: 'P', CausePath: 'P' }),
  Parallel: nullProto({ ...COMMON, ...TRANSITION, ...IO, ...RESULT, ...ERRORS, Arguments: 'A', Branches: 'B' }),
  Map: nullProto({
    ...COMMON,
    ...TRANSITION,
    ...IO,
    ...RESULT,
    ...ERRORS,
    ItemsPath: 'P',
    Items: 'A',
    ItemProcessor: 'B',
    Iterator: 'B',
    ItemSelector: 'B',
    ItemReader: 'B',
    ItemBatcher: 'B',
    ResultWriter: 'B',
    Label: 'B',
    MaxConcurrency: 'B',
    MaxConcurrencyPath: 'P',
    ToleratedFailureCount: 'B',
    ToleratedFailureCountPath: 'P',
    ToleratedFailurePercentage: 'B',
    ToleratedFailurePercentagePath: 'P',
  }),
});

/** The state types, in AWS's message order. @internal */
export const STATE_TYPES: readonly StateType[] = [
  'Task',
  'Wait',
  'Pass',
  'Succeed',
  'Fail',
  'Choice',
  'Parallel',
  'Map',
];

/** Top-level fields of a definition. @internal */
export const TOP_FIELDS: ReadonlySet<string> = new Set([
  'StartAt',
  'States',
  'Comment',
  'Version',
  'TimeoutSeconds',
  'QueryLanguage',
]);

/** Fields of a Parallel branch or a Map processor. @internal */
export const SCOPE_FIELDS: ReadonlySet<string> = new Set(['StartAt', 'States', 'Comment']);

/** Map fields only a DISTRIBUTED processor may use. @internal */
export const DISTRIBUTED_ONLY: readonly string[] = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Label',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
];

/** Choice comparison operators and the JSON type of their operand; no prototype (see {@link STATE_FIELDS}). @internal */
export const CHOICE_OPERATORS: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'>> =
  (() => {
    const ops: Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'> = nullProto({});
    for (const suffix of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
      ops[`String${suffix}`] = 'string';
      ops[`Numeric${suffix}`] = 'number';
      ops[`Timestamp${suffix}`] = 'timestamp';
      ops[`String${suffix}Path`] = 'path';
      ops[`Numeric${suffix}Path`] = 'path';
      ops[`Timestamp${suffix}Path`] = 'path';
    }
    ops.StringMatches = 'string';
    ops.BooleanEquals = 'boolean';
    ops.BooleanEqualsPath = 'path';
    for (const t of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) ops[t] = 'boolean';
    return ops;
  })();

/** Returns the message AWS gives for a field of the other query language. @internal */
export function wrongLanguageMessage(language: QueryLanguage, field: string): string {
  const other = language === 'JSONPath' ? 'JSONata' : 'JSONPath';
  return `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${other}' QueryLanguage`;
}

/** The largest value of AWS's integer fields (TimeoutSeconds, MaxAttempts...). @internal */
const MAX_INTEGER_FIELD = 99999999;

/** How a field of a nested Map configuration object is checked. @internal */
export type SubCheck =
  | 'string'
  | 'template'
  | 'path'
  | 'stringArray'
  | readonly string[]
  | { min: number; max: number }
  | { object: SubSpec };
/** A nested object's fields; built with {@link nullProto} so that `spec[key]` sees only its own fields. */
export type SubSpec = Readonly<Record<string, { lang: 'B' | 'P' | 'A'; check: SubCheck }>>;

/**
 * Fields of a Map `ItemReader.ReaderConfig`. @internal
 *
 * @example
 * ```ts
 * READER_CONFIG.CSVDelimiter; // { lang: 'B', check: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] }
 * ```
 */
export const READER_CONFIG: SubSpec = nullProto({
  InputType: { lang: 'B', check: ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'] },
  Transformation: { lang: 'B', check: ['NONE', 'LOAD_AND_FLATTEN'] },
  ManifestType: { lang: 'B', check: ['ATHENA_DATA', 'S3_INVENTORY'] },
  CSVHeaderLocation: { lang: 'B', check: ['FIRST_ROW', 'GIVEN'] },
  CSVHeaders: { lang: 'B', check: 'stringArray' },
  CSVDelimiter: { lang: 'B', check: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] },
  ItemsPointer: { lang: 'B', check: 'string' },
  MaxItems: { lang: 'B', check: { min: 0, max: 100_000_000 } },
  MaxItemsPath: { lang: 'P', check: 'path' },
});
/**
 * Fields of a Map `ItemReader`. @internal
 *
 * @example
 * ```ts
 * ITEM_READER.Parameters; // { lang: 'P', check: 'template' }: JSONPath only
 * ```
 */
export const ITEM_READER: SubSpec = nullProto({
  Resource: { lang: 'B', check: 'string' },
  Parameters: { lang: 'P', check: 'template' },
  Arguments: { lang: 'A', check: 'template' },
  ReaderConfig: { lang: 'B', check: { object: READER_CONFIG } },
});
/**
 * Fields of a Map `ItemBatcher`. @internal
 *
 * @example
 * ```ts
 * ITEM_BATCHER.MaxInputBytesPerBatch; // { lang: 'B', check: { min: 1, max: 262144 } }
 * ```
 */
export const ITEM_BATCHER: SubSpec = nullProto({
  MaxItemsPerBatch: { lang: 'B', check: { min: 1, max: MAX_INTEGER_FIELD } },
  MaxItemsPerBatchPath: { lang: 'P', check: 'path' },
  MaxInputBytesPerBatch: { lang: 'B', check: { min: 1, max: 262_144 } },
  MaxInputBytesPerBatchPath: { lang: 'P', check: 'path' },
  BatchInput: { lang: 'B', check: 'template' },
});
/**
 * Fields of a Map `ResultWriter`. @internal
 *
 * @example
 * ```ts
 * RESULT_WRITER.Arguments; // { lang: 'A', check: 'template' }: JSONata only
 * ```
 */
export const RESULT_WRITER: SubSpec = nullProto({
  Resource: { lang: 'B', check: 'string' },
  Parameters: { lang: 'P', check: 'template' },
  Arguments: { lang: 'A', check: 'template' },
  WriterConfig: {
    lang: 'B',
    check: {
      object: nullProto({
        OutputType: { lang: 'B', check: ['JSON', 'JSONL'] },
        Transformation: { lang: 'B', check: ['NONE', 'COMPACT', 'FLATTEN'] },
      }),
    },
  },
});

/**
 * Fields of a Retry entry. @internal
 *
 * @example
 * ```ts
 * RETRIER_FIELDS.has('Next'); // false: a retrier has no Next
 * ```
 */
export const RETRIER_FIELDS: ReadonlySet<string> = new Set([
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
]);
/** Catcher fields and their query language; no prototype, like the other field tables: `CATCHER_FIELDS[key]` sees only these. @internal */
export const CATCHER_FIELDS: Readonly<Record<string, 'B' | 'P' | 'A'>> = nullProto({
  ErrorEquals: 'B',
  Next: 'B',
  ResultPath: 'P',
  Output: 'A',
  Assign: 'B',
  Comment: 'B',
});
/**
 * Fields of a JSONata choice rule. @internal
 *
 * @example
 * ```ts
 * JSONATA_RULE_FIELDS.has('Variable'); // false: JSONata rules use Condition
 * ```
 */
export const JSONATA_RULE_FIELDS: ReadonlySet<string> = new Set(['Condition', 'Next', 'Assign', 'Output', 'Comment']);
