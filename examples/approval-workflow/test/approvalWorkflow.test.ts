import { getAttempts, getEvents, getTaskInputs } from '@step/testing';
import { SCENARIOS, bigOrder, smallOrder } from './scenarios.js';

const run = (name: string) => {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no scenario "${name}"`);
  return scenario.run();
};

describe('approval workflow', () => {
  it('ships and charges a small order without approval', async () => {
    // Act
    const result = await run('a small order ships and is charged');

    // Assess
    expect(result).toHaveSucceededWith({ chargeId: 'ch_1' });
    expect(result).toHaveVisitedInOrder(['Check', 'Route', 'Ship', 'Invoice', 'Charge']);
    expect(result).not.toHaveVisited('Approve');
    expect(getTaskInputs(result, 'Price')).toEqual(smallOrder.lines);
  });

  it('waits for the approval of a big order and resumes with the token answer', async () => {
    // Act
    const result = await run('a big order waits for its approval');

    // Assess
    expect(result).toHaveSucceededWith();
    expect(result).toHaveVisitedInOrder([
      'Route',
      'Approve',
      'Ship',
      'Pack',
      'Notify',
      'Invoice',
      'Price',
      'Price',
      'Charge',
    ]);
    const [submitted] = getEvents(result, 'TaskSubmitted');
    expect(submitted?.taskSubmittedEventDetails.resource).toBe('sendMessage.waitForTaskToken');
    expect(getTaskInputs(result, 'Charge')).toEqual([
      expect.objectContaining({ id: bigOrder.id, approval: { approved: true } }),
    ]);
  });

  it('retries a throttled charge once', async () => {
    // Act
    const result = await run('a throttled charge is retried');

    // Assess
    expect(result).toHaveSucceededWith({ chargeId: 'ch_1' });
    expect(result).toHaveAttempted('Charge', 2);
    expect(getAttempts(result, 'Charge')).toEqual([2]);
  });

  it('catches a declined card and ends in Declined', async () => {
    // Act
    const result = await run('a declined card ends in Declined');

    // Assess
    expect(result).toHaveFailedWith('Declined', 'The card was declined');
    // A TaskFn is a Lambda function resource: its failures are LambdaFunctionFailed events.
    expect(getEvents(result, 'LambdaFunctionFailed').map((e) => e.lambdaFunctionFailedEventDetails.error)).toEqual([
      'CardDeclined',
    ]);
  });
});
