// Errors the handlers throw. Each sets `name`: the Lambda runtime reports it as errorType, and the state
// machine's Retry and Catch match it in ErrorEquals (see order.asl.json).

/** The order cannot be processed as sent (Catch -> OrderRejected). */
export class InvalidOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOrderError';
  }
}

/** The inventory service is momentarily busy (Retry, then fail). */
export class InventoryBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryBusyError';
  }
}

/** The payment gateway did not answer in time (Retry with backoff). */
export class PaymentGatewayTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentGatewayTimeoutError';
  }
}

/** The card was declined (no retry; Catch -> PaymentFailed). */
export class PaymentDeclinedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclinedError';
  }
}
