import { runExecution, VirtualClock } from '@step/interpreter';
import { getVisits } from '@step/testing';
import { chargeFailingWith, orderDefinition } from './fixtures.js';

describe('getVisits', () => {
  it('rebuilds each visit with its parent, next state, attempts and errors', async () => {
    // Prepare
    const result = await runExecution(orderDefinition, {
      input: { express: true, bulk: false, items: [] },
      clock: new VirtualClock(),
      resources: { charge: chargeFailingWith('Throttled', 'PaymentDeclined') },
    });

    // Act
    const visits = getVisits(result.history());

    // Assess
    expect(visits.map((v) => v.name)).toEqual(result.path);
    const byName = Object.fromEntries(visits.map((v) => [v.name, v]));
    expect(byName.Pack?.parent?.name).toBe('Fan');
    expect(byName.Label?.parent?.name).toBe('Fan');
    expect(byName.Pack?.previous).toBeUndefined();
    expect(byName.Fan?.next?.name).toBe('Charge');
    expect(byName.Fan?.parent).toBeUndefined();
    expect(byName.Charge).toMatchObject({
      attempts: 2,
      errors: ['Throttled', 'PaymentDeclined'],
      failed: true,
      exited: true,
    });
    expect(byName.Charge?.next?.name).toBe('Declined');
    expect(byName.Declined).toMatchObject({
      type: 'Fail',
      exited: false,
      input: { Error: 'PaymentDeclined', Cause: expect.any(String) },
    });
  });

  it('gives each Map iteration its own thread, under the Map', async () => {
    // Prepare
    const result = await runExecution(orderDefinition, {
      input: { express: false, bulk: false, items: [1, 2, 3] },
      clock: new VirtualClock(),
      resources: { charge: chargeFailingWith() },
    });

    // Act
    const visits = getVisits(result.history());

    // Assess
    const items = visits.filter((v) => v.name === 'Item');
    expect(items.map((v) => v.input)).toEqual([1, 2, 3]);
    expect(items.every((v) => v.parent?.name === 'Each' && v.previous === undefined && v.next === undefined)).toBe(
      true,
    );
    expect(visits.find((v) => v.name === 'Each')?.next?.name).toBe('Charge');
  });

  it('attributes a failure deep in nested branches to each Parallel it escapes, up to the Catch that stops it', async () => {
    // Prepare
    const definition = {
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Inner',
              States: {
                Inner: {
                  Type: 'Parallel',
                  Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Deep' } } }],
                  End: true,
                },
              },
            },
          ],
          Retry: [{ ErrorEquals: ['Deep'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }],
          End: true,
        },
        Recovered: { Type: 'Succeed' },
      },
    };

    // Act
    const result = await runExecution(definition, { clock: new VirtualClock() });
    const visits = getVisits(result.history());

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const outer = visits.find((v) => v.name === 'Outer');
    expect(outer).toMatchObject({ attempts: 2, failed: true, exited: true });
    expect(outer?.next?.name).toBe('Recovered');
    expect(visits.filter((v) => v.name === 'Inner').every((v) => v.parent === outer && v.failed && !v.exited)).toBe(
      true,
    );
    expect(visits.filter((v) => v.name === 'Boom')).toHaveLength(2);
  });
});
