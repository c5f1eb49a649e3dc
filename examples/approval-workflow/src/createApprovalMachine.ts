import { defineMachine, type StepMachine } from '@step/lambda';

/** An order as the workflow receives it. */
export interface Order {
  id: number;
  amount: number;
  vip: boolean;
  lines: { sku: string; quantity: number }[];
}

/** The services the handlers call; tests pass fakes. */
export interface ApprovalServices {
  /** Charges the order; throws `Throttled` (retried) or `CardDeclined` (caught). */
  charge(order: { id: number; amount: number }): { chargeId: string };
}

/** An error whose name becomes the Step Functions error. */
export class ServiceError extends Error {
  constructor(name: 'Throttled' | 'CardDeclined', message: string) {
    super(message);
    this.name = name;
  }
}

const definition = {
  Comment: 'approval-workflow',
  StartAt: 'Check',
  States: {
    Check: { Type: 'TaskFn', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.amount', NumericGreaterThan: 1000, Next: 'Approve' },
        { Variable: '$.vip', BooleanEquals: true, Next: 'Ship' },
      ],
      Default: 'Ship',
    },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
        MessageBody: { 'orderId.$': '$.id', 'token.$': '$$.Task.Token' },
      },
      ResultPath: '$.approval',
      Catch: [{ ErrorEquals: ['Rejected'], Next: 'Rejected' }],
      Next: 'Ship',
    },
    Ship: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Pack', States: { Pack: { Type: 'TaskFn', End: true } } },
        { StartAt: 'Notify', States: { Notify: { Type: 'TaskFn', End: true } } },
      ],
      ResultPath: '$.shipping',
      Next: 'Invoice',
    },
    Invoice: {
      Type: 'Map',
      ItemsPath: '$.lines',
      ItemProcessor: { StartAt: 'Price', States: { Price: { Type: 'TaskFn', End: true } } },
      ResultPath: '$.prices',
      Next: 'Charge',
    },
    Charge: {
      Type: 'TaskFn',
      Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['CardDeclined'], Next: 'Declined' }],
      End: true,
    },
    Rejected: { Type: 'Fail', Error: 'Rejected', Cause: 'The order was not approved' },
    Declined: { Type: 'Fail', Error: 'Declined', Cause: 'The card was declined' },
  },
};

/**
 * The approval workflow: check, route big orders through a human approval (a task token), ship, invoice each
 * line, charge with a retry on throttling and a catch on a declined card.
 *
 * @example
 * ```ts
 * const machine = createApprovalMachine({ charge: () => ({ chargeId: 'ch_1' }) });
 * const result = await machine.run({ input: { id: 1, amount: 20, lines: [] } });
 * ```
 */
export function createApprovalMachine(services: ApprovalServices): StepMachine {
  return defineMachine({
    definition,
    handlers: {
      Check: (order: Order) => ({ ...order, checked: true }),
      Pack: (order: Order) => ({ parcels: Math.max(1, order.lines.length) }),
      Notify: (order: Order) => ({ notified: `order ${order.id}` }),
      Price: (line: Order['lines'][number]) => ({ sku: line.sku, total: line.quantity * 10 }),
      Charge: (order: Order) => services.charge({ id: order.id, amount: order.amount }),
    },
  });
}
