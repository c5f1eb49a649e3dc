import { randomUUID } from 'node:crypto';
import { createOrderMachine } from './createOrderMachine.js';
import type { OrderServices } from './types.js';

// Stand-ins for the real inventory, payment and order services of a deployment.
const services: OrderServices = {
  reserve: () => Promise.resolve({ reservationId: randomUUID() }),
  charge: () => Promise.resolve({ paymentId: randomUUID() }),
  confirm: () => Promise.resolve({ confirmationId: randomUUID() }),
};

/** The order workflow wired to its services: `step-cli json|exec|package src/machine.ts`. */
export const machine = createOrderMachine(services);

/** The Lambda handler (bundled as `index.handler`). */
export const handler = machine.handler;
