import { MockConfigError } from '../errors.js';
import type { MockConfigFile, MockedResponse } from './MockConfigFile.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const RANGE = /^(\d+)(?:-(\d+))?$/;

function enc(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Validates an AWS Step Functions Local MockConfigFile (an object or JSON text) and returns it typed.
 *
 * @remarks
 * Throws {@link MockConfigError} naming the bad field as a JSON pointer (`field`) and saying how to fix it.
 *
 * @example
 * ```ts
 * const mocks = parseMockConfig(fs.readFileSync('MockConfigFile.json', 'utf8'));
 * await runExecution(definition, { mockConfig: mocks, stateMachineName: 'Checkout', testCase: 'HappyPath' });
 * ```
 */
export function parseMockConfig(input: unknown): MockConfigFile {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new MockConfigError('', `The mock config is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  if (!isRecord(value)) {
    throw new MockConfigError('', 'The mock config must be a JSON object with "StateMachines" and "MockedResponses".');
  }
  const sms = value.StateMachines;
  if (!isRecord(sms)) {
    throw new MockConfigError(
      '/StateMachines',
      'The mock config needs an object "StateMachines": { "<name>": { "TestCases": { ... } } }.',
    );
  }
  const responses = value.MockedResponses ?? {};
  if (!isRecord(responses)) {
    throw new MockConfigError(
      '/MockedResponses',
      '"MockedResponses" must be an object of response name to { "0": { "Return": ... } }.',
    );
  }
  for (const [rname, resp] of Object.entries(responses)) {
    const at = `/MockedResponses/${enc(rname)}`;
    if (!isRecord(resp))
      throw new MockConfigError(
        at,
        `Mocked response "${rname}" must be an object keyed by call numbers such as "0" or "1-2".`,
      );
    for (const [k, r] of Object.entries(resp)) {
      const m = RANGE.exec(k);
      if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
        throw new MockConfigError(
          `${at}/${enc(k)}`,
          `Mocked response "${rname}" has key "${k}"; use a call number ("0") or an ascending range ("1-2").`,
        );
      }
      if (!isRecord(r) || 'Return' in r === 'Throw' in r) {
        throw new MockConfigError(
          `${at}/${enc(k)}`,
          `Mocked response "${rname}" call "${k}" must have exactly one of "Return" or "Throw".`,
        );
      }
      if ('Throw' in r) {
        const t = r.Throw;
        if (!isRecord(t) || typeof t.Error !== 'string') {
          throw new MockConfigError(
            `${at}/${enc(k)}/Throw`,
            `Mocked response "${rname}" call "${k}": "Throw" needs a string "Error" (and optionally "Cause").`,
          );
        }
      }
    }
  }
  for (const [smName, sm] of Object.entries(sms)) {
    const at = `/StateMachines/${enc(smName)}`;
    if (!isRecord(sm) || !isRecord(sm.TestCases)) {
      throw new MockConfigError(
        `${at}/TestCases`,
        `State machine "${smName}" needs "TestCases": { "<test case>": { "<state>": "<response>" } }.`,
      );
    }
    for (const [tc, states] of Object.entries(sm.TestCases)) {
      if (!isRecord(states))
        throw new MockConfigError(
          `${at}/TestCases/${enc(tc)}`,
          `Test case "${tc}" must map state names to response names.`,
        );
      for (const [state, rname] of Object.entries(states)) {
        if (typeof rname !== 'string' || !(rname in responses)) {
          throw new MockConfigError(
            `${at}/TestCases/${enc(tc)}/${enc(state)}`,
            `Test case "${tc}" maps state "${state}" to ${JSON.stringify(rname)}, which is not a key of "MockedResponses"; add it there.`,
          );
        }
      }
    }
  }
  return value as unknown as MockConfigFile;
}

/**
 * The responses of one mocked state, looked up by 0-based call number.
 * @internal
 */
export class MockedStateResponses {
  private readonly entries: { from: number; to: number; response: MockedResponse }[] = [];

  constructor(responses: Record<string, MockedResponse>) {
    for (const [k, response] of Object.entries(responses)) {
      const m = RANGE.exec(k)!;
      const from = Number(m[1]);
      this.entries.push({ from, to: m[2] === undefined ? from : Number(m[2]), response });
    }
    this.entries.sort((a, b) => a.from - b.from);
  }

  /** The response of call `n` (0-based); past the last key, the last response repeats. */
  get(n: number): MockedResponse | undefined {
    for (const e of this.entries) if (n >= e.from && n <= e.to) return e.response;
    return this.entries[this.entries.length - 1]?.response;
  }
}

/**
 * Picks the mocked states of one test case: state name → its responses.
 * @internal
 */
export function selectTestCase(
  file: MockConfigFile,
  stateMachineName: string,
  testCase: string,
): Map<string, MockedStateResponses> {
  const sm = file.StateMachines[stateMachineName];
  if (!sm) {
    throw new MockConfigError(
      `/StateMachines/${enc(stateMachineName)}`,
      `The mock config has no state machine "${stateMachineName}"; pass stateMachineName: one of ${JSON.stringify(Object.keys(file.StateMachines))}.`,
    );
  }
  const tc = sm.TestCases[testCase];
  if (!tc) {
    throw new MockConfigError(
      `/StateMachines/${enc(stateMachineName)}/TestCases/${enc(testCase)}`,
      `State machine "${stateMachineName}" has no test case "${testCase}"; pass testCase: one of ${JSON.stringify(Object.keys(sm.TestCases))}.`,
    );
  }
  const out = new Map<string, MockedStateResponses>();
  for (const [state, rname] of Object.entries(tc))
    out.set(state, new MockedStateResponses(file.MockedResponses[rname] ?? {}));
  return out;
}
