import type { ExecutionResult } from '@step/interpreter';
import { getAttempts } from '../helpers/getAttempts.js';
import { getStatesVisited } from '../helpers/getStatesVisited.js';

/**
 * The part of a jest or vitest matcher context the Step matchers use (`this` inside a matcher).
 *
 * @example
 * ```ts
 * const same = (ctx: MatcherContextLike) => ctx.equals({ a: 1 }, { a: 1 });
 * ```
 */
export interface MatcherContextLike {
  isNot?: boolean;
  equals(a: unknown, b: unknown): boolean;
  utils: { printReceived(value: unknown): string; printExpected(value: unknown): string };
}

/**
 * What a matcher returns to jest and vitest.
 *
 * @example
 * ```ts
 * const r: MatcherResult = { pass: true, message: () => 'expected the execution not to succeed' };
 * ```
 */
export interface MatcherResult {
  pass: boolean;
  message(): string;
}

type Received = Partial<ExecutionResult>;

function isResult(value: unknown): value is Received {
  return typeof value === 'object' && value !== null && typeof (value as Received).status === 'string';
}

function notAResult(ctx: MatcherContextLike, name: string, received: unknown): MatcherResult {
  return {
    pass: false,
    message: () =>
      `${name} expects an execution result (what machine.run(), runExecution or execution.result give), received ${ctx.utils.printReceived(received)}. Await the run first: expect(await machine.run(...)).${name}(...)`,
  };
}

function describeEnd(ctx: MatcherContextLike, r: Received): string {
  if (r.status === 'SUCCEEDED') return `SUCCEEDED with output ${ctx.utils.printReceived(r.output)}`;
  const cause = r.cause === undefined ? '' : ` (cause ${ctx.utils.printReceived(r.cause)})`;
  return `${r.status ?? 'unknown'} with error ${ctx.utils.printReceived(r.error)}${cause}, after states ${ctx.utils.printReceived(r.path ?? [])}`;
}

function path(r: Received): string[] {
  return r.path ?? (r.history === undefined ? [] : getStatesVisited({ history: r.history }));
}

/**
 * Passes when the execution SUCCEEDED, with `expected` as its output when given (compared with `toEqual`
 * semantics; asymmetric matchers such as `expect.objectContaining` work).
 *
 * @example
 * ```ts
 * expect(await machine.run({ input: {} })).toHaveSucceededWith({ Greeting: 'Hello World' });
 * ```
 */
export function toHaveSucceededWith(
  this: MatcherContextLike,
  received: unknown,
  ...expected: [] | [unknown]
): MatcherResult {
  if (!isResult(received)) return notAResult(this, 'toHaveSucceededWith', received);
  const pass = received.status === 'SUCCEEDED' && (expected.length === 0 || this.equals(received.output, expected[0]));
  const want = expected.length === 0 ? 'SUCCEEDED' : `SUCCEEDED with output ${this.utils.printExpected(expected[0])}`;
  return {
    pass,
    message: () => `expected the execution ${pass ? 'not ' : ''}to have ${want}; it ${describeEnd(this, received)}`,
  };
}

/**
 * Passes when the execution FAILED with Step Functions error `error` (and `cause` when given: a string, or an
 * asymmetric matcher such as `expect.stringContaining`).
 *
 * @example
 * ```ts
 * expect(await machine.run({ input: { card: 'expired' } })).toHaveFailedWith('PaymentDeclined');
 * ```
 */
export function toHaveFailedWith(
  this: MatcherContextLike,
  received: unknown,
  error: unknown,
  ...cause: [] | [unknown]
): MatcherResult {
  if (!isResult(received)) return notAResult(this, 'toHaveFailedWith', received);
  const pass =
    received.status === 'FAILED' &&
    this.equals(received.error, error) &&
    (cause.length === 0 || this.equals(received.cause, cause[0]));
  const want = `FAILED with error ${this.utils.printExpected(error)}${cause.length === 0 ? '' : ` and cause ${this.utils.printExpected(cause[0])}`}`;
  return {
    pass,
    message: () => `expected the execution ${pass ? 'not ' : ''}to have ${want}; it ${describeEnd(this, received)}`,
  };
}

