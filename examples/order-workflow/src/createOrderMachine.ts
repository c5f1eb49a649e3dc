import { defineMachine, defineTask, type StepMachine } from '@step/lambda';
import definition from '../order.asl.json' with { type: 'json' };
import { InvalidOrderError } from './errors.js';
import type { OrderItem, OrderRequest, OrderServices, ValidOrder } from './types.js';

function orderIssues(value: unknown): string[] {
  const order = value as Partial<OrderRequest> | null;
  const issues: string[] = [];
  if (typeof order !== 'object' || order === null) return ['the input must be an object'];
  if (typeof order.orderId !== 'string') issues.push('orderId must be a string');
  if (typeof order.customerId !== 'string') issues.push('customerId must be a string');
  if (!Array.isArray(order.items)) issues.push('items must be an array');
  return issues;
}

/**
 * Defines the order workflow of `order.asl.json` with handlers that call `services`.
 *
 * @remarks
 * Taking the services as a parameter is what makes the failure paths testable: a test passes a fake that
 * throws `PaymentGatewayTimeoutError` once, or declines the card, and checks where the execution goes.
 *
 * @example
 * ```ts
 * const machine = createOrderMachine(fakeServices);
 * const result = await machine.run({ input: order, clock: new VirtualClock() });
 * ```
 */
export function createOrderMachine(services: OrderServices): StepMachine {
  return defineMachine({
    definition,
    handlers: {
      // Bad shapes are rejected before the handler runs (InvalidTaskInputError); business rules throw InvalidOrderError.
      ValidateOrder: defineTask({
        input: orderIssues,
        handler: (order: OrderRequest): ValidOrder => {
          if (order.items.length === 0) throw new InvalidOrderError(`Order ${order.orderId} has no items`);
          const bad = order.items.find((i) => !(i.quantity > 0));
          if (bad) throw new InvalidOrderError(`Item ${bad.sku} has quantity ${bad.quantity}`);
          const total = order.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
          return { ...order, total, express: order.express === true };
        },
      }),
      ReserveItem: async (item: OrderItem) => ({ sku: item.sku, ...(await services.reserve(item)) }),
      ChargePayment: async (order: ValidOrder) => services.charge(order.customerId, order.total),
      ConfirmOrder: async (state: { order: ValidOrder; shipping: { carrier: string } }) => ({
        status: 'CONFIRMED',
        orderId: state.order.orderId,
        carrier: state.shipping.carrier,
        ...(await services.confirm(state.order.orderId)),
      }),
    },
  });
}
