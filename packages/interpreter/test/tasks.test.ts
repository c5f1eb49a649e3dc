import { expandTaskFn } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { compileMachine, runExecution, TaskTokenError, VirtualClock } from '@step/interpreter';
import type { HistoryEvent, TaskContext } from '@step/interpreter';

const task = (state: Record<string, unknown>, name = 'T') => ({
  StartAt: name,
  States: { [name]: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true, ...state } },
});

class PaymentDeclined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclined';
  }
}

describe('Task handlers', () => {
  it('calls a handler registered by state name with the effective Parameters', async () => {
    // Prepare
    const seen: JsonValue[] = [];
    // Act
    const result = await runExecution(task({ Parameters: { 'id.$': '$.id' } }), {
      input: { id: 7 },
      handlers: { T: (input) => (seen.push(input), { ok: true }) },
    });
    // Assess
    expect(seen).toEqual([{ id: 7 }]);
    expect(result.output).toEqual({ ok: true });
  });

  it('gives a TaskFn handler the envelope Input', async () => {
    // Prepare
    const definition = expandTaskFn({
      StartAt: 'Hello',
      States: { Hello: { Type: 'TaskFn', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn', End: true } },
    });
    // Act
    const result = await runExecution(definition, {
      input: { who: 'x' },
      handlers: { Hello: (input) => ({ got: input }) },
    });
    // Assess
    expect(result.output).toEqual({ got: { who: 'x' } });
  });

  it('expands TaskFn states itself when given the raw definition', async () => {
    // Act
    const result = await runExecution(
      {
        StartAt: 'Hello',
        States: { Hello: { Type: 'TaskFn', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn', End: true } },
      },
      { input: { who: 'y' }, handlers: { Hello: (input) => ({ got: input }) } },
    );
    // Assess
    expect(result.output).toEqual({ got: { who: 'y' } });
    expect(result.history()[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({
      input: '{"Task":"Hello","Input":{"who":"y"}}',
    });
  });

  it('calls a handler registered by resource', async () => {
    // Act
    const result = await runExecution(task({}), { resources: { 'arn:aws:states:::sqs:sendMessage': () => 'sent' } });
    // Assess
    expect(result.output).toBe('sent');
  });

  it('wraps a lambda:invoke result as Lambda does and passes the Payload', async () => {
    // Prepare
    const definition = task({
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:f', 'Payload.$': '$' },
    });
    // Act
    const result = await runExecution(definition, {
      input: { n: 1 },
      resources: { 'arn:aws:lambda:us-east-1:123456789012:function:f': (input) => ({ echo: input }) },
    });
    // Assess
    expect(result.output).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { echo: { n: 1 } }, StatusCode: 200 });
  });

  it('falls back to the invoke function', async () => {
    // Act
    const result = await runExecution(task({}), { invoke: (resource) => Promise.resolve({ resource }) });
    // Assess
    expect(result.output).toEqual({ resource: 'arn:aws:states:::sqs:sendMessage' });
  });

  it("fails the task with the thrown error's name and message", async () => {
    // Act
    const result = await runExecution(task({}), {
      handlers: {
        T: () => {
          throw new PaymentDeclined('card expired');
        },
      },
    });
    // Assess
    expect([result.status, result.error, result.cause]).toEqual(['FAILED', 'PaymentDeclined', 'card expired']);
  });

  it('fails a task without handler with a message naming the state and how to register one', async () => {
    // Act
    const result = await runExecution(task({}));
    // Assess
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toContain("Task state 'T'");
    expect(result.cause).toContain('handlers:');
  });

  it('fails with States.DataLimitExceeded when a result is over 256 KiB', async () => {
    // Act
    const result = await runExecution(task({}), { handlers: { T: () => ({ big: 'x'.repeat(300_000) }) } });
    // Assess
    expect(result.error).toBe('States.DataLimitExceeded');
  });
});

describe('Retry and Catch', () => {
  it('retries with exponential back-off on the virtual clock and counts attempts', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const attempts: number[] = [];
    // Act
    const result = await runExecution(
      task({ Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }] }),
      {
        clock,
        handlers: {
          T: (_input, ctx: TaskContext) => {
            attempts.push(ctx.attempt);
            if (ctx.attempt < 3) throw Object.assign(new Error('try again'), { name: 'Flaky' });
            return 'done';
          },
        },
      },
    );
    // Assess
    expect(result.output).toBe('done');
    expect(attempts).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBe((2 + 6 + 18) * 1000);
  });

  it('caps the delay with MaxDelaySeconds and applies FULL jitter from the injected random', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act
    await runExecution(
      task({
        Retry: [
          {
            ErrorEquals: ['States.ALL'],
            IntervalSeconds: 10,
            MaxAttempts: 2,
            MaxDelaySeconds: 15,
            JitterStrategy: 'FULL',
          },
        ],
      }),
      { clock, random: () => 0.5, handlers: { T: () => Promise.reject(new Error('no')) } },
    );
    // Assess
    expect(clock.now()).toBe(5_000 + 7_500);
  });

  it('uses the first matching retrier and falls through to Catch when attempts run out', async () => {
    // Prepare
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Retry: [
            { ErrorEquals: ['Other'], MaxAttempts: 5 },
            { ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    let calls = 0;
    // Act
    const result = await runExecution(definition, {
      input: { a: 1 },
      clock: new VirtualClock(0),
      handlers: {
        T: () => {
          calls++;
          throw new PaymentDeclined('nope');
        },
      },
    });
    // Assess
    expect(calls).toBe(2);
    expect(result.path).toEqual(['T', 'Handled']);
    expect(result.output).toEqual({ a: 1, err: { Error: 'PaymentDeclined', Cause: 'nope' } });
  });

  it('never retries or catches States.Runtime', async () => {
    // Prepare
    let calls = 0;
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          OutputPath: '$.missing',
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }],
          End: true,
        },
        X: { Type: 'Succeed' },
      },
    };
    // Act
    const result = await runExecution(definition, { handlers: { T: () => (calls++, {}) }, clock: new VirtualClock(0) });
    // Assess
    expect([result.status, result.error, calls]).toEqual(['FAILED', 'States.Runtime', 1]);
  });
});

