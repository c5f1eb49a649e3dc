import type { Diagnostic } from './diagnostic.js';

/**
 * Renders a diagnostic as one line: `<path>: <message> (<CODE>)`.
 *
 * @remarks
 * The root is shown as `/`; a warning is prefixed with `warning `. Line and column are appended when known,
 * and `params.suggestion` as `; did you mean "X"?`.
 *
 * @example
 * ```ts
 * formatDiagnostic({ code: 'MISSING_TRANSITION_TARGET', severity: 'error', path: '/States/A/Next', message: "Missing 'Next' target: B" });
 * // "/States/A/Next: Missing 'Next' target: B (MISSING_TRANSITION_TARGET)"
 * ```
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === '' ? '/' : d.path;
  const at = d.line !== undefined ? ` [line ${d.line}, column ${d.column ?? 0}]` : '';
  const prefix = d.severity === 'warning' ? 'warning ' : '';
  const suggestion = d.params?.suggestion;
  const hint = typeof suggestion === 'string' ? `; did you mean "${suggestion}"?` : '';
  return `${prefix}${where}: ${d.message}${at} (${d.code})${hint}`;
}
