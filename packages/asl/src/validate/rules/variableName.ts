import type { RuleReporter } from '../scopeFacts.js';

const VARIABLE_NAME = /^[\p{ID_Start}_][\p{ID_Continue}\u200c\u200d]*$/u;
const MAX_VARIABLE_NAME_LENGTH = 80;

/**
 * Variable name rule (`SCHEMA_VALIDATION_FAILED`, at the `Assign` key): a Unicode identifier (first character
 * ID_Start or `_`, the rest ID_Continue) of at most 80 characters, not the reserved `states`; partial
 * assignments such as `x.y` or `x[2]` are invalid. Returns true when the name is valid.
 * @internal
 */
export function checkVariableName(name: string, pointer: string, report: RuleReporter): boolean {
  if (name === 'states') {
    report.error('SCHEMA_VALIDATION_FAILED', pointer, "The variable name 'states' is reserved; choose another name", {
      variable: name,
    });
    return false;
  }
  if (!VARIABLE_NAME.test(name) || name.length > MAX_VARIABLE_NAME_LENGTH) {
    report.error(
      'SCHEMA_VALIDATION_FAILED',
      pointer,
      `The variable name '${name}' is invalid: use a letter or '_' followed by letters, digits or '_' (at most ${MAX_VARIABLE_NAME_LENGTH} characters); partial assignments such as 'x.y' are not supported`,
      { variable: name },
    );
    return false;
  }
  return true;
}
