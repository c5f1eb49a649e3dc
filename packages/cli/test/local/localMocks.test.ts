import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { LocalServer } from '@step/local';
import { resolveMockConfigPath, runLocal } from '../../src/run/runLocal.js';
import { runStep } from '../helpers/runStep.js';
import { tempDir } from '../../../local/test/helpers.js';

const ROLE = 'arn:aws:iam::000000000000:role/step/hello/dev/role';
const SLOW = 30_000;

const DEFINITION = JSON.stringify({
  StartAt: 'Nap',
  States: {
    Nap: { Type: 'Wait', Seconds: 600, Next: 'Charge' },
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'x' }, End: true },
  },
});

const MOCKS = {
  StateMachines: { Checkout: { TestCases: { HappyPath: { Charge: 'Ok', Chrage: 'Ok' } } } },
  MockedResponses: { Ok: { '0': { Return: { StatusCode: 200, Payload: { charged: true } } } } },
};

describe('step-cli local --mock-config and --time', () => {
  it(
    'runs a Step Functions Local test case under --time skip and warns on stderr about a mocked state the machine lacks',
    async () => {
      // Prepare
      const temp = tempDir();
      const file = path.join(temp.dir, 'MockConfigFile.json');
      writeFileSync(file, JSON.stringify(MOCKS));
      const out: string[] = [];
      const err: string[] = [];
      const stop = new AbortController();
      let outcome: { status?: string; output?: string; waited?: number } = {};

      // Act
      await runLocal(
        { port: 0, dataDir: undefined, mockConfig: file, time: 'skip' },
        { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
        stop.signal,
        (server: LocalServer) => {
          const sfn = new SFNClient({
            endpoint: server.url,
            region: 'us-east-1',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            maxAttempts: 1,
          });
          void (async () => {
            const { stateMachineArn } = await sfn.send(
              new CreateStateMachineCommand({ name: 'Checkout', definition: DEFINITION, roleArn: ROLE }),
            );
            const { executionArn } = await sfn.send(
              new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#HappyPath` }),
            );
            await server.waitForExecution(executionArn!);
            const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
            const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
            const at = (t: string): number => events.find((e) => e.type === t)!.timestamp!.getTime();
            outcome = { status: d.status, output: d.output, waited: at('WaitStateExited') - at('WaitStateEntered') };
          })().finally(() => {
            sfn.destroy();
            stop.abort();
          });
        },
      );
      temp.remove();

      // Assess
      expect(outcome).toEqual({
        status: 'SUCCEEDED',
        output: JSON.stringify({ StatusCode: 200, Payload: { charged: true } }),
        waited: 600_000,
      });
      expect(out.join('')).toContain(`Mocks: ${file}`);
      expect(out.join('')).toContain('Time: skip');
      expect(err.join('')).toContain(
        'step-cli local: warning: StartExecution Checkout#HappyPath: mock config /StateMachines/Checkout/TestCases/HappyPath/Chrage: ',
      );
    },
    SLOW,
  );

  it('takes the file from SFN_MOCK_CONFIG unless --mock-config is given', () => {
    // Act
    const fromEnv = resolveMockConfigPath(undefined, { SFN_MOCK_CONFIG: 'mocks/env.json' }, '/repo');
    const fromFlag = resolveMockConfigPath('flag.json', { SFN_MOCK_CONFIG: 'mocks/env.json' }, '/repo');
    const none = resolveMockConfigPath(undefined, { SFN_MOCK_CONFIG: '' }, '/repo');
    // Assess
    expect(fromEnv).toBe(path.resolve('/repo', 'mocks/env.json'));
    expect(fromFlag).toBe(path.resolve('/repo', 'flag.json'));
    expect(none).toBeUndefined();
  });

  it(
    'exits 2 naming the JSON pointer when the mock config is invalid',
    async () => {
      // Prepare
      const temp = tempDir();
      writeFileSync(
        path.join(temp.dir, 'bad.json'),
        JSON.stringify({ StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } }, MockedResponses: {} }),
      );

      // Act
      const run = await runStep(['local', '--port', '0', '--memory', '--mock-config', 'bad.json'], temp.dir);
      temp.remove();

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is invalid at /StateMachines/M/TestCases/T/S: ');
      expect(run.stderr).toContain('add it there');
    },
    SLOW,
  );

  it('exits 2 for an unknown --time mode', async () => {
    // Act
    const run = await runStep(['local', '--port', '0', '--memory', '--time', 'fast']);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--time fast: use real, skip or scale=<number above 0>');
  });
});
