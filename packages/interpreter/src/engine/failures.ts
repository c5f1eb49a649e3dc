import type { JsonValue } from '@step/asl';
import { isStatesFailure } from '../StatesFailure.js';
import type { Visit } from './Visit.js';

/**
 * A failure whose error or cause may be absent (a Fail state without Error, a branch that failed so, a
 * SendTaskFailure without fields); never prefixed.
 * @internal
 */
export class PropagatedFailure extends Error {
  readonly error: string | undefined;
  readonly failureCause: string | undefined;

  constructor(error: string | undefined, cause: string | undefined) {
    super(`${error ?? ''}: ${cause ?? ''}`);
    this.name = 'PropagatedFailure';
    this.error = error;
    this.failureCause = cause;
  }
}

/**
 * The failure of one state attempt as data.
 * @internal
 */
export interface Failure {
  error: string | undefined;
  cause: string | undefined;
  /**
   * Step Functions itself raised it on the state's data (an output or a Map result over the payload quota): only
   * a Retry or Catch that names the error matches it, never `States.ALL` or `States.TaskFailed`.
   */
  terminal?: boolean;
}

const PREFIXED = new Set(['States.Runtime']);
const DATA_LIMIT_EXCEEDED = 'States.DataLimitExceeded';
const PREFIX_START = 'An error occurred while executing the state';

/**
 * Turns anything thrown by a state attempt into failure data; `States.Runtime` causes get AWS's
 * "An error occurred while executing the state 'X' (entered at the event id #N). " prefix.
 * @internal
 */
export function toFailure(e: unknown, visit: Visit): Failure {
  if (isStatesFailure(e)) {
    const cause = e.failureCause;
    if (PREFIXED.has(e.error) && !cause.startsWith(PREFIX_START)) {
      return { error: e.error, cause: visit.causePrefix() + cause };
    }
    if (e.error === DATA_LIMIT_EXCEEDED) return { error: e.error, cause, terminal: true };
    return { error: e.error, cause };
  }
  if (e instanceof PropagatedFailure) return { error: e.error, cause: e.failureCause };
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    error: 'States.Runtime',
    cause: `${visit.causePrefix()}Internal interpreter error: ${err.name}: ${err.message}`,
  };
}

/**
 * Whether an ErrorEquals list matches a failure, with AWS's wildcard rules: `States.ALL` matches all but
 * `States.Runtime` and a terminal failure (a state output over the payload quota); `States.TaskFailed` matches
 * all but those and `States.Timeout`.
 *
 * @remarks
 * A `States.DataLimitExceeded` that the task itself failed with (its result over the quota, or a mock that
 * throws it) is an ordinary task failure: AWS catches it with `States.ALL`.
 * @internal
 */
export function errorMatches(errorEquals: readonly string[], failure: Failure): boolean {
  const error = failure.error;
  if (error === 'States.Runtime') return false;
  const name = error ?? '';
  for (const e of errorEquals) {
    if (e === name) return true;
    if (failure.terminal === true) continue;
    if (e === 'States.ALL') return true;
    if (e === 'States.TaskFailed' && name !== 'States.Timeout') return true;
  }
  return false;
}

/**
 * The `{Error, Cause}` object a catcher receives.
 * @internal
 */
export function errorOutput(f: Failure): JsonValue {
  const out: { [k: string]: JsonValue } = {};
  if (f.error !== undefined) out.Error = f.error;
  out.Cause = f.cause ?? '';
  return out;
}
