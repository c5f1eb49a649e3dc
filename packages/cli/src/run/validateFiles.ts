import type { Diagnostic } from '@step/asl';
import { validate } from '@step/asl';
import { ExitError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { TemplateOptions } from '@step/asl/template';
import { STDIN, definitionInputOf, loadDefinitionSource, locateSourceDiagnostics } from './loadDefinitionSource.js';

/**
 * The outcome of validating one file.
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
 */
export interface ValidationReport {
  /** true when every file is valid. */
  valid: boolean;
  files: FileValidation[];
}

/**
 * Options of {@link validateFiles}.
 */
export interface ValidateFilesOptions {
  /** Directory relative file names are resolved against. */
  cwd: string;
  /** How unknown fields are treated (see `ValidateOptions.strict` of `@step/asl`). */
  strict?: boolean | 'warn';
  /** Read for the file name `-`. */
  stdin?: CliIo['stdin'];
  /** Which state machine of a template or cdk.out, and its parameters (`--machine`, `--parameter`). */
  template?: TemplateOptions;
}

/**
 * Validate each file (ASL JSON, CloudFormation/SAM template, cdk.out or machine module) and collect every diagnostic.
 *
 * @remarks
 * Invalid definitions are data (`valid: false`); only unreadable files throw (`ExitError`, exit 2).
 */
export async function validateFiles(
  files: readonly string[],
  options: ValidateFilesOptions,
): Promise<ValidationReport> {
  if (files.filter((f) => f === STDIN).length > 1) throw new ExitError('Name standard input ("-") once.', 2);
  const results: FileValidation[] = [];
  for (const file of files) {
    const source = await loadDefinitionSource(file, options.cwd, options.stdin, options.template);
    const result = validate(definitionInputOf(source), { strict: options.strict ?? true });
    const located = locateSourceDiagnostics(source, result.diagnostics);
    results.push({ file: located.file, valid: result.ok, diagnostics: located.diagnostics });
  }
  return { valid: results.every((r) => r.valid), files: results };
}
