/** Errors `States.ALL` does not match (asl-semantics.md, "Errors"). */
const UNMATCHED_BY_ALL = new Set(['States.DataLimitExceeded', 'States.Runtime']);

/**
 * Whether a Retry or Catch `ErrorEquals` list matches an error name, as AWS matches it: the exact name,
 * `States.ALL` (all but `States.DataLimitExceeded` and `States.Runtime`), or `States.TaskFailed` (any error but
 * `States.Timeout`).
 * @internal
 */
export function matchesErrorEquals(errorEquals: unknown, error: string): boolean {
  if (!Array.isArray(errorEquals)) return false;
  return errorEquals.some(
    (e) =>
      e === error ||
      (e === 'States.ALL' && !UNMATCHED_BY_ALL.has(error)) ||
      (e === 'States.TaskFailed' && error !== 'States.Timeout' && !UNMATCHED_BY_ALL.has(error)),
  );
}
