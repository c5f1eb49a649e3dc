import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { JsonValue } from '@step/asl';
import { compareCase } from '../../interpreter/test/conformance/compareCase.js';
import type { ConformanceCase } from '../../interpreter/test/conformance/compareCase.js';
import { createLocalServer } from '../src/index.js';
import type { MockConfigFile } from '@step/interpreter';
import { clientConfig } from './helpers.js';

// The recorded AWS cases whose Task states are mocked in AWS Step Functions Local's MockConfigFile format: each
// runs on the stand-in with its file unchanged (state machine "Conformance", test case "Recorded").
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const casesDir = path.resolve(repoRoot, '../shared/conformance/cases');

const cases: ConformanceCase[] = (fs.existsSync(casesDir) ? fs.readdirSync(casesDir) : [])
  .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(casesDir, f), 'utf8')) as ConformanceCase)
  .filter((c) => c.mockConfig !== undefined && !(c.needs ?? []).includes('s3'));

/** The states entered, in order, from a history (what the interpreter's `path` holds). */
function pathOf(events: { type?: string; stateEnteredEventDetails?: { name?: string } }[]): string[] {
  return events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails!.name!);
}

describe('MockConfigFiles of the recorded AWS cases, unchanged, on step-cli local', () => {
  it('finds the shared cases with mocks', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    // Prepare
    const server = await createLocalServer({ port: 0, mockConfig: c.mockConfig as MockConfigFile, time: 'skip' });
    const sfn = new SFNClient(clientConfig(server));
    try {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: 'Conformance',
          definition: JSON.stringify(c.definition),
          roleArn: 'arn:aws:iam::000000000000:role/snf_role_arn',
        }),
      );
      // Act
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: `${stateMachineArn}#Recorded`,
          input: JSON.stringify(c.input ?? {}),
        }),
      );
      await server.waitForExecution(executionArn!);
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
      // Assess
      const diff = compareCase(c, {
        status: d.status!,
        ...(d.output === undefined ? {} : { output: JSON.parse(d.output) as JsonValue }),
        ...(d.error === undefined ? {} : { error: d.error }),
        ...(d.cause === undefined ? {} : { cause: d.cause }),
        path: pathOf(events),
      });
      expect(diff).toBeNull();
    } finally {
      sfn.destroy();
      await server.close();
    }
  });
});
