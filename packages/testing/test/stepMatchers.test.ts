import '@step/testing/jest';
import { runExecution, VirtualClock } from '@step/interpreter';
import { toHaveVisited } from '@step/testing';
import { chargeFailingWith, orderDefinition } from './fixtures.js';

const run = (input: unknown, ...errors: string[]) =>
  runExecution(orderDefinition, {
    input,
    clock: new VirtualClock(),
    resources: { charge: chargeFailingWith(...errors) },
  });

describe('step matchers', () => {
  it('pass on what the execution did, and negate', async () => {
    // Prepare
    const succeeded = await run({ express: true, bulk: false, items: [] }, 'Throttled');
    const declined = await run({ express: true, bulk: false, items: [] }, 'PaymentDeclined');

    // Act and Assess
    expect(succeeded).toHaveSucceededWith();
    expect(succeeded).toHaveSucceededWith(expect.objectContaining({ StatusCode: 200 }));
    expect(succeeded).toHaveVisited('Fan', 'Pack', 'Label');
    expect(succeeded).not.toHaveVisited('Each');
    expect(succeeded).toHaveVisitedInOrder(['Validate', 'Pack', 'Charge']);
    expect(succeeded).not.toHaveVisitedInOrder(['Charge', 'Validate']);
    expect(succeeded).toHaveAttempted('Charge', 2);
    expect(declined).toHaveFailedWith('Declined');
    expect(declined).not.toHaveSucceededWith();
  });

  it.each([
    {
      name: 'toHaveSucceededWith',
      act: (r: unknown) => expect(r).toHaveSucceededWith({ wrong: true }),
      message: /to have SUCCEEDED with output \{"wrong": true\}; it FAILED with error "Declined"/,
    },
    {
      name: 'toHaveFailedWith',
      act: (r: unknown) => expect(r).toHaveFailedWith('Declined', 'because'),
      message: /FAILED with error "Declined" and cause "because"/,
    },
    {
      name: 'toHaveVisited',
      act: (r: unknown) => expect(r).toHaveVisited('Each'),
      message:
        /to have visited \["Each"\]; it visited \["Validate", "Route", "Fan", "Pack", "Label", "Charge", "Declined"\]/,
    },
    {
      name: 'toHaveVisitedInOrder',
      act: (r: unknown) => expect(r).toHaveVisitedInOrder(['Charge', 'Fan']),
      message: /"Fan" was not entered after \["Charge"\]/,
    },
    {
      name: 'toHaveAttempted',
      act: (r: unknown) => expect(r).toHaveAttempted('Charge', 3),
      message: /state "Charge" to have made 3 attempts; it made 1 \(per visit: \[1\]\)/,
    },
  ])('$name explains a failure with what the execution did', async ({ act, message }) => {
    // Prepare
    const declined = await run({ express: true, bulk: false, items: [] }, 'PaymentDeclined');

    // Act and Assess
    expect(() => act(declined)).toThrow(message);
  });

  it('tells the user to await the run when given a promise', () => {
    // Prepare
    const pending = run({ express: true, bulk: false, items: [] });

    // Act and Assess
    expect(() => expect(pending).toHaveSucceededWith()).toThrow(/expects an execution result .* Await the run first/);
    return pending;
  });

  it('are plain functions of a matcher context, for other frameworks', async () => {
    // Prepare
    const result = await run({ express: true, bulk: false, items: [] });
    const ctx = {
      equals: (a: unknown, b: unknown) => a === b,
      utils: { printReceived: String, printExpected: String },
    };

    // Act
    const r = toHaveVisited.call(ctx, result, 'Nope');

    // Assess
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('expected the execution to have visited Nope');
  });
});
