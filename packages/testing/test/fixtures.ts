import type { Definition } from '@step/asl';

/** A machine with every kind of transition: Parallel, Map, Choice rules and Default, Retry and Catch. */
export const orderDefinition = {
  Comment: 'orders',
  StartAt: 'Validate',
  States: {
    Validate: { Type: 'Pass', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.express', BooleanEquals: true, Next: 'Fan' },
        { Variable: '$.bulk', BooleanEquals: true, Next: 'Fan' },
      ],
      Default: 'Each',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Pack', States: { Pack: { Type: 'Pass', End: true } } },
        { StartAt: 'Label', States: { Label: { Type: 'Pass', End: true } } },
      ],
      Next: 'Charge',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
      ResultPath: '$.items',
      Next: 'Charge',
    },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
      Retry: [
        { ErrorEquals: ['Throttled'], IntervalSeconds: 1, MaxAttempts: 2 },
        { ErrorEquals: ['States.Timeout'], MaxAttempts: 1 },
      ],
      Catch: [
        { ErrorEquals: ['PaymentDeclined'], Next: 'Declined' },
        { ErrorEquals: ['States.ALL'], Next: 'Broken' },
      ],
      End: true,
    },
    Declined: { Type: 'Fail', Error: 'Declined' },
    Broken: { Type: 'Fail', Error: 'Broken' },
  },
} as unknown as Definition;

/** An error whose name becomes the Step Functions error. */
export class NamedError extends Error {
  constructor(name: string, message = name) {
    super(message);
    this.name = name;
  }
}

/** A `charge` Lambda that throws the given error names in turn, then returns `{ charged: true }`. */
export function chargeFailingWith(...errors: string[]): () => { charged: boolean } {
  let call = 0;
  return () => {
    const name = errors[call++];
    if (name !== undefined) throw new NamedError(name);
    return { charged: true };
  };
}
