import { runExecution, VirtualClock } from '@step/interpreter';

describe('history', () => {
  it('numbers events like AWS and links each to the previous one', async () => {
    // Prepare
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Next: 'T' },
        T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true },
      },
    };
    // Act
    const result = await runExecution(definition, { input: { a: 1 }, handlers: { T: () => ({ b: 2 }) }, clock: new VirtualClock(0) });
    const history = result.history();
    // Assess
    expect(history.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'TaskStateEntered'],
      [5, 4, 'LambdaFunctionScheduled'],
      [6, 5, 'LambdaFunctionStarted'],
      [7, 6, 'LambdaFunctionSucceeded'],
      [8, 7, 'TaskStateExited'],
      [9, 8, 'ExecutionSucceeded'],
    ]);
    expect(history[0]?.executionStartedEventDetails).toMatchObject({ input: '{"a":1}', inputDetails: { truncated: false } });
    expect(history[1]?.stateEnteredEventDetails).toEqual({ name: 'P', input: '{"a":1}', inputDetails: { truncated: false } });
    expect(history[6]?.lambdaFunctionSucceededEventDetails).toEqual({ output: '{"b":2}', outputDetails: { truncated: false } });
    expect(history[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('records Activity events for an activity resource and gives the handler a task token', async () => {
    // Prepare
    const tokens: (string | undefined)[] = [];
    // Act
    const result = await runExecution(
      { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve', End: true } } },
      { handlers: { A: (_i, ctx) => (tokens.push(ctx.taskToken), 'ok') }, uuid: () => 'tok' },
    );
    // Assess
    expect(result.history().map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(tokens).toEqual(['tok']);
  });

  it('records the task credentials role in TaskScheduled', async () => {
    // Act
    const result = await runExecution(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Credentials: { 'RoleArn.$': '$.role' }, End: true },
        },
      },
      { input: { role: 'arn:aws:iam::123456789012:role/R' }, handlers: { T: () => 'ok' } },
    );
    // Assess
    expect(result.history()[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'sqs',
      resource: 'sendMessage',
      region: 'us-east-1',
      parameters: '{"role":"arn:aws:iam::123456789012:role/R"}',
      taskCredentials: { roleArn: 'arn:aws:iam::123456789012:role/R' },
    });
  });

  it('records Map iterations with their index and the Map length', async () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } },
      },
    };
    // Act
    const result = await runExecution(definition, { input: ['a', 'b'], clock: new VirtualClock(0) });
    const types = result.history().map((e) => e.type);
    // Assess
    expect(types).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapIterationStarted',
      'PassStateEntered',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    expect(result.history()[2]?.mapStateStartedEventDetails).toEqual({ length: 2 });
    expect(result.history()[3]?.mapIterationStartedEventDetails).toEqual({ name: 'M', index: 0 });
  });

  it('keeps only the first 25,000 events but keeps numbering past them', async () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } },
      },
    };
    // Act
    const result = await runExecution(definition, { input: Array.from({ length: 7000 }, (_, i) => i), clock: new VirtualClock(0) });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.history()).toHaveLength(25_000);
  });
});
