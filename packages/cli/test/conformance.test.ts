// A handful of the recorded AWS conformance cases (../shared/conformance) run through `step-cli exec` in-process,
// with exactly the flags the conformance runner's adapter uses. The full suite is the interpreter's to run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStep } from './helpers/runStep.js';

const CASES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/cases');

/** One per area: Fail, Choice, Wait (virtual clock), Parallel, Map, a mocked Lambda Task, JSONata, Retry. */
const CASES = [
  'v2.base.test_base.test_state_fail.json',
  'v2.choice_operators.test_boolean_equals.test_boolean_equals_2.json',
  'v2.base.test_wait.test_base_wait_seconds_path[0].json',
  'v2.scenarios.test_base_scenarios.test_parallel_state_order.json',
  'v2.scenarios.test_base_scenarios.test_map_state_nested.json',
  'v2.local_mocking.test_base_scenarios.test_lambda_invoke.json',
  'v2.query_language.test_base_query_language.test_base_query_language_field[JSONATA].json',
  'v2.scenarios.test_base_scenarios.test_parallel_state_retry.json',
];

interface ConformanceCase {
  id: string;
  definition: unknown;
  input?: unknown;
  mockConfig?: unknown;
  expected: {
    status: string;
    output?: unknown;
    error?: string;
    cause?: string;
    stateSequence?: string[];
    stateSequenceOrdered?: boolean;
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-conformance-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('step-cli exec on recorded AWS conformance cases', () => {
  it.each(CASES)('matches AWS on %s', async (file) => {
    // Prepare: the same files the conformance runner writes
    const c = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as ConformanceCase;
    const caseDir = mkdtempSync(path.join(dir, 'case-'));
    const emptyMocks = { StateMachines: { Conformance: { TestCases: { Recorded: {} } } }, MockedResponses: {} };
    writeFileSync(path.join(caseDir, 'definition.json'), JSON.stringify(c.definition));
    writeFileSync(path.join(caseDir, 'input.json'), JSON.stringify(c.input ?? {}));
    writeFileSync(path.join(caseDir, 'mock-config.json'), JSON.stringify(c.mockConfig ?? emptyMocks));

    // Act
    const { stdout, stderr } = await runStep(
      [
        'exec',
        'definition.json',
        '--input-file',
        'input.json',
        '--mock-config',
        'mock-config.json',
        '--test-case',
        'Recorded',
        '--state-machine-name',
        'Conformance',
        '--virtual-clock',
        '--json',
      ],
      caseDir,
    );

    // Assess
    expect(stderr).toBe('');
    const actual = JSON.parse(stdout) as {
      status: string;
      output?: unknown;
      error?: string;
      cause?: string;
      path: string[];
    };
    const { expected } = c;
    expect(actual.status).toBe(expected.status);
    if (expected.status === 'SUCCEEDED') expect(actual.output).toEqual(expected.output);
    if ('error' in expected) expect(actual.error).toBe(expected.error);
    if ('cause' in expected) expect(actual.cause).toBe(expected.cause);
    if (expected.stateSequence) {
      const sequence = expected.stateSequenceOrdered === false ? [...actual.path].sort() : actual.path;
      expect(sequence).toEqual(
        expected.stateSequenceOrdered === false ? [...expected.stateSequence].sort() : expected.stateSequence,
      );
    }
  });
});
