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
    const result = await runExecution(definition, {
      input: { a: 1 },
      handlers: { T: () => ({ b: 2 }) },
      clock: new VirtualClock(0),
    });
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
    expect(history[0]?.executionStartedEventDetails).toMatchObject({
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(history[1]?.stateEnteredEventDetails).toEqual({
      name: 'P',
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(history[6]?.lambdaFunctionSucceededEventDetails).toEqual({
      output: '{"b":2}',
      outputDetails: { truncated: false },
    });
    expect(history[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('records Activity events for an activity resource and gives the handler a task token', async () => {
    // Prepare
    const tokens: (string | undefined)[] = [];
    // Act
    const result = await runExecution(
      {
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve', End: true } },
      },
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
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Credentials: { 'RoleArn.$': '$.role' },
            End: true,
          },
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
    // AWS's TaskScheduledEventDetails has exactly these keys (no parametersDetails).
    expect(Object.keys(result.history()[2]?.taskScheduledEventDetails as object).sort()).toEqual([
      'parameters',
      'region',
      'resource',
      'resourceType',
      'taskCredentials',
    ]);
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

  it('fails the execution as AWS does when the history reaches 25,000 events', async () => {
    // Prepare: a Choice loop that never ends (AWS stops it at event 25,000).
    const definition = {
      StartAt: 'Loop',
      States: {
        Loop: { Type: 'Choice', Choices: [{ Variable: '$.spin', BooleanEquals: true, Next: 'Loop' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    // Act
    const result = await runExecution(definition, { input: { spin: true }, clock: new VirtualClock(0) });
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe('The execution reached the maximum number of history events (25000).');
    const history = result.history();
    expect(history).toHaveLength(25_000);
    expect(history.at(-1)).toMatchObject({
      id: 25_000,
      previousEventId: 24_999,
      type: 'ExecutionFailed',
      executionFailedEventDetails: {
        error: 'States.Runtime',
        cause: 'The execution reached the maximum number of history events (25000).',
      },
    });
    expect(history.at(-2)).toMatchObject({ id: 24_999, type: 'ChoiceStateExited' });
  });

  it('fails a Map whose iterations reach the limit and stops them', async () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } },
      },
    };
    // Act
    const result = await runExecution(definition, {
      input: Array.from({ length: 7000 }, (_, i) => i),
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.cause).toBe('The execution reached the maximum number of history events (25000).');
    expect(result.history()).toHaveLength(25_000);
    expect(result.history().at(-1)?.type).toBe('ExecutionFailed');
  });

  it('runs past 25,000 events with a higher maxHistoryEvents', async () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } },
      },
    };
    // Act
    const result = await runExecution(definition, {
      input: Array.from({ length: 7000 }, (_, i) => i),
      clock: new VirtualClock(0),
      maxHistoryEvents: 100_000,
    });
    // Assess: 3 + 7000 x 4 + 3 events
    expect(result.status).toBe('SUCCEEDED');
    expect(result.history()).toHaveLength(28_006);
    expect(result.history().at(-1)).toMatchObject({ id: 28_006, type: 'ExecutionSucceeded' });
  });

  it('applies a small maxHistoryEvents exactly', async () => {
    // Prepare: ExecutionStarted, PassStateEntered, PassStateExited, then the limit.
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } };
    // Act
    const result = await runExecution(definition, { clock: new VirtualClock(0), maxHistoryEvents: 4 });
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.cause).toBe('The execution reached the maximum number of history events (4).');
    expect(result.history().map((e) => `${e.id}:${e.type}`)).toEqual([
      '1:ExecutionStarted',
      '2:PassStateEntered',
      '3:PassStateExited',
      '4:ExecutionFailed',
    ]);
  });

  it.each([0, 1, 2.5, Number.NaN])('rejects maxHistoryEvents %p', (limit) => {
    // Act / Assess
    expect(() =>
      runExecution({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, { maxHistoryEvents: limit }),
    ).toThrow(/maxHistoryEvents must be an integer/);
  });
});
