import type { JsonValue } from '@step/asl';

/**
 * What a JSONata expression of a state sees: the reserved `$states` variable and the workflow variables.
 *
 * @remarks
 * `result` and `errorOutput` are left out (or `undefined`) where AWS does not provide them; an expression that
 * reads them there evaluates to nothing and fails with `States.QueryEvaluationError`. `variables` may be an
 * object whose prototype is the outer scope (Parallel branch, Map iteration): inherited names are visible too.
 */
export interface JsonataScope {
  /** The `$states` variable. */
  states: {
    /** `$states.input`: the raw state input. */
    input: JsonValue;
    /** `$states.result`: the task, Parallel or Map result (Output and Assign of those states only). */
    result?: JsonValue;
    /** `$states.errorOutput`: `{Error, Cause}` of a caught error (a catcher's Output and Assign only). */
    errorOutput?: JsonValue;
    /** `$states.context`: the context object. */
    context: JsonValue;
  };
  /** Workflow variables, read as `$name`. */
  variables: Readonly<Record<string, JsonValue>>;
}

/**
 * Run-time hooks of a JSONata evaluation: the sources of randomness and time, and the evaluation time limit.
 *
 * @remarks
 * Pass the same object to every evaluator of one execution (the engine builds it once from `ExecutionOptions`).
 * Every field is optional. The time limit guards real (wall-clock) time, as AWS does, never a virtual clock.
 */
export interface JsonataEvaluateOptions {
  /** Source of `$random()` without a seed, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Source of `$uuid()`. Default `crypto.randomUUID`. */
  uuid?: () => string;
  /** Epoch milliseconds read once per evaluation for `$now()` and `$millis()`. Default `Date.now`. */
  now?: () => number;
  /** Wall-clock limit of one evaluation in milliseconds. Default 1000 (AWS: 1 s). */
  timeoutMs?: number;
}

/**
 * A compiled JSONata field: evaluates it for one state of one execution.
 *
 * @remarks
 * Rejects with a {@link QueryEvaluationFailure} (`States.QueryEvaluationError`) when the expression fails, returns
 * nothing or returns a value of the wrong kind. `enteredEventId` is the history id of the state's `*StateEntered`
 * event, printed in the cause. Returned values may share structure with the definition's literals and with the
 * scope: treat them as immutable.
 */
export type JsonataEvaluator<T> = (
  scope: JsonataScope,
  stateName: string,
  enteredEventId: number,
  options?: JsonataEvaluateOptions,
) => Promise<T>;
