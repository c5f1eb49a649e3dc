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

/** Levenshtein distance, case-insensitive (state names are short). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** The state name a typo most likely meant: the nearest within a third of its length (at least 1 edit). */
function closestName(name: string, names: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const n of names) {
    const d = distance(name, n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best;
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
    const near = closestName(state, names);
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