describe('timeouts, stop and task tokens', () => {
  it('times a task out with States.Timeout after TimeoutSeconds', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act
    const result = await runExecution(task({ TimeoutSeconds: 5 }), {
      clock,
      // A slow task waits on the clock (a handler awaiting real work would keep virtual time still).
      handlers: { T: (_input, ctx) => clock.sleep(60_000, ctx.signal) },
    });
    // Assess
    expect([result.status, result.error]).toEqual(['FAILED', 'States.Timeout']);
    expect(clock.now()).toBe(5_000);
    expect(result.history().some((e) => e.type === 'TaskTimedOut')).toBe(true);
  });

  it('times the execution out with status TIMED_OUT', async () => {
    // Act
    const result = await runExecution(
      { TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
      { clock: new VirtualClock(0) },
    );
    // Assess
    expect(result.status).toBe('TIMED_OUT');
    expect(result.error).toBe('States.Timeout');
    expect(result.cause).toBeUndefined();
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(10_000);
    // error States.Timeout, no cause, chained to the last event (the WaitStateEntered) as every closing event is.
    const events = result.history();
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionTimedOut',
      previousEventId: events.at(-2)!.id,
      executionTimedOutEventDetails: { error: 'States.Timeout' },
    });
    expect(result.history().at(-1)?.executionTimedOutEventDetails).not.toHaveProperty('cause');
  });

  it('aborts a running execution on stop', async () => {
    // Prepare
    const execution = compileMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }).start({
      clock: new VirtualClock(0),
    });
    // Act
    execution.stop('Cancelled', 'by test');
    const result = await execution.result;
    // Assess
    expect([result.status, result.error, result.cause]).toEqual(['ABORTED', 'Cancelled', 'by test']);
  });

  it('completes a .waitForTaskToken task with sendTaskSuccess', async () => {
    // Prepare
    const definition = task({
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { 'token.$': '$$.Task.Token' },
    });
    const execution = compileMachine(definition).start({
      clock: new VirtualClock(0),
      uuid: () => 'tok-1',
      handlers: { T: () => ({ MessageId: 'm' }) },
    });
    execution.onEvent((e: HistoryEvent) => {
      if (e.type === 'TaskSubmitted') execution.sendTaskSuccess('tok-1', { approved: true });
    });
    // Act
    const result = await execution.result;
    // Assess
    expect(result.output).toEqual({ approved: true });
    expect(() => execution.sendTaskSuccess('tok-1', {})).toThrow(TaskTokenError);
  });

  it('accepts sendTaskSuccess from inside the handler', async () => {
    // Prepare
    const definition = task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' });
    const machine = compileMachine(definition);
    const execution = machine.start({
      clock: new VirtualClock(0),
      handlers: {
        T: (_i, ctx) => {
          execution.sendTaskSuccess(ctx.taskToken ?? '', 'early');
          return {};
        },
      },
    });
    // Act
    const result = await execution.result;
    // Assess
    expect(result.output).toBe('early');
  });

  it('fails a .waitForTaskToken task with sendTaskFailure', async () => {
    // Prepare
    const definition = task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' });
    let token = '';
    const execution = compileMachine(definition).start({
      clock: new VirtualClock(0),
      handlers: {
        T: (_i, ctx) => {
          token = ctx.taskToken ?? '';
          return {};
        },
      },
    });
    execution.onEvent((e) => {
      if (e.type === 'TaskSubmitted') execution.sendTaskFailure(token, 'Rejected', 'no');
    });
    // Act
    const result = await execution.result;
    // Assess
    expect([result.error, result.cause]).toEqual(['Rejected', 'no']);
  });

  it('keeps a .waitForTaskToken task alive while heartbeats arrive', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const definition = task({
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      HeartbeatSeconds: 3,
      TimeoutSeconds: 100,
    });
    const execution = compileMachine(definition).start({ clock, uuid: () => 'tok-hb', handlers: { T: () => ({}) } });
    execution.onEvent((e) => {
      if (e.type !== 'TaskSubmitted') return;
      void clock.sleep(2_000).then(() => execution.sendTaskHeartbeat('tok-hb'));
      void clock.sleep(4_000).then(() => execution.sendTaskSuccess('tok-hb', 'done'));
    });
    // Act
    const result = await execution.result;
    // Assess
    expect([result.status, result.output]).toEqual(['SUCCEEDED', 'done']);
    expect(clock.now()).toBe(4_000);
  });

  it('fails with States.HeartbeatTimeout when no heartbeat arrives', async () => {
    // Act
    const result = await runExecution(
      task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 3, TimeoutSeconds: 100 }),
      { clock: new VirtualClock(0), handlers: { T: () => ({}) } },
    );
    // Assess
    expect(result.error).toBe('States.HeartbeatTimeout');
  });

  it.each([
    ['a header that is not a list', { Headers: { h: 'v' } }, 'Headers'],
    ['a query parameter list with a number', { QueryParameters: { q: [1] } }, 'QueryParameters'],
  ])('fails apigateway:invoke with States.Runtime for %s, before calling anything', async (_what, fields, field) => {
    // Prepare
    let called = false;
    const definition = task({
      Resource: 'arn:aws:states:::apigateway:invoke',
      Parameters: { ApiEndpoint: 'example.com', Method: 'GET', ...fields },
    });
    // Act
    const result = await runExecution(definition, {
      invoke: () => ((called = true), Promise.resolve({})),
      clock: new VirtualClock(0),
    });
    // Assess
    expect(called).toBe(false);
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(
      new RegExp(`could not be used to start the Task: \\[The value of the field '${field}' has an invalid format\\]$`),
    );
  });

  it('accepts apigateway:invoke headers and query parameters given as lists of strings', async () => {
    // Prepare
    const definition = task({
      Resource: 'arn:aws:states:::apigateway:invoke',
      Parameters: {
        ApiEndpoint: 'example.com',
        Method: 'GET',
        Headers: { h: ['v'] },
        QueryParameters: { q: ['1', '2'] },
      },
    });
    // Act
    const result = await runExecution(definition, {
      invoke: () => Promise.resolve({ StatusCode: 200 }),
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.output).toEqual({ StatusCode: 200 });
  });
});
