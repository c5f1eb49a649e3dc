import type { RuleReporter } from '../scopeFacts.js';

/** The longest state name AWS accepts. @internal */
export const MAX_STATE_NAME_LENGTH = 80;

/**
 * State name rules: `DUPLICATE_STATE_NAME` when the name is already used anywhere in the machine (Parallel
 * branches and Map processors included), `INVALID_STATE_NAME` when it is empty or longer than 80 characters.
 *
 * @remarks
 * `seen` maps each name met so far to its pointer; the first use is recorded, later ones are reported.
 * @internal
 */
export function checkStateName(name: string, pointer: string, seen: Map<string, string>, report: RuleReporter): void {
  const first = seen.get(name);
  if (first !== undefined) {
    report.error('DUPLICATE_STATE_NAME', pointer, `Duplicate State name: ${name}`, { name, first });
  } else {
    seen.set(name, pointer);
  }
  if (name.length > MAX_STATE_NAME_LENGTH || name.length === 0) {
    report.error(
      'INVALID_STATE_NAME',
      pointer,
      `State name '${name.length > 90 ? name.slice(0, 90) + '...' : name}' is invalid: a state name must be 1 to ${MAX_STATE_NAME_LENGTH} characters long`,
      { name, length: name.length },
    );
  }
}
