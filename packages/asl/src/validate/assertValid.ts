import { AslValidationError } from '../errors.js';
import type { Definition } from '../types.js';
import { validate } from './validate.js';
import type { ValidateOptions } from './validateOptions.js';

/**
 * Validates a definition and returns it (with `TaskFn` expanded), or throws {@link AslValidationError}.
 *
 * @remarks
 * Throws only when there is at least one error; warnings are available through {@link validate}.
 *
 * @example
 * ```ts
 * const definition = assertValid(fs.readFileSync('machine.asl.json', 'utf8'));
 * ```
 */
export function assertValid(input: unknown, options?: ValidateOptions): Definition {
  const result = validate(input, options);
  if (!result.ok) throw new AslValidationError(result.diagnostics);
  return result.definition;
}
