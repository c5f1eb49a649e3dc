import type { RuleReporter } from '../scopeFacts.js';

const WAIT_FIELDS: readonly string[] = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'];

/**
 * Wait rule (`SCHEMA_VALIDATION_FAILED`): exactly one of `Seconds`, `SecondsPath`, `Timestamp` and
 * `TimestampPath`.
 * @internal
 */
export function checkWaitDuration(state: Record<string, unknown>, pointer: string, report: RuleReporter): void {
  const present = WAIT_FIELDS.filter((f) => state[f] !== undefined);
  if (present.length === 1) return;
  report.error(
    'SCHEMA_VALIDATION_FAILED',
    pointer,
    present.length === 0
      ? 'A Wait state requires exactly one of these fields: [Seconds, SecondsPath, Timestamp, TimestampPath]'
      : `A Wait state must have exactly one of [Seconds, SecondsPath, Timestamp, TimestampPath] but has ${present.join(', ')}`,
    { fields: present },
  );
}