/**
 * Passes when the execution entered every one of `states` (nested states included), in any order.
 *
 * @example
 * ```ts
 * expect(result).toHaveVisited('Charge', 'Ship');
 * expect(result).not.toHaveVisited('Refund');
 * ```
 */
export function toHaveVisited(this: MatcherContextLike, received: unknown, ...states: string[]): MatcherResult {
  if (!isResult(received)) return notAResult(this, 'toHaveVisited', received);
  const visited = path(received);
  const missing = states.filter((s) => !visited.includes(s));
  const present = states.filter((s) => visited.includes(s));
  const pass = missing.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected the execution not to have visited ${this.utils.printExpected(present)}; it visited ${this.utils.printReceived(visited)}`
        : `expected the execution to have visited ${this.utils.printExpected(missing)}; it visited ${this.utils.printReceived(visited)}`,
  };
}

/**
 * Passes when `states` were entered in this order, other states in between allowed (a subsequence of the path).
 *
 * @example
 * ```ts
 * expect(result).toHaveVisitedInOrder(['Validate', 'Charge', 'Ship']);
 * ```
 */
export function toHaveVisitedInOrder(
  this: MatcherContextLike,
  received: unknown,
  states: readonly string[],
): MatcherResult {
  if (!isResult(received)) return notAResult(this, 'toHaveVisitedInOrder', received);
  const visited = path(received);
  let i = 0;
  for (const s of visited) if (i < states.length && s === states[i]) i++;
  const pass = i === states.length;
  return {
    pass,
    message: () =>
      pass
        ? `expected the execution not to have visited ${this.utils.printExpected(states)} in that order; it visited ${this.utils.printReceived(visited)}`
        : `expected the execution to have visited ${this.utils.printExpected(states)} in that order; it visited ${this.utils.printReceived(visited)}, and ${this.utils.printExpected(states[i])} was not entered after ${this.utils.printReceived(states.slice(0, i))}`,
  };
}

/**
 * Passes when the state made `attempts` attempts over all its visits (1 plus its retries for a single visit).
 *
 * @example
 * ```ts
 * expect(result).toHaveAttempted('Charge', 3); // two retries, then success or the final failure
 * ```
 */
export function toHaveAttempted(
  this: MatcherContextLike,
  received: unknown,
  stateName: string,
  attempts: number,
): MatcherResult {
  if (!isResult(received) || received.history === undefined) return notAResult(this, 'toHaveAttempted', received);
  const perVisit = getAttempts({ history: received.history }, stateName);
  const total = perVisit.reduce((a, b) => a + b, 0);
  const pass = total === attempts;
  return {
    pass,
    message: () =>
      `expected state "${stateName}" ${pass ? 'not ' : ''}to have made ${this.utils.printExpected(attempts)} attempts; it made ${this.utils.printReceived(total)} (per visit: ${this.utils.printReceived(perVisit)})`,
  };
}

/**
 * Every Step matcher, for `expect.extend(stepMatchers)` in a framework the subpaths do not cover.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * expect.extend(stepMatchers);
 * ```
 */
export const stepMatchers = {
  toHaveSucceededWith,
  toHaveFailedWith,
  toHaveVisited,
  toHaveVisitedInOrder,
  toHaveAttempted,
};

/**
 * The Step matchers' signatures, for the typings of `@step/testing/jest` and `@step/testing/vitest`.
 *
 * @example
 * ```ts
 * declare module 'my-expect' { interface Assertion<T> extends StepMatchers<void> {} }
 * ```
 */
export interface StepMatchers<R = unknown> {
  /** The execution SUCCEEDED, with this output when given. */
  toHaveSucceededWith(output?: unknown): R;
  /** The execution FAILED with this error (and cause when given). */
  toHaveFailedWith(error: unknown, cause?: unknown): R;
  /** The execution entered every one of these states. */
  toHaveVisited(...states: string[]): R;
  /** The execution entered these states in this order (others in between allowed). */
  toHaveVisitedInOrder(states: readonly string[]): R;
  /** The state made this many attempts over all its visits. */
  toHaveAttempted(stateName: string, attempts: number): R;
}
