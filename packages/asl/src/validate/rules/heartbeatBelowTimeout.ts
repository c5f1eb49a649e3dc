import type { RuleReporter } from '../scopeFacts.js';

/**
 * Task timing rule (`SCHEMA_VALIDATION_FAILED`): a literal `HeartbeatSeconds` must be smaller than a literal
 * `TimeoutSeconds`, in either query language.
 *
 * @remarks
 * When either side is a `*Path` (JSONPath) or a `{% %}` expression (JSONata), the values exist only at run
 * time, so nothing is compared here.
 * @internal
 */
export function checkHeartbeatBelowTimeout(
  state: Record<string, unknown>,
  pointer: string,
  report: RuleReporter,
): void {
  const t = state.TimeoutSeconds;
  const h = state.HeartbeatSeconds;
  if (Number.isInteger(t) && Number.isInteger(h) && (h as number) >= (t as number)) {
    report.error(
      'SCHEMA_VALIDATION_FAILED',
      `${pointer}/HeartbeatSeconds`,
      `HeartbeatSeconds (${h as number}) must be smaller than TimeoutSeconds (${t as number})`,
      {
        HeartbeatSeconds: h,
        TimeoutSeconds: t,
      },
    );
  }
}
