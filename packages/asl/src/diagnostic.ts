/**
 * One problem found in a definition, in the shape of AWS's `ValidateStateMachineDefinition` diagnostics.
 *
 * @remarks
 * `path` is an RFC 6901 JSON pointer to the offending field (`''` is the root, `/States/a~1b/Next`);
 * a missing field points at the object that lacks it and `params.field` names it.
 *
 * @example
 * ```ts
 * const d: Diagnostic = {
 *   code: 'MISSING_TRANSITION_TARGET', severity: 'error', path: '/States/A/Next',
 *   message: "Missing 'Next' target: B",
 * };
 * ```
 */
export interface Diagnostic {
  /** AWS's code where AWS has one (`SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, ...). */
  code: string;
  /** `error` makes the definition invalid; `warning` does not. */
  severity: 'error' | 'warning';
  /** RFC 6901 JSON pointer to the offending field; `''` is the root. */
  path: string;
  /** What is wrong (AWS's wording where it is known). */
  message: string;
  /** Machine-readable details (field names, targets...). */
  params?: Record<string, unknown>;
  /** 1-based line, for `INVALID_JSON_DESCRIPTION`. */
  line?: number;
  /** 1-based column, for `INVALID_JSON_DESCRIPTION`. */
  column?: number;
}
