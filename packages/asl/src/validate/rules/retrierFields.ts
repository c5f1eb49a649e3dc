import type { RuleReporter } from '../scopeFacts.js';

const MAX_INT = 99999999;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Retrier fields checked for type and range, in the order they are reported. */
const RETRIER_CHECKS: readonly { field: string; ok: (v: unknown) => boolean; expected: string }[] = [
  {
    field: 'IntervalSeconds',
    ok: (v) => isInt(v) && v >= 1 && v <= MAX_INT,
    expected: `an integer between 1 and ${MAX_INT}`,
  },
  {
    field: 'MaxAttempts',
    ok: (v) => isInt(v) && v >= 0 && v <= MAX_INT,
    expected: `an integer between 0 and ${MAX_INT}`,
  },
  {
    field: 'BackoffRate',
    ok: (v) => typeof v === 'number' && v >= 1,
    expected: 'a number greater than or equal to 1.0',
  },
  {
    field: 'MaxDelaySeconds',
    ok: (v) => isInt(v) && v >= 1 && v <= 31622400,
    expected: 'an integer between 1 and 31622400',
  },
  { field: 'JitterStrategy', ok: (v) => v === 'FULL' || v === 'NONE', expected: 'one of [FULL, NONE]' },
  { field: 'Comment', ok: (v) => typeof v === 'string', expected: 'a string' },
];

/**
 * Retrier value rule (`SCHEMA_VALIDATION_FAILED`): `IntervalSeconds` 1..99999999, `MaxAttempts` 0..99999999,
 * `BackoffRate` at least 1.0, `MaxDelaySeconds` 1..31622400, `JitterStrategy` FULL or NONE, `Comment` a string;
 * each reported at its own pointer.
 * @internal
 */
export function checkRetrierFields(retrier: Record<string, unknown>, pointer: string, report: RuleReporter): void {
  for (const { field, ok, expected } of RETRIER_CHECKS) {
    const v = retrier[field];
    if (v !== undefined && !ok(v)) {
      report.error('SCHEMA_VALIDATION_FAILED', `${pointer}/${field}`, `The field '${field}' must be ${expected}`, {
        field,
        expected,
      });
    }
  }
}
