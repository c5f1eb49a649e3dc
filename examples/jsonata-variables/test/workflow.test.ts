import { assertValid } from '@step/asl';
import { runExecution, VirtualClock } from '@step/interpreter';
import { createHandlers } from '../src/handlers.js';
import { loadWorkflow } from '../src/workflow.js';

const definition = loadWorkflow();

function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: 'o-1',
    card: '4111111111111111',
    customer: { tier: 'gold' },
    lines: [
      { sku: 'BOOK-1', quantity: 2 },
      { sku: 'LAMP-7', quantity: 1 },
    ],
    ...overrides,
  };
}

describe('jsonata-variables workflow', () => {
  it('is a valid definition', () => {
    expect(() => assertValid(definition)).not.toThrow();
  });

  it('prices every line, applies the gold discount and charges the card', async () => {
    // Prepare
    const { handlers, charges } = createHandlers();

    // Act
    const result = await runExecution(definition, { input: order(), handlers, clock: new VirtualClock(0) });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      orderId: 'o-1',
      status: 'CONFIRMED',
      receiptId: 'rcpt-o-1',
      subtotal: 74.99,
      total: 67.49,
      currency: 'EUR',
      lines: 2,
    });
    expect(result.path).toEqual([
      'ReadOrder',
      'PriceLines',
      'PriceLine',
      'PriceLine',
      'CheckTotal',
      'ChargeCard',
      'Confirm',
    ]);
    expect(charges).toEqual([{ orderId: 'o-1', card: '4111111111111111', amount: 67.49, currency: 'EUR' }]);
  });

  it('passes the outer $currency variable into every Map iteration', async () => {
    // Prepare
    const { handlers, charges } = createHandlers();

    // Act
    const result = await runExecution(definition, {
      input: order({ currency: 'CHF', customer: { tier: 'basic' } }),
      handlers,
      clock: new VirtualClock(0),
    });

    // Assess
    expect(result.output).toMatchObject({ currency: 'CHF', subtotal: 74.99, total: 74.99 });
    expect(charges[0]).toMatchObject({ amount: 74.99, currency: 'CHF' });
  });

  it('sends a large order to manual review through the Choice condition', async () => {
    // Prepare
    const { handlers, charges } = createHandlers();

    // Act
    const result = await runExecution(definition, {
      input: order({ lines: [{ sku: 'DESK-2', quantity: 2 }] }),
      handlers,
      clock: new VirtualClock(0),
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      orderId: 'o-1',
      status: 'PENDING_REVIEW',
      reason: 'total 1168.2 EUR is over 1000',
      lines: [{ sku: 'DESK-2', quantity: 2, unitPrice: 649, lineTotal: 1298, line: 1 }],
    });
    expect(result.path).toEqual(['ReadOrder', 'PriceLines', 'PriceLine', 'CheckTotal', 'ManualReview']);
    expect(charges).toEqual([]);
  });

  it('retries gateway timeouts on the virtual clock', async () => {
    // Prepare
    const { handlers, charges } = createHandlers({ gatewayTimeouts: 2 });
    const clock = new VirtualClock(0);

    // Act
    const result = await runExecution(definition, { input: order(), handlers, clock });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(charges).toHaveLength(3);
    expect(clock.now()).toBe(6000);
  });

  it('catches a declined card with $states.errorOutput and fails with a cause built from variables', async () => {
    // Prepare
    const { handlers } = createHandlers();

    // Act
    const result = await runExecution(definition, {
      input: order({ card: '4000000000000000' }),
      handlers,
      clock: new VirtualClock(0),
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('PaymentFailed');
    expect(result.cause).toBe('Order o-1 was not charged: card declined by issuer');
    expect(result.path).toEqual([
      'ReadOrder',
      'PriceLines',
      'PriceLine',
      'PriceLine',
      'CheckTotal',
      'ChargeCard',
      'PaymentFailed',
    ]);
  });

  it('fails with States.QueryEvaluationError when the input has no lines', async () => {
    // Act
    const result = await runExecution(definition, {
      input: order({ lines: undefined }),
      handlers: createHandlers().handlers,
      clock: new VirtualClock(0),
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'ReadOrder' (entered at the event id #2). The JSONata expression '$states.input.lines' specified for the field 'Output' returned nothing (undefined).",
    );
  });
});
