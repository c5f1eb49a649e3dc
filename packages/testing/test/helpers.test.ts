import { runExecution, VirtualClock } from '@step/interpreter';
import { getAttempts, getEvents, getStatesVisited, getTaskInputs } from '@step/testing';
import { chargeFailingWith, orderDefinition } from './fixtures.js';

const run = (input: unknown, ...errors: string[]) =>
  runExecution(orderDefinition, {
    input,
    clock: new VirtualClock(),
    resources: { charge: chargeFailingWith(...errors) },
  });

describe('getStatesVisited', () => {
  it('lists the states entered, nested ones included, from a result or a history', async () => {
    // Prepare
    const result = await run({ express: true, bulk: false, items: [] });

    // Act
    const fromResult = getStatesVisited(result);
    const fromHistory = getStatesVisited(result.history());

    // Assess
    expect(fromResult).toEqual(['Validate', 'Route', 'Fan', 'Pack', 'Label', 'Charge']);
    expect(fromHistory).toEqual(fromResult);
  });
});

describe('getAttempts', () => {
  it('counts 1 + the retries per visit, and nothing for a state never entered', async () => {
    // Prepare
    const result = await run({ express: true, bulk: false, items: [] }, 'Throttled', 'Throttled');

    // Act and Assess
    expect(getAttempts(result, 'Charge')).toEqual([3]);
    expect(getAttempts(result, 'Validate')).toEqual([0]);
    expect(getAttempts(result, 'Each')).toEqual([]);
  });
});

describe('getTaskInputs', () => {
  it('gives the effective Parameters of every attempt', async () => {
    // Prepare
    const result = await run({ express: false, bulk: true, items: [] }, 'Throttled');

    // Act
    const inputs = getTaskInputs(result, 'Charge');

    // Assess
    const payload = [
      { express: false, bulk: true, items: [] },
      { express: false, bulk: true, items: [] },
    ];
    expect(inputs).toEqual([
      { FunctionName: 'charge', Payload: payload },
      { FunctionName: 'charge', Payload: payload },
    ]);
  });

  it('unwraps the TaskFn envelope to the Input the handler received', async () => {
    // Prepare
    const definition = {
      StartAt: 'Hello',
      States: { Hello: { Type: 'TaskFn', Resource: 'arn:aws:lambda:us-east-1:1:function:f', End: true } },
    };
    const result = await runExecution(definition, { input: { who: 'world' }, handlers: { Hello: () => 'hi' } });

    // Act and Assess
    expect(getTaskInputs(result, 'Hello')).toEqual([{ who: 'world' }]);
  });
});

describe('getEvents', () => {
  it('returns the events of one type with their details typed', async () => {
    // Prepare
    const result = await run({ express: true, bulk: false, items: [] }, 'PaymentDeclined');

    // Act
    const failures = getEvents(result, 'TaskFailed');

    // Assess
    expect(failures.map((e) => e.taskFailedEventDetails.error)).toEqual(['PaymentDeclined']);
    expect(getEvents(result, 'ExecutionFailed')[0]?.executionFailedEventDetails.error).toBe('Declined');
  });
});
