import type { RuleReporter } from '../scopeFacts.js';

/**
 * Mutual exclusion rule (`SCHEMA_VALIDATION_FAILED`, at the object that holds both): fields that cannot be
 * given together, such as a literal and its `*Path` twin (`TimeoutSeconds`/`TimeoutSecondsPath`,
 * `Error`/`ErrorPath`, `MaxConcurrency`/`MaxConcurrencyPath`...) or a field and its legacy alias
 * (`ItemProcessor`/`Iterator`, `ItemSelector`/`Parameters`).
 *
 * @remarks
 * `keep` names the field to keep when one of the two is deprecated; otherwise the message says to keep one.
 * @internal
 */
export function checkExclusiveFields(
  obj: Record<string, unknown>,
  pointer: string,
  a: string,
  b: string,
  report: RuleReporter,
  keep?: string,
): void {
  if (obj[a] === undefined || obj[b] === undefined) return;
  report.error(
    'SCHEMA_VALIDATION_FAILED',
    pointer,
    `The fields '${a}' and '${b}' are mutually exclusive; ${keep === undefined ? 'keep one of them' : `keep '${keep}'`}`,
    {
      fields: [a, b],
    },
  );
}
