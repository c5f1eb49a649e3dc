import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMockConfig } from '@step/interpreter';
import type { MockConfigFile } from '@step/interpreter';
import { AwsServiceError } from '../AwsServiceError.js';
import { LocalServerError } from '../errors.js';

/**
 * Reads and validates the MockConfigFile given to the server: an object, or the path of a JSON file read once, at
 * start. A bad file is a {@link LocalServerError} naming the file and the JSON pointer of the bad field.
 * @internal
 */
export function loadMockConfig(source: MockConfigFile | string): MockConfigFile {
  const where = typeof source === 'string' ? `The mock config file "${source}"` : 'The mockConfig option';
  let input: unknown = source;
  if (typeof source === 'string') {
    try {
      input = readFileSync(path.resolve(source), 'utf8');
    } catch (e) {
      throw new LocalServerError(
        `${where} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): check the path given to --mock-config or SFN_MOCK_CONFIG.`,
        { cause: e },
      );
    }
  }
  try {
    return parseMockConfig(input);
  } catch (e) {
    const field = (e as { field?: unknown }).field;
    const at = typeof field === 'string' ? ` at ${field === '' ? '/' : field}` : '';
    throw new LocalServerError(`${where} is invalid${at}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The mock options of one StartExecution whose ARN named a test case (`stateMachineArn#TestCase`, as in AWS Step
 * Functions Local): the file, the test case and the state machine name its `StateMachines` are keyed by.
 * Throws `ValidationException` when no file was given, or when it lacks the state machine or the test case.
 * @internal
 */
export function mockOptionsFor(
  file: MockConfigFile | undefined,
  stateMachineName: string,
  testCase: string,
): { mockConfig: MockConfigFile; testCase: string; stateMachineName: string } {
  if (file === undefined) {
    throw new AwsServiceError(
      'ValidationException',
      `The state machine ARN names the test case '${testCase}', but step-cli local has no mock config: start it with --mock-config <file> (or SFN_MOCK_CONFIG).`,
    );
  }
  const machine = file.StateMachines[stateMachineName];
  if (machine === undefined) {
    throw new AwsServiceError(
      'ValidationException',
      `The mock config has no state machine '${stateMachineName}' (it has ${list(Object.keys(file.StateMachines))}): add "StateMachines": { "${stateMachineName}": { "TestCases": ... } }.`,
    );
  }
  if (machine.TestCases[testCase] === undefined) {
    throw new AwsServiceError(
      'ValidationException',
      `The mock config has no test case '${testCase}' for state machine '${stateMachineName}' (it has ${list(Object.keys(machine.TestCases))}).`,
    );
  }
  return { mockConfig: file, testCase, stateMachineName };
}

function list(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `'${n}'`).join(', ');
}
