import type { Diagnostic } from './diagnostic.js';
import { formatDiagnostic } from './formatDiagnostic.js';

const STEP_ERROR_BRAND: unique symbol = Symbol.for('@step/error') as never;

/**
 * Root of every error the `@step/*` packages throw on library misuse.
 *
 * @remarks
 * ASL failures (`States.*` and user errors) are data and never thrown; a `StepError` means misuse or a bug.
 * Detect one with {@link isStepError}, which survives duplicate installs through a `Symbol.for` brand.
 *
 * @example
 * ```ts
 * class MyError extends StepError {
 *   constructor(message: string, options?: ErrorOptions) {
 *     super(message, options);
 *     this.name = 'MyError';
 *   }
 * }
 * ```
 */
export class StepError extends Error {
  /** Brand that {@link isStepError} checks. */
  readonly [STEP_ERROR_BRAND] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StepError';
  }
}

/**
 * Tells whether a value is a {@link StepError} (from any copy of `@step/asl`).
 *
 * @example
 * ```ts
 * try { assertValid(text); } catch (e) { if (isStepError(e)) console.error(e.message); }
 * ```
 */
export function isStepError(e: unknown): e is StepError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[STEP_ERROR_BRAND] === true;
}

/**
 * Thrown by {@link assertValid} when a definition has at least one error diagnostic.
 *
 * @remarks
 * `diagnostics` holds every problem found (errors and warnings), in the order {@link validate} reports them.
 *
 * @example
 * ```ts
 * try {
 *   assertValid({ StartAt: 'Missing', States: {} });
 * } catch (e) {
 *   if (e instanceof AslValidationError) for (const d of e.diagnostics) console.error(formatDiagnostic(d));
 * }
 * ```
 */
export class AslValidationError extends StepError {
  /** Every diagnostic of the failed validation. */
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[], options?: ErrorOptions) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const shown = errors.slice(0, 5).map(formatDiagnostic).join('\n  ');
    const more = errors.length > 5 ? `\n  ... and ${errors.length - 5} more` : '';
    super(
      `Invalid state machine definition (${errors.length} error${errors.length === 1 ? '' : 's'}); fix these:\n  ${shown}${more}`,
      options,
    );
    this.name = 'AslValidationError';
    this.diagnostics = diagnostics;
  }
}

/**
 * Thrown by `fromTemplate` (`@step/asl/template`) when no state machine definition can be read out of a
 * CloudFormation/SAM template or CDK cloud assembly.
 *
 * @remarks
 * `file` is the template (or cdk.out folder) and `diagnostics` hold JSON pointers into it, with line and column when known.
 *
 * @example
 * ```ts
 * try {
 *   fromTemplate('template.yaml', { machine: 'OrderFlow' });
 * } catch (e) {
 *   if (e instanceof TemplateError) for (const d of e.diagnostics) console.error(`${e.file}#${formatDiagnostic(d)}`);
 * }
 * ```
 */
export class TemplateError extends StepError {
  /** The template file or cloud assembly folder the diagnostics point into. */
  readonly file: string;
  /** Every diagnostic (errors and warnings). */
  readonly diagnostics: Diagnostic[];

  constructor(file: string, diagnostics: Diagnostic[], options?: ErrorOptions) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `Cannot read a state machine out of "${file}"; fix these:\n  ${errors.map((d) => `${file}#${formatDiagnostic(d)}`).join('\n  ')}`,
      options,
    );
    this.name = 'TemplateError';
    this.file = file;
    this.diagnostics = diagnostics;
  }
}
