/**
 * A fake AWS Lambda `Context`, as the Node Lambda runtime passes it to a handler.
 *
 * @example
 * ```ts
 * import { createLambdaContext } from '@step/test-utils';
 * const context = createLambdaContext({ functionName: 'hello' });
 * ```
 */
export interface FakeLambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: Error, result?: unknown): void;
  fail(error: Error | string): void;
  succeed(messageOrObject: unknown): void;
}

/**
 * Creates a fake Lambda `Context` with the fields the Node runtime sets (powertools' `context.ts` shape).
 *
 * @remarks
 * Deterministic: fixed request id, ARN and remaining time unless overridden.
 *
 * @example
 * ```ts
 * import { createLambdaContext } from '@step/test-utils';
 * await handler(event, createLambdaContext());
 * ```
 */
export function createLambdaContext(overrides: Partial<FakeLambdaContext> = {}): FakeLambdaContext {
  const functionName = overrides.functionName ?? 'step-test-function';
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/01/01/[$LATEST]abcdef0123456789',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 1234,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
