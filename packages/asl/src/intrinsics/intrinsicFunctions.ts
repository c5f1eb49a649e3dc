import { nullProto } from '../nullProto.js';

/**
 * The type an intrinsic argument must have: literal arguments of another type are rejected at validation.
 * `array` and `object` accept only a path or a nested call (there are no array or object literals).
 *
 * @example
 * ```ts
 * const t: IntrinsicArgType = 'string';
 * ```
 */
export type IntrinsicArgType = 'any' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/**
 * Signature of one intrinsic function.
 *
 * @example
 * ```ts
 * const spec: IntrinsicFunctionSpec = { minArgs: 2, maxArgs: 2, args: ['array', 'integer'] };
 * ```
 */
export interface IntrinsicFunctionSpec {
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** Types of the positional arguments; `rest` applies beyond them. */
  args: readonly IntrinsicArgType[];
  rest?: IntrinsicArgType;
  /** true when the result is always a string (allowed in Fail `ErrorPath`/`CausePath`). */
  returnsString?: boolean;
}

/**
 * The 18 intrinsic functions of Step Functions with their arity and argument types. The table has no prototype:
 * `INTRINSIC_FUNCTIONS['States.constructor']` and `INTRINSIC_FUNCTIONS['constructor']` are undefined.
 *
 * @example
 * ```ts
 * INTRINSIC_FUNCTIONS['States.MathAdd']?.maxArgs; // 2
 * ```
 */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunctionSpec>> = Object.freeze(
  nullProto({
    'States.Format': { minArgs: 1, maxArgs: Infinity, args: ['string'], rest: 'any', returnsString: true },
    'States.StringToJson': { minArgs: 1, maxArgs: 1, args: ['string'] },
    'States.JsonToString': { minArgs: 1, maxArgs: 1, args: ['any'], returnsString: true },
    'States.Array': { minArgs: 0, maxArgs: Infinity, args: [], rest: 'any' },
    'States.ArrayPartition': { minArgs: 2, maxArgs: 2, args: ['array', 'integer'] },
    'States.ArrayContains': { minArgs: 2, maxArgs: 2, args: ['array', 'any'] },
    'States.ArrayRange': { minArgs: 3, maxArgs: 3, args: ['integer', 'integer', 'integer'] },
    'States.ArrayGetItem': { minArgs: 2, maxArgs: 2, args: ['array', 'integer'], returnsString: true },
    'States.ArrayLength': { minArgs: 1, maxArgs: 1, args: ['array'] },
    'States.ArrayUnique': { minArgs: 1, maxArgs: 1, args: ['array'] },
    'States.Base64Encode': { minArgs: 1, maxArgs: 1, args: ['string'], returnsString: true },
    'States.Base64Decode': { minArgs: 1, maxArgs: 1, args: ['string'], returnsString: true },
    'States.Hash': { minArgs: 2, maxArgs: 2, args: ['any', 'string'], returnsString: true },
    'States.JsonMerge': { minArgs: 3, maxArgs: 3, args: ['object', 'object', 'boolean'] },
    'States.MathRandom': { minArgs: 2, maxArgs: 3, args: ['number', 'number', 'number'] },
    'States.MathAdd': { minArgs: 2, maxArgs: 2, args: ['number', 'number'] },
    'States.StringSplit': { minArgs: 2, maxArgs: 2, args: ['string', 'string'] },
    'States.UUID': { minArgs: 0, maxArgs: 0, args: [], returnsString: true },
  } satisfies Record<string, IntrinsicFunctionSpec>),
);

/**
 * Maximum nesting of intrinsic calls AWS accepts.
 *
 * @example
 * ```ts
 * parseIntrinsic('States.Array('.repeat(11) + ')'.repeat(11)).ok; // false: deeper than MAX_INTRINSIC_NESTING
 * ```
 */
export const MAX_INTRINSIC_NESTING = 10;
