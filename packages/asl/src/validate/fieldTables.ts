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
  Pass: nullProto({ ...COMMON, ...TRANSITION, ...IO, Parameters: 'P', ResultPath: 'P', Result: 'P', Output: 'A', Assign: 'B' }),
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
  Wait: nullProto({ ...COMMON, ...TRANSITION, ...IO, Output: 'A', Assign: 'B', Seconds: 'B', Timestamp: 'B', SecondsPath: 'P', TimestampPath: 'P' }),
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
export const STATE_TYPES: readonly StateType[] = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map'];

/** Top-level fields of a definition. @internal */
export const TOP_FIELDS: ReadonlySet<string> = new Set(['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage']);

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
export const CHOICE_OPERATORS: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'timestamp' | 'path'>> = (() => {
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
