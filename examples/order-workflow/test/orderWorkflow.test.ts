import { validate } from '@step/asl';
import { VirtualClock } from '@step/interpreter';
import { createLambdaContext } from '@step/test-utils';
import {
  createOrderMachine,
  InventoryBusyError,
  PaymentDeclinedError,
  PaymentGatewayTimeoutError,
  type OrderItem,
  type OrderRequest,
  type OrderServices,
} from '../src/index.js';

const order: OrderRequest = {
  orderId: 'o-1',
  customerId: 'c-1',
  items: [
    { sku: 'tea', quantity: 2, unitPrice: 5 },
    { sku: 'mug', quantity: 1, unitPrice: 12 },
  ],
};

/** Fake services that record their calls; each test overrides the behaviour it is about. */
function fakeServices(overrides: Partial<OrderServices> = {}): OrderServices & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reserve: (item: OrderItem) => (
      calls.push(`reserve:${item.sku}`),
      overrides.reserve?.(item) ?? Promise.resolve({ reservationId: `r-${item.sku}` })
    ),
    charge: (customerId, amount) => (
      calls.push(`charge:${amount}`),
      overrides.charge?.(customerId, amount) ?? Promise.resolve({ paymentId: 'p-1' })
    ),
    confirm: (orderId) => (
      calls.push(`confirm:${orderId}`),
      overrides.confirm?.(orderId) ?? Promise.resolve({ confirmationId: 'k-1' })
    ),
  };
}

describe('order workflow', () => {
  it('confirms a valid order after reserving every item and charging the total', async () => {
    // Prepare
    const services = fakeServices();
    const machine = createOrderMachine(services);

    // Act
    const result = await machine.run({ input: order, clock: new VirtualClock() });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ status: 'CONFIRMED', orderId: 'o-1', carrier: 'post', confirmationId: 'k-1' });
    expect([...services.calls].sort()).toEqual(['charge:22', 'confirm:o-1', 'reserve:mug', 'reserve:tea']);
    expect(result.path[0]).toBe('ValidateOrder');
    expect(result.path.slice(-3)).toEqual(['ShippingMethod', 'StandardShipping', 'ConfirmOrder']);
    expect(result.path.filter((s) => s === 'ReserveItem')).toHaveLength(2);
  });

  it('takes the express branch of the Choice for express orders', async () => {
    const result = await createOrderMachine(fakeServices()).run({
      input: { ...order, express: true },
      clock: new VirtualClock(),
    });

    expect(result.output).toMatchObject({ carrier: 'courier' });
    expect(result.path).toContain('ExpressShipping');
    expect(result.path).not.toContain('StandardShipping');
  });

  describe('failure paths', () => {
    it('routes a handler that throws InvalidOrderError to OrderRejected through Catch', async () => {
      // Act
      const result = await createOrderMachine(fakeServices()).run({
        input: { ...order, items: [] },
        clock: new VirtualClock(),
      });

      // Assess
      expect(result.status).toBe('SUCCEEDED');
      expect(result.output).toMatchObject({ status: 'REJECTED', reason: 'InvalidOrderError' });
      expect(result.path).toEqual(['ValidateOrder', 'OrderRejected']);
      // The Cause is the Lambda error payload as JSON text, as Step Functions records it
      const { detail } = result.output as { detail: string };
      expect(JSON.parse(detail)).toMatchObject({
        errorType: 'InvalidOrderError',
        errorMessage: 'Order o-1 has no items',
      });
    });

    it('rejects input of the wrong shape before the handler runs, and Catch routes it too', async () => {
      const result = await createOrderMachine(fakeServices()).run({ input: { orderId: 7 }, clock: new VirtualClock() });

      expect(result.output).toMatchObject({ status: 'REJECTED', reason: 'InvalidTaskInputError' });
      const { detail } = result.output as { detail: string };
      expect((JSON.parse(detail) as { errorMessage: string }).errorMessage).toContain('orderId must be a string');
    });

    it('retries a payment gateway timeout and succeeds on the second attempt', async () => {
      // Prepare: the gateway times out once, then answers
      let attempts = 0;
      const services = fakeServices({
        charge: () =>
          ++attempts === 1
            ? Promise.reject(new PaymentGatewayTimeoutError('no answer in 10 s'))
            : Promise.resolve({ paymentId: 'p-2' }),
      });
      const clock = new VirtualClock(0);

      // Act
      const result = await createOrderMachine(services).run({ input: order, clock });

      // Assess
      expect(attempts).toBe(2);
      expect(clock.now()).toBe(2000); // IntervalSeconds 2 on the virtual clock, no real wait
      expect(result.status).toBe('SUCCEEDED');
      expect(result.path.filter((s) => s === 'ChargePayment')).toHaveLength(1); // a retry re-runs the state without re-entering it
    });

    it('fails the whole order once the inventory stays busy past MaxAttempts', async () => {
      // Prepare
      let reserveCalls = 0;
      const services = fakeServices({
        reserve: (item) => (
          ++reserveCalls,
          item.sku === 'mug' ? Promise.reject(new InventoryBusyError('busy')) : Promise.resolve({ reservationId: 'r' })
        ),
      });

      // Act
      const result = await createOrderMachine(services).run({ input: order, clock: new VirtualClock() });

      // Assess: 1 call for tea + 1 call and 2 retries for mug, then Catch States.ALL on the Parallel
      expect(reserveCalls).toBe(4);
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('NeedsAttention');
      expect(result.path).toContain('NeedsAttention');
    });

    it('sends a declined card (not retried) to PaymentFailed', async () => {
      // Prepare
      const services = fakeServices({ charge: () => Promise.reject(new PaymentDeclinedError('card expired')) });

      // Act
      const result = await createOrderMachine(services).run({ input: order, clock: new VirtualClock() });

      // Assess
      expect(services.calls.filter((c) => c.startsWith('charge'))).toHaveLength(1);
      expect(result).toMatchObject({ status: 'FAILED', error: 'PaymentFailed' });
      expect(services.calls).not.toContain('confirm:o-1');
    });

    it('fails the execution with the error name of an uncaught handler error', async () => {
      class ConfirmationStoreError extends Error {
        constructor() {
          super('database unavailable');
          this.name = 'ConfirmationStoreError';
        }
      }
      const services = fakeServices({ confirm: () => Promise.reject(new ConfirmationStoreError()) });

      const result = await createOrderMachine(services).run({ input: order, clock: new VirtualClock() });

      expect(result).toMatchObject({ status: 'FAILED', error: 'ConfirmationStoreError' });
      expect(JSON.parse(result.cause ?? '')).toMatchObject({
        errorType: 'ConfirmationStoreError',
        errorMessage: 'database unavailable',
      });
    });
  });

  it('answers a Step Functions envelope as the deployed Lambda would', async () => {
    const machine = createOrderMachine(fakeServices());

    await expect(
      machine.handler({ Task: 'ChargePayment', Input: { customerId: 'c', total: 3 } }, createLambdaContext()),
    ).resolves.toEqual({
      paymentId: 'p-1',
    });
  });

  it('gives a deployable definition that @step/asl accepts, every TaskFn pointed at the Lambda', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

    const deployable = createOrderMachine(fakeServices()).deployableDefinition(arn);

    expect(validate(deployable).ok).toBe(true);
    expect(JSON.stringify(deployable).split(arn)).toHaveLength(5); // four TaskFn states
    expect(JSON.stringify(deployable)).not.toContain('TaskFn');
  });
});
