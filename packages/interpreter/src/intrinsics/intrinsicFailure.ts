import type { JsonValue } from '@step/asl';
import { StatesFailure } from '../StatesFailure.js';

/**
 * Error name of a failed intrinsic function (catchable by Retry and Catch).
 *
 * @example
 * ```ts
 * if (failure.error === INTRINSIC_FAILURE) retry();
 * ```
 * @internal
 */
export const INTRINSIC_FAILURE = 'States.IntrinsicFailure';

/**
 * Creates the `States.IntrinsicFailure` for a call that cannot be evaluated.
 *
 * @remarks
 * AWS's own cause texts for these failures were not recorded (see asl-semantics.md §10); the wording here is
 * ours, and every text is built in this file or `intrinsicFunctions.ts` so it can be corrected in one place.
 * @internal
 */
export function intrinsicFailure(cause: string): StatesFailure {
  return new StatesFailure(INTRINSIC_FAILURE, cause);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * Names an argument position for a cause text: 0 -> 'first'.
 * @internal
 */
export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/**
 * Names the JSON type of a value for a cause text.
 * @internal
 */
export function jsonTypeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * The failure for an argument of the wrong JSON type.
 * @internal
 */
export function argumentTypeFailure(fn: string, index: number, expected: string, value: JsonValue): StatesFailure {
  return intrinsicFailure(
    `The ${ordinal(index)} argument of '${fn}' must be ${expected}, but was ${jsonTypeName(value)}: ${JSON.stringify(value)}`,
  );
}
