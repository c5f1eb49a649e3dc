import type { Diagnostic } from '../diagnostic.js';
import { expandTaskFnRecordingNames } from '../expandTaskFn.js';
import type { Definition } from '../types.js';
import { locateJsonError } from './locateJsonError.js';
import { MAX_JSON_DEPTH, findTooDeep } from './nestingLimits.js';
import type { ValidateOptions } from './validateOptions.js';
import { Validator } from './Validator.js';

/**
 * The result of {@link validate}: the definition (with `TaskFn` expanded) when there is no error.
 *
 * @example
 * ```ts
 * const r: ValidationResult = validate(text);
 * if (r.ok) run(r.definition); else r.diagnostics.forEach((d) => console.error(formatDiagnostic(d)));
 * ```
 */
export type ValidationResult =
  { ok: true; definition: Definition; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

const NOT_AN_OBJECT = 'Definition must be a valid JSON object';

/**
 * Validates a state machine definition (JSON text or an object) and returns every problem found.
 *
 * @remarks
 * Never throws on bad input. Expands `TaskFn` states first. Diagnostics follow AWS's
 * `ValidateStateMachineDefinition` codes (`SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`,
 * `MISSING_END_STATE`, `DUPLICATE_STATE_NAME`, `INVALID_STATE_NAME`, `INVALID_JSON_DESCRIPTION`, ...) and its
 * recorded messages where known; `path` is a JSON pointer to the offending field. Warnings (`NO_DOLLAR`,
 * `NO_PATH`, `PASS_RESULT_IS_STATIC`, `UNASSIGNED_VARIABLE`) do not make the result fail.
 *
 * @example
 * ```ts
 * const r = validate({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
 * r.ok; // false
 * r.diagnostics[0]; // { code: 'MISSING_TRANSITION_TARGET', path: '/States/A/Next', message: "Missing 'Next' target: B", ... }
 * ```
 * @see {@link assertValid}
 */
export function validate(input: unknown, options: ValidateOptions = {}): ValidationResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.trim() === '') {
      return fail({ code: 'SCHEMA_VALIDATION_FAILED', severity: 'error', path: '', message: NOT_AN_OBJECT });
    }
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      const { message, line, column } = locateJsonError(input);
      return fail({
        code: 'INVALID_JSON_DESCRIPTION',
        severity: 'error',
        path: '',
        message: `${message} at line ${line}, column ${column}`,
        line,
        column,
      });
    }
  }
  if (value === null || value === undefined) {
    return fail({
      code: 'MISSING_DESCRIPTION',
      severity: 'error',
      path: '',
      message: 'The definition is empty; provide a state machine definition',
    });
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail({ code: 'SCHEMA_VALIDATION_FAILED', severity: 'error', path: '', message: NOT_AN_OBJECT });
  }
  const stateNames = new Map<object, readonly string[]>();
  const validator = new Validator(options, stateNames);
  let expanded: Record<string, unknown> = value as Record<string, unknown>;
  try {
    const tooDeep = findTooDeep(value, MAX_JSON_DEPTH);
    if (tooDeep !== undefined) {
      // Checked first, so no recursive walk below can overflow the stack.
      validator.diagnostics.push({
        code: 'TOO_DEEPLY_NESTED',
        severity: 'error',
        path: tooDeep,
        message: `The definition nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep here; flatten it`,
        params: { limit: MAX_JSON_DEPTH },
      });
    } else {
      expanded = expandTaskFnRecordingNames(expanded, stateNames);
      validator.definition(expanded);
      validator.finish();
    }
  } catch (e) {
    // validate() never throws: a stack overflow (the depth limits above should prevent one) or a bug in a rule
    // becomes a diagnostic.
    validator.diagnostics.push(
      e instanceof RangeError
        ? {
            code: 'TOO_DEEPLY_NESTED',
            severity: 'error',
            path: '',
            message: 'The definition is nested too deeply to be validated; flatten it',
          }
        : {
            code: 'INTERNAL_ERROR',
            severity: 'error',
            path: '',
            message: `The validator failed unexpectedly (${e instanceof Error ? e.message : String(e)}); please report this as a bug`,
          },
    );
  }
  const diagnostics = validator.diagnostics;
  for (const d of diagnostics) {
    if (d.severity === 'error') return { ok: false, diagnostics };
  }
  return { ok: true, definition: expanded as unknown as Definition, diagnostics };
}

function fail(d: Diagnostic): ValidationResult {
  return { ok: false, diagnostics: [d] };
}
