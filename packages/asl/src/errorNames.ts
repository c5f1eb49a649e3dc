/**
 * The predefined `States.*` error names (the only ones allowed in `ErrorEquals` inside the `States.` namespace).
 *
 * @example
 * ```ts
 * STATES_ERRORS.includes('States.Timeout'); // true
 * ```
 */
export const STATES_ERRORS: readonly string[] = Object.freeze([
  'States.ALL',
  'States.DataLimitExceeded',
  'States.Runtime',
  'States.Timeout',
  'States.HeartbeatTimeout',
  'States.TaskFailed',
  'States.Permissions',
  'States.ResultPathMatchFailure',
  'States.ParameterPathFailure',
  'States.QueryEvaluationError',
  'States.BranchFailed',
  'States.NoChoiceMatched',
  'States.IntrinsicFailure',
  'States.ExceedToleratedFailureThreshold',
  'States.ItemReaderFailed',
  'States.ResultWriterFailed',
  'States.Http.Socket',
]);

/** @internal Set form of {@link STATES_ERRORS} for O(1) lookups. */
export const STATES_ERROR_SET: ReadonlySet<string> = new Set(STATES_ERRORS);
