import type { Diagnostic } from '@step/asl';
import { compileMachine, MockConfigError, VirtualClock } from '@step/interpreter';

const definition = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Charge',
          States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
        },
      ],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$$.Execution.Input.items',
      ItemProcessor: {
        StartAt: 'Ship',
        States: { Ship: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
      },
      Next: 'Approve',
    },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

function mockConfig(states: Record<string, string>): unknown {
  return {
    StateMachines: { Checkout: { TestCases: { Case: states } } },
    MockedResponses: { Ok: { '0': { Return: { ok: true } } } },
  };
}

describe('mocked states the definition does not have', () => {
  it('warns with the JSON pointer of the mock entry and still runs the execution', async () => {
    // Prepare
    const seen: Diagnostic[] = [];
    const machine = compileMachine(definition);
    // Act
    const execution = machine.start({
      input: { items: [1] },
      mockConfig: mockConfig({ Charge: 'Ok', Ship: 'Ok', Approve: 'Ok', charge: 'Ok', 'Ap/prove': 'Ok' }),
      testCase: 'Case',
      clock: new VirtualClock(0),
      onWarning: (w) => seen.push(w),
    });
    const result = await execution.result;
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(execution.warnings.map((w) => w.path)).toEqual([
      '/StateMachines/Checkout/TestCases/Case/charge',
      '/StateMachines/Checkout/TestCases/Case/Ap~1prove',
    ]);
    expect(seen).toEqual(execution.warnings);
    expect(seen[0]).toMatchObject({ code: 'MOCKED_STATE_NOT_FOUND', severity: 'warning' });
    expect(seen[0]!.message).toContain('did you mean "Charge"?');
  });

  it('finds states inside Parallel branches and Map processors, so nothing is reported for them', () => {
    // Act
    const execution = compileMachine(definition).start({
      mockConfig: mockConfig({ Charge: 'Ok', Ship: 'Ok', Approve: 'Ok' }),
      testCase: 'Case',
      onWarning: () => {
        throw new Error('no warning expected');
      },
    });
    execution.stop();
    // Assess
    expect(execution.warnings).toEqual([]);
  });

  it('throws MockConfigError at start with strictMocks', () => {
    // Act
    const start = (): unknown =>
      compileMachine(definition).start({ mockConfig: mockConfig({ Nope: 'Ok' }), testCase: 'Case', strictMocks: true });
    // Assess
    expect(start).toThrow(MockConfigError);
    let thrown: unknown;
    try {
      start();
    } catch (e) {
      thrown = e;
    }
    expect((thrown as MockConfigError).field).toBe('/StateMachines/Checkout/TestCases/Case/Nope');
  });

  it('emits a process warning by default', async () => {
    // Prepare
    const emitted: unknown[] = [];
    const original = process.emitWarning;
    process.emitWarning = (w: string | Error) => void emitted.push(w);
    // Act
    const execution = compileMachine(definition).start({ mockConfig: mockConfig({ Nope: 'Ok' }), testCase: 'Case' });
    execution.stop();
    await execution.result.finally(() => {
      process.emitWarning = original;
    });
    // Assess
    expect(emitted).toEqual([expect.stringContaining('/StateMachines/Checkout/TestCases/Case/Nope: ')]);
  });
});

describe('a mocked .waitForTaskToken task', () => {
  it('returns the mocked result without waiting, and its $$.Task.Token is still generated', async () => {
    // Act
    const execution = compileMachine(definition).start({
      input: { items: [] },
      mockConfig: mockConfig({ Charge: 'Ok', Approve: 'Ok' }),
      testCase: 'Case',
      uuid: () => 'token-1',
    });
    const result = await execution.result;
    // Assess
    expect(result.output).toEqual({ ok: true });
    const scheduled = result.history().filter((e) => e.type === 'TaskScheduled');
    const approve = scheduled.at(-1) as { taskScheduledEventDetails: { parameters: string } };
    expect(JSON.parse(approve.taskScheduledEventDetails.parameters)).toEqual({
      QueueUrl: 'q',
      MessageBody: { token: 'token-1' },
    });
  });
});
