import type { Diagnostic } from '@step/asl';
import { validate } from '@step/asl';
import { ExitError } from '../errors.js';
import type { CliIo } from '../io.js';
import { STDIN, loadDefinitionSource } from './loadDefinitionSource.js';

/**
 * The outcome of validating one file.
 *
 * @example
 * ```ts
 * const clean: FileValidation = { file: 'flow.asl.json', valid: true, diagnostics: [] };
 * ```
 */
export interface FileValidation {
  /** The file as named on the command line. */
  file: string;
  /** true when the file has no error diagnostics (warnings allowed). */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/**
 * The outcome of `step-cli validate`.
 *
 * @example
 * ```ts
 * const report: ValidationReport = await validateFiles(['a.asl.json', 'b.asl.json'], { cwd: process.cwd() });
 * const invalid = report.files.filter((f) => !f.valid).map((f) => f.file);
 * ```
 */
export interface ValidationReport {
  /** true when every file is valid. */
  valid: boolean;
  files: FileValidation[];
}

/**
 * Options of {@link validateFiles}.
 *
 * @example
 * ```ts
 * await validateFiles(['flow.asl.json'], { cwd: process.cwd(), strict: 'warn' } satisfies ValidateFilesOptions);
 * ```
 */
export interface ValidateFilesOptions {
  /** Directory relative file names are resolved against. */
  cwd: string;
  /** How unknown fields are treated (see `ValidateOptions.strict` of `@step/asl`). */
  strict?: boolean | 'warn';
  /** Read for the file name `-`. */
  stdin?: CliIo['stdin'];
}

/**
 * Validate each file (ASL JSON or machine module) and collect every diagnostic.
 *
 * @remarks
 * Invalid definitions are data (`valid: false`); only unreadable files throw (`ExitError`, exit 2).
 *
 * @example
 * ```ts
 * const report = await validateFiles(['flow.asl.json'], { cwd: process.cwd() });
 * if (!report.valid) console.log(report.files[0]?.diagnostics);
 * ```
 */
export async function validateFiles(files: readonly string[], options: ValidateFilesOptions): Promise<ValidationReport> {
  if (files.filter((f) => f === STDIN).length > 1) throw new ExitError('Name standard input ("-") once.', 2);
  const results: FileValidation[] = [];
  for (const file of files) {
    const source = await loadDefinitionSource(file, options.cwd, options.stdin);
    const input = source.kind === 'json' ? source.text : source.definition;
    const result = validate(input, { strict: options.strict ?? true });
    results.push({ file, valid: result.ok, diagnostics: result.diagnostics });
  }
  return { valid: results.every((r) => r.valid), files: results };
}
