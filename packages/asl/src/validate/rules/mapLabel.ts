import type { RuleReporter } from '../scopeFacts.js';

// eslint-disable-next-line no-control-regex
const INVALID_LABEL = /[\s?*<>{}[\]:;,\\|^~$#%&`"\u0000-\u001f\u007f-\u009f]/;

/**
 * Map `Label` rules: `INVALID_LABEL_NAME` unless 1 to 40 characters without whitespace, control characters or
 * any of ``? * < > { } [ ] : ; , \ | ^ ~ $ # % & ` "``; `DUPLICATE_LABEL_NAME` when another Map already has it.
 *
 * @remarks
 * `seen` maps each label met so far to its pointer.
 * @internal
 */
export function checkMapLabel(label: unknown, pointer: string, seen: Map<string, string>, report: RuleReporter): void {
  if (typeof label !== 'string' || label.length === 0 || label.length > 40 || INVALID_LABEL.test(label)) {
    report.error(
      'INVALID_LABEL_NAME',
      pointer,
      'Label must be 1 to 40 characters without whitespace or any of ? * < > { } [ ] : ; , \\ | ^ ~ $ # % & ` "',
      {
        label,
      },
    );
    return;
  }
  if (seen.has(label)) report.error('DUPLICATE_LABEL_NAME', pointer, `Duplicate Label name: ${label}`, { label });
  seen.set(label, pointer);
}
