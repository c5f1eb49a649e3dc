import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { SFNServiceException } from '@aws-sdk/client-sfn';
import { createLocalServer, LocalServerError } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { ROLE, clientConfig, startServer, tempDir } from './helpers.js';

/** A state machine as the AWS Step Functions Local guide builds it: a Lambda call with Retry, then an SQS message. */
const DEFINITION = JSON.stringify({
  StartAt: 'LambdaState',
  States: {
    LambdaState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'HelloWorldFunction', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'SQSState',
    },
    SQSState: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/q', 'MessageBody.$': '$$.Task.Token' },
      End: true,
    },
  },
});

/** The MockConfigFile, in AWS Step Functions Local's format and semantics, unchanged. */
const MOCK_CONFIG = {
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
        RetryPath: { LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess' },
        TypoPath: { LambdaStat: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { '0': { Return: { StatusCode: 200, Payload: { body: 'Hello from Lambda!' } } } },
    MockedSQSSuccess: { '0': { Return: { MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' } } },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      '3': { Return: { StatusCode: 200, Payload: { body: 'Hello from Lambda!' } } },
    },
  },
};

const WAIT_AN_HOUR = JSON.stringify({
  StartAt: 'Nap',
  States: { Nap: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } },
});

let server: LocalServer;
let stop: () => Promise<void>;
let sfn: SFNClient;
let arn: string;
let waitArn: string;
const warnings: string[] = [];
const temp = tempDir();

beforeAll(async () => {
  const file = path.join(temp.dir, 'MockConfigFile.json');
  writeFileSync(file, JSON.stringify(MOCK_CONFIG));
  ({ server, stop } = await startServer({ mockConfig: file, warn: (m) => warnings.push(m) }));
  sfn = new SFNClient(clientConfig(server));
  const created = await sfn.send(
    new CreateStateMachineCommand({ name: 'LambdaSQSIntegration', definition: DEFINITION, roleArn: ROLE }),
  );
  arn = created.stateMachineArn!;
  const waiting = await sfn.send(
    new CreateStateMachineCommand({ name: 'WaitAnHour', definition: WAIT_AN_HOUR, roleArn: ROLE }),
  );
  waitArn = waiting.stateMachineArn!;
});

afterAll(async () => {
  sfn.destroy();
  await stop();
  temp.remove();
});

async function run(stateMachineArn: string): Promise<{ executionArn: string; status?: string; output?: string }> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
  await server.waitForExecution(executionArn!);
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return { executionArn: executionArn!, status: described.status, output: described.output };
}

async function historyOf(executionArn: string): Promise<{ type?: string; timestamp?: Date }[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

async function startError(stateMachineArn: string): Promise<SFNServiceException> {
  return sfn.send(new StartExecutionCommand({ stateMachineArn })).then(
    () => {
      throw new Error('StartExecution should have failed');
    },
    (e: SFNServiceException) => e,
  );
}

describe('MockConfigFile in the stand-in', () => {
  it('runs the test case named after # in the ARN: mocked results, no service called, no token awaited', async () => {
    // Act
    const { executionArn, status, output } = await run(`${arn}#HappyPath`);
    // Assess
    expect(status).toBe('SUCCEEDED');
    expect(JSON.parse(output!)).toEqual({ MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' });
    expect(executionArn).toMatch(/:execution:LambdaSQSIntegration:[0-9a-f-]{36}$/);
    const scheduled = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.filter(
      (e) => e.type === 'TaskScheduled',
    );
    const sqs = JSON.parse(scheduled.at(-1)!.taskScheduledEventDetails!.parameters!) as { MessageBody: string };
    expect(sqs.MessageBody).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('walks "0", "1-2", "3" across retries; ?time=skip takes the back-off on a simulated clock', async () => {
    // Act
    const { executionArn, status } = await run(`${arn}#RetryPath?time=skip`);
    // Assess
    expect(status).toBe('SUCCEEDED');
    const events = await historyOf(executionArn);
    const failed = events.filter((e) => e.type === 'TaskFailed');
    expect(failed).toHaveLength(3);
    const started = events.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp!.getTime());
    // IntervalSeconds 2, BackoffRate 2: 2 s, 4 s, 8 s between the four Lambda attempts.
    expect([started[1]! - started[0]!, started[2]! - started[1]!, started[3]! - started[2]!]).toEqual([
      2000, 4000, 8000,
    ]);
  });

  it('answers ValidationException for a test case or a state machine the file does not have', async () => {
    // Act
    const noCase = await startError(`${arn}#NoSuchCase`);
    const noMachine = await startError(`${waitArn}#HappyPath`);
    // Assess
    expect(noCase.name).toBe('ValidationException');
    expect(noCase.message).toBe(
      "The mock config has no test case 'NoSuchCase' for state machine 'LambdaSQSIntegration' (it has 'HappyPath', 'RetryPath', 'TypoPath').",
    );
    expect(noCase.$metadata.httpStatusCode).toBe(400);
    expect(noMachine.name).toBe('ValidationException');
    expect(noMachine.message).toContain("no state machine 'WaitAnHour'");
  });

  it('warns once when the test case mocks a state the machine does not have, and runs the rest', async () => {
    // Act
    const first = await run(`${arn}#TypoPath?time=skip`);
    await run(`${arn}#TypoPath?time=skip`);
    // Assess
    expect(first.status).toBe('FAILED');
    expect(warnings).toEqual([
      expect.stringContaining(
        'mock config /StateMachines/LambdaSQSIntegration/TestCases/TypoPath/LambdaStat: Test case "TypoPath"',
      ),
    ]);
    expect(warnings[0]).toContain('did you mean "LambdaState"?');
  });

  it('refuses an unknown ?time= mode with a message naming the choices', async () => {
    // Act
    const e = await startError(`${waitArn}?time=fast`);
    // Assess
    expect(e.name).toBe('ValidationException');
    expect(e.message).toContain('use ?time=skip, ?time=real or ?time=scale=<number above 0>');
  });

  it('finishes a one-hour Wait at once with ?time=skip; the history is one hour long', async () => {
    // Act
    const { executionArn, status } = await run(`${waitArn}?time=skip`);
    // Assess
    expect(status).toBe('SUCCEEDED');
    const events = await historyOf(executionArn);
    const entered = events.find((e) => e.type === 'WaitStateEntered')!.timestamp!.getTime();
    const exited = events.find((e) => e.type === 'WaitStateExited')!.timestamp!.getTime();
    expect(exited - entered).toBe(3_600_000);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.stopDate!.getTime() - described.startDate!.getTime()).toBe(3_600_000);
  });
});

describe('the time option of the server', () => {
  it.each([
    ['skip', 'skip' as const, (gap: number) => expect(gap).toBe(3_600_000)],
    [
      '{ scale: 1e-6 } (3.6 ms of real time)',
      { scale: 1e-6 },
      (gap: number) => {
        expect(gap).toBeGreaterThanOrEqual(3_600_000);
        expect(gap).toBeLessThan(3_600_000 + 5_000);
      },
    ],
  ])('%s runs a one-hour Wait without waiting an hour', async (_label, time, checkGap) => {
    // Prepare
    const started = await startServer({ time });
    const client = new SFNClient(clientConfig(started.server));
    try {
      const { stateMachineArn } = await client.send(
        new CreateStateMachineCommand({ name: 'WaitAnHour', definition: WAIT_AN_HOUR, roleArn: ROLE }),
      );
      // Act
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
      await started.server.waitForExecution(executionArn!);
      // Assess
      const events = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
      const at = (type: string): number => events.find((e) => e.type === type)!.timestamp!.getTime();
      checkGap(at('WaitStateExited') - at('WaitStateEntered'));
      expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
    } finally {
      client.destroy();
      await started.stop();
    }
  });

  it('refuses a bad time option at start', async () => {
    // Act
    const start = createLocalServer({ port: 0, time: { scale: 0 } });
    // Assess
    await expect(start).rejects.toThrow(LocalServerError);
    await expect(createLocalServer({ port: 0, time: { scale: -1 } })).rejects.toThrow(
      "use 'real', 'skip' or { scale: <number above 0> }",
    );
  });
});

describe('a bad mock config at start', () => {
  it('is a LocalServerError naming the file and the JSON pointer of the bad field', async () => {
    // Prepare
    const file = path.join(temp.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ StateMachines: {}, MockedResponses: { R: { first: { Return: 1 } } } }));
    // Act
    const start = createLocalServer({ port: 0, mockConfig: file });
    // Assess
    await expect(start).rejects.toThrow(LocalServerError);
    await expect(createLocalServer({ port: 0, mockConfig: file })).rejects.toThrow(
      `The mock config file "${file}" is invalid at /MockedResponses/R/first: `,
    );
  });

  it('says when the file cannot be read', async () => {
    // Act
    const start = createLocalServer({ port: 0, mockConfig: path.join(temp.dir, 'missing.json') });
    // Assess
    await expect(start).rejects.toThrow(/cannot be read \(ENOENT\): check the path given to --mock-config/);
  });

  it('refuses #TestCase when the server has no mock config', async () => {
    // Prepare
    const started = await startServer();
    const client = new SFNClient(clientConfig(started.server));
    try {
      const { stateMachineArn } = await client.send(
        new CreateStateMachineCommand({ name: 'WaitAnHour', definition: WAIT_AN_HOUR, roleArn: ROLE }),
      );
      // Act
      const e = await client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}#HappyPath` })).then(
        () => undefined,
        (err: SFNServiceException) => err,
      );
      // Assess
      expect(e?.name).toBe('ValidationException');
      expect(e?.message).toContain('has no mock config: start it with --mock-config <file> (or SFN_MOCK_CONFIG)');
    } finally {
      client.destroy();
      await started.stop();
    }
  });
});
