import { describe, expect, it } from '@jest/globals';
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { VirtualClock } from '@step/interpreter';
import { createAwsSdkInvoker } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META, taskContext, thrown } from './helpers/taskContext.js';

const client = new SFNClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1';
const START = new Date('2026-01-02T03:04:05.000Z');
const STOP = new Date('2026-01-02T03:04:06.500Z');

function described(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    executionArn: EXECUTION,
    stateMachineArn: MACHINE,
    name: 'run-1',
    status,
    startDate: START,
    ...(status === 'RUNNING' ? {} : { stopDate: STOP }),
    input: '{"n":1}',
    inputDetails: { included: true },
    $metadata: META,
    ...extra,
  };
}

describe('createAwsSdkInvoker: states:startExecution', () => {
  it('starts the execution with an object Input as JSON text and returns ExecutionArn, StartDate and SDK metadata', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    const invoke = createAwsSdkInvoker({ clients: { sfn: client } });

    // Act
    const result = (await invoke(
      'arn:aws:states:::states:startExecution',
      { StateMachineArn: MACHINE, Input: { n: 1 }, Name: 'run-1' },
      taskContext('x'),
    )) as Record<string, unknown>;

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: MACHINE,
      input: '{"n":1}',
      name: 'run-1',
    });
    expect(result).toMatchObject({
      ExecutionArn: EXECUTION,
      StartDate: START.getTime(),
      SdkResponseMetadata: { RequestId: 'req-1' },
    });
  });

  it('sends {} when Input is absent', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    const invoke = createAwsSdkInvoker({ clients: { sfn: client } });

    // Act
    await invoke('arn:aws:states:::states:startExecution', { StateMachineArn: MACHINE }, taskContext('x'));

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input).toBe('{}');
  });

  it('.sync polls DescribeExecution on the given clock and returns it with Input and Output as JSON text', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce(described('RUNNING'))
      .resolvesOnce(described('RUNNING'))
      .resolves(described('SUCCEEDED', { output: '{"ok":true}', outputDetails: { included: true } }));
    const clock = new VirtualClock(0);
    const invoke = createAwsSdkInvoker({ clients: { sfn: client }, clock, pollIntervalMs: 5000 });

    // Act
    const result = await invoke(
      'arn:aws:states:::states:startExecution.sync',
      { StateMachineArn: MACHINE, Input: { n: 1 } },
      taskContext('x'),
    );

    // Assess
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(3);
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION });
    expect(clock.now()).toBe(10_000);
    expect(result).toEqual({
      ExecutionArn: EXECUTION,
      StateMachineArn: MACHINE,
      Name: 'run-1',
      Status: 'SUCCEEDED',
      StartDate: START.getTime(),
      StopDate: STOP.getTime(),
      Input: '{"n":1}',
      InputDetails: { Included: true },
      Output: '{"ok":true}',
      OutputDetails: { Included: true },
    });
  });

  it('.sync:2 returns Input and Output parsed', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    sfn.on(DescribeExecutionCommand).resolves(described('SUCCEEDED', { output: '{"ok":true}' }));
    const invoke = createAwsSdkInvoker({ clients: { sfn: client }, clock: new VirtualClock(0) });

    // Act
    const result = (await invoke(
      'arn:aws:states:::states:startExecution.sync:2',
      { StateMachineArn: MACHINE },
      taskContext('x'),
    )) as Record<string, unknown>;

    // Assess
    expect(result.Input).toEqual({ n: 1 });
    expect(result.Output).toEqual({ ok: true });
  });

  it('.sync fails with States.TaskFailed and the DescribeExecution JSON as cause when the child fails', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    sfn.on(DescribeExecutionCommand).resolves(described('FAILED', { error: 'SomeFailure', cause: 'it broke' }));
    const invoke = createAwsSdkInvoker({ clients: { sfn: client }, clock: new VirtualClock(0) });

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::states:startExecution.sync', { StateMachineArn: MACHINE }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('States.TaskFailed');
    expect(JSON.parse(e.message)).toMatchObject({
      Error: 'SomeFailure',
      Cause: 'it broke',
      Status: 'FAILED',
      ExecutionArn: EXECUTION,
      Input: '{"n":1}',
    });
  });

  it('.sync stops the child when the task is cancelled while it runs', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    sfn.on(DescribeExecutionCommand).resolves(described('RUNNING'));
    sfn.on(StopExecutionCommand).resolves({ stopDate: STOP, $metadata: META });
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const invoke = createAwsSdkInvoker({ clients: { sfn: client }, clock, pollIntervalMs: 1000 });
    const running = invoke(
      'arn:aws:states:::states:startExecution.sync',
      { StateMachineArn: MACHINE },
      taskContext('x', { signal: controller.signal }),
    );

    // Act
    while (sfn.commandCalls(DescribeExecutionCommand).length < 3) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('task timed out'));
    const e = await thrown(() => running);

    // Assess
    expect(e.message).toBe('task timed out');
    expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION });
  });

  it('.waitForTaskToken starts the child and returns the StartExecution result for the interpreter to wait on', async () => {
    // Prepare
    const sfn = mockClient(client);
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: START, $metadata: META });
    const invoke = createAwsSdkInvoker({ clients: { sfn: client } });
    const resource = 'arn:aws:states:::states:startExecution.waitForTaskToken';

    // Act
    const result = (await invoke(
      resource,
      { StateMachineArn: MACHINE, Input: { TaskToken: 'tok' } },
      taskContext(resource, { taskToken: 'tok' }),
    )) as Record<string, unknown>;

    // Assess
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
    expect(result.ExecutionArn).toBe(EXECUTION);
  });

  it('names a missing state machine StepFunctions.StateMachineDoesNotExistException', async () => {
    // Prepare
    mockClient(client)
      .on(StartExecutionCommand)
      .rejects(
        new StateMachineDoesNotExist({
          message: `State Machine Does Not Exist: '${MACHINE}'`,
          $metadata: { httpStatusCode: 400, requestId: 'r' },
        }),
      );
    const invoke = createAwsSdkInvoker({ clients: { sfn: client } });

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::states:startExecution.sync', { StateMachineArn: MACHINE }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('StepFunctions.StateMachineDoesNotExistException');
    expect(e.message).toBe(
      `State Machine Does Not Exist: '${MACHINE}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: r; Proxy: null)`,
    );
  });
});
