import { isStepError } from '@step/asl';
import { ExitError } from '../errors.js';

/**
 * Turns the misuse errors of `@step/lambda` (bad module, handlers that do not match, failed bundle) into an
 * `ExitError` with exit code 2; `AslValidationError` and anything else pass through unchanged.
 *
 * @internal
 */
export function toExitError(error: unknown): unknown {
  if (!isStepError(error) || error.name === 'AslValidationError' || error.name === 'ExitError') return error;
  return new ExitError(error.message, 2, { cause: error });
}
