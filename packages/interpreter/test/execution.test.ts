import { compileMachine, InterpreterUsageError, runExecution, VirtualClock } from '@step/interpreter';
import type { TaskContext } from '@step/interpreter';

describe('compileMachine and Execution', () => {
  it('accepts the definition as JSON text and runs it many times independently', async () => {
    // Prepare
    const machine = compileMachine(
      JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'n.$': '$.n' }, End: true } } }),
    );
    // Act
    const [a, b] = await Promise.all([
      machine.start({ input: { n: 1 } }).result,
      machine.start({ input: { n: 2 } }).result,
    ]);
    // Assess
    expect([a.output, b.output]).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('starts each execution with fresh mock call counters', async () => {
    // Prepare
    const machine = compileMachine({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
    });
    const mockConfig = {
      StateMachines: { S: { TestCases: { C: { T: 'R' } } } },
      MockedResponses: { R: { '0': { Return: 'first' }, '1': { Return: 'second' } } },
    };
    const options = { mockConfig, stateMachineName: 'S', testCase: 'C' };
    // Act
    const a = await machine.start(options).result;
    const b = await machine.start(options).result;
    // Assess
    expect([a.output, b.output]).toEqual(['first', 'first']);
  });

  it('lets a listener added right after start see every event', async () => {
    // Prepare
    const execution = compileMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }).start();
    const types: string[] = [];
    // Act
    execution.onEvent((e) => types.push(e.type));
    await execution.result;
    // Assess
    expect(types).toEqual(['PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(execution.history()).toHaveLength(4);
  });

  it('throws InterpreterUsageError for an input that is not JSON', () => {
    // Prepare
    const machine = compileMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    // Act / Assess
    expect(() => machine.start({ input: { n: 1n } })).toThrow(InterpreterUsageError);
    expect(() => machine.start({ input: 'x'.repeat(300_000) })).toThrow(/at most 262144/);
  });

  it('gives handlers the context object with the execution identity and retry count', async () => {
    // Prepare
    const contexts: TaskContext[] = [];
    // Act
    await runExecution(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
            End: true,
          },
        },
      },
      {
        clock: new VirtualClock(Date.parse('2026-01-01T00:00:00Z')),
        name: 'exec-1',
        stateMachineName: 'Orders',
        region: 'eu-west-1',
        accountId: '111122223333',
        handlers: {
          T: (_input, ctx) => {
            contexts.push(ctx);
            if (ctx.attempt === 0) throw new Error('again');
            return {};
          },
        },
      },
    );
    // Assess
    expect(contexts[1]?.contextObject).toEqual({
      Execution: {
        Id: 'arn:aws:states:eu-west-1:111122223333:execution:Orders:exec-1',
        Input: {},
        StartTime: '2026-01-01T00:00:00.000Z',
        Name: 'exec-1',
        RoleArn: 'arn:aws:iam::111122223333:role/service-role/StepFunctions-Orders-role',
        RedriveCount: 0,
      },
      StateMachine: { Id: 'arn:aws:states:eu-west-1:111122223333:stateMachine:Orders', Name: 'Orders' },
      State: { Name: 'T', EnteredTime: '2026-01-01T00:00:00.000Z', RetryCount: 1 },
    });
  });

  it('runs JSONata states with Output, Assign and $states', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          Assign: { total: '{% $states.input.a + $states.input.b %}' },
          Output: { kept: '{% $states.input.a %}' },
          Next: 'B',
        },
        B: { Type: 'Pass', Output: '{% { "kept": $states.input.kept, "total": $total } %}', End: true },
      },
    };
    // Act
    const result = await runExecution(definition, { input: { a: 1, b: 2 } });
    // Assess
    expect(result.output).toEqual({ kept: 1, total: 3 });
  });

  it('keeps Parallel branch variables out of the outer scope', async () => {
    // Prepare
    const definition = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Assign: { inner: 1 }, End: true } } }],
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'x.$': '$inner' }, End: true },
      },
    };
    // Act
    const result = await runExecution(definition);
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
  });
});
