import type { Diagnostic } from '@step/asl';
import type { CliIo } from './io.js';
import type { ExecOutcome, ExecutionSummary } from './run/execMachine.js';
import type { WaitNotice } from './run/watchWaits.js';
import type { ValidationReport } from './run/validateFiles.js';

/**
 * How a result is printed.
 */
export interface PrintOptions {
  /** Print JSON for tools instead of text for people. */
  json: boolean;
  io: CliIo;
}

/** Paths longer than this are shortened in readable output (first and last states kept). */
const MAX_PATH_SHOWN = 30;

/**
 * One diagnostic as `file#/json/pointer: message (CODE)`; warnings read `file#/pointer: warning: message (CODE)`.
 *
 * @remarks
 * The pointer is the diagnostic's RFC 6901 path (`file#` alone is the root); the validator's exact reason (`params.reason`,
 * e.g. an intrinsic's arity) follows the message in parentheses and its suggestion as `; did you mean "X"?`, and `[line L, column C]` precedes the code when known and the message does not already say it.
 */
export function formatFileDiagnostic(file: string, d: Diagnostic): string {
  const at =
    d.line === undefined || d.message.includes(`line ${d.line}`)
      ? ''
      : ` [line ${d.line}${d.column === undefined ? '' : `, column ${d.column}`}]`;
  const suggestion = d.params?.suggestion;
  const reason = d.params?.reason;
  const why = typeof reason === 'string' && !d.message.includes(reason) ? ` (${reason})` : '';
  const hint =
    typeof suggestion === 'string' && !d.message.includes('did you mean') ? `; did you mean "${suggestion}"?` : '';
  return `${file}#${d.path}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}${why}${hint}${at} (${d.code})`;
}

/**
 * Print the report of `step-cli validate` and return the exit code (0 all valid, 1 otherwise).
 *
 * @remarks
 * Text: one line per diagnostic on stdout, `file: valid` for clean files, a summary on stderr when several
 * files are checked. JSON: `{"valid", "files": [{"file", "valid", "diagnostics"}]}` on stdout.
 */
export function printValidation(report: ValidationReport, { json, io }: PrintOptions): number {
  if (json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const { file, valid, diagnostics } of report.files) {
      for (const { diagnostic, caused } of groupUnreachable(diagnostics)) {
        io.stdout.write(`${formatFileDiagnostic(file, diagnostic)}\n`);
        if (caused.length > 0) {
          io.stdout.write(
            `  because of it, ${caused.length === 1 ? 'this state is' : `these ${caused.length} states are`} not reachable:\n`,
          );
          for (const d of caused) io.stdout.write(`    ${formatFileDiagnostic(file, d)}\n`);
        }
      }
      if (valid) {
        const warnings = diagnostics.length;
        io.stdout.write(`${file}: valid${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}\n`);
      }
    }
    const invalid = report.files.filter((f) => !f.valid).length;
    if (report.files.length > 1) {
      io.stderr.write(
        invalid
          ? `${invalid} of ${report.files.length} files are invalid\n`
          : `all ${report.files.length} files are valid\n`,
      );
    }
  }
  return report.valid ? 0 : 1;
}

/**
 * The diagnostics of one file in print order, with the "State X is not reachable" cascade of a misspelt target grouped
 * under the missing target that caused it.
 *
 * @remarks
 * A missing target whose suggestion names an unreachable state (`"Next": "Chrage"` beside an unreachable `"Charge"`) is
 * taken as the cause of that state's unreachability; when it is the only such target, of every unreachable state (the
 * states after "Charge" are unreachable through it). Other diagnostics keep their order.
 */
