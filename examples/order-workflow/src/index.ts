export { createOrderMachine } from './createOrderMachine.js';
export { InvalidOrderError, InventoryBusyError, PaymentDeclinedError, PaymentGatewayTimeoutError } from './errors.js';
export type { OrderItem, OrderRequest, OrderServices, ValidOrder } from './types.js';
