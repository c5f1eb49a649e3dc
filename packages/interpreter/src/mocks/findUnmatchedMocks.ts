import type { Diagnostic } from '@step/asl';
import type { MockConfigFile } from './MockConfigFile.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function enc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every state name of a definition, those inside Parallel branches and Map processors included. */
function collectStateNames(machine: unknown, into: Set<string>): Set<string> {
  if (!isRecord(machine) || !isRecord(machine.States)) return into;
  for (const [name, state] of Object.entries(machine.States)) {
    into.add(name);
    if (!isRecord(state)) continue;
    if (Array.isArray(state.Branches)) for (const b of state.Branches) collectStateNames(b, into);
    collectStateNames(state.ItemProcessor, into);
    collectStateNames(state.Iterator, into);
  }
  return into;
}

/**
 * The states a MockConfigFile test case mocks that the definition does not have (a typo, a renamed state): AWS
 * Step Functions Local ignores them and runs the real task, which is rarely what the test meant.
 *
 * @remarks
 * One `warning` diagnostic (`MOCKED_STATE_NOT_FOUND`) per such state; `path` is the JSON pointer of the entry in
 * the mock config (`/StateMachines/<name>/TestCases/<case>/<state>`). States inside Parallel branches and Map
 * processors count as the machine's. A test case the file does not have gives no diagnostic (that is an error
 * of its own, see `selectTestCase`).
 *
 * @example
 * ```ts
 * const warnings = findUnmatchedMocks(definition, parseMockConfig(text), 'Checkout', 'HappyPath');
 * for (const w of warnings) console.error(`${w.path}: ${w.message}`);
 * ```
 * @internal
 */
export function findUnmatchedMocks(
  definition: unknown,
  file: MockConfigFile,
  stateMachineName: string,
  testCase: string,
): Diagnostic[] {
  const mocked = file.StateMachines[stateMachineName]?.TestCases[testCase];
  if (mocked === undefined) return [];
  const names = collectStateNames(definition, new Set());
  const out: Diagnostic[] = [];
  for (const state of Object.keys(mocked)) {
    if (names.has(state)) continue;
    const near = [...names].find((n) => n.toLowerCase() === state.toLowerCase());
    out.push({
      code: 'MOCKED_STATE_NOT_FOUND',
      severity: 'warning',
      path: `/StateMachines/${enc(stateMachineName)}/TestCases/${enc(testCase)}/${enc(state)}`,
      message:
        `Test case "${testCase}" of state machine "${stateMachineName}" mocks state "${state}", which the definition does not have, ` +
        `so the mock is never used${near === undefined ? '' : ` (did you mean "${near}"?)`}; rename the entry to a state of the definition or remove it.`,
      params: { stateMachineName, testCase, state },
    });
  }
  return out;
}