export function groupUnreachable(
  diagnostics: readonly Diagnostic[],
): { diagnostic: Diagnostic; caused: Diagnostic[] }[] {
  const unreachableName = (d: Diagnostic): string | undefined =>
    d.code === 'MISSING_TRANSITION_TARGET' && typeof d.params?.name === 'string' && d.params.target === undefined
      ? d.params.name
      : undefined;
  const unreachable = diagnostics.filter((d) => unreachableName(d) !== undefined);
  const causes = diagnostics.filter(
    (d) =>
      d.code === 'MISSING_TRANSITION_TARGET' &&
      typeof d.params?.suggestion === 'string' &&
      unreachable.some((u) => unreachableName(u) === d.params?.suggestion),
  );
  const grouped = new Map<Diagnostic, Diagnostic[]>();
  for (const cause of causes) {
    grouped.set(
      cause,
      causes.length === 1 ? unreachable : unreachable.filter((u) => unreachableName(u) === cause.params?.suggestion),
    );
  }
  const placed = new Set([...grouped.values()].flat());
  return diagnostics
    .filter((d) => !placed.has(d))
    .map((diagnostic) => ({ diagnostic, caused: grouped.get(diagnostic) ?? [] }));
}

/**
 * The one-line JSON object `step-cli exec --json` prints: `{"status","output"?,"error"?,"cause"?,"path"}`.
 */
export function formatExecutionJson(execution: ExecutionSummary): string {
  const { status, output, error, cause, path } = execution;
  return JSON.stringify({ status, output, error, cause, path });
}

/**
 * Print the outcome of `step-cli exec` and return the exit code.
 *
 * @remarks
 * 0 for SUCCEEDED; 1 for FAILED, TIMED_OUT or ABORTED; 2 for an invalid definition (its diagnostics go to
 * stderr, and with `--json` stdout gets `{"diagnostics": [...]}`).
 */
export function printExecution(outcome: ExecOutcome, { json, io }: PrintOptions): number {
  if (outcome.kind === 'invalid') {
    io.stderr.write(`The definition "${outcome.file}" is invalid:\n`);
    for (const d of outcome.diagnostics) io.stderr.write(`  ${formatFileDiagnostic(outcome.file, d)}\n`);
    if (json) io.stdout.write(`${JSON.stringify({ diagnostics: outcome.diagnostics })}\n`);
    return 2;
  }
  const { execution } = outcome;
  if (json) io.stdout.write(`${formatExecutionJson(execution)}\n`);
  else io.stdout.write(formatExecutionText(execution));
  return execution.status === 'SUCCEEDED' ? 0 : 1;
}

/**
 * The readable report of an execution: status, path, then the output or the error, cause and failing state.
 */
export function formatExecutionText(execution: ExecutionSummary): string {
  const lines: string[] = [];
  const { status, path } = execution;
  lines.push(
    status === 'SUCCEEDED'
      ? `Execution SUCCEEDED (${plural(path.length, 'state')} entered)`
      : `Execution ${status}${execution.failedState === undefined ? '' : ` in state "${execution.failedState}"`}`,
  );
  lines.push(`Path: ${formatPath(path)}`);
  if (status === 'SUCCEEDED') {
    lines.push('Output:', indent(JSON.stringify(execution.output ?? null, null, 2)));
  } else {
    if (execution.error !== undefined) lines.push(`Error: ${execution.error}`);
    if (execution.cause !== undefined) lines.push(`Cause: ${execution.cause}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatPath(path: readonly string[]): string {
  if (path.length === 0) return '(no state entered)';
  if (path.length <= MAX_PATH_SHOWN) return path.join(' → ');
  const head = path.slice(0, 20);
  const tail = path.slice(-5);
  return `${head.join(' → ')} → … ${plural(path.length - 25, 'more state')} … → ${tail.join(' → ')}`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Waits longer than this get the `--virtual-clock` hint. */
const LONG_WAIT_MS = 5_000;

/** `650 ms`, `45s`, `10m`, `1h 30m`, `2d 3h`. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/**
 * The stderr line `step-cli exec` prints when an execution on the real clock starts waiting; a wait longer than
 * 5 s suggests `--virtual-clock`.
 */
export function formatWaitNotice(notice: WaitNotice): string {
  const what =
    notice.kind === 'Wait' ? `Waiting in state "${notice.stateName}"` : `Waiting to retry state "${notice.stateName}"`;
  const hint = notice.ms > LONG_WAIT_MS ? '; --virtual-clock skips waits.' : '.';
  return `${what} for ${formatDuration(notice.ms)} (until ${notice.until.toISOString()})${hint}`;
}
