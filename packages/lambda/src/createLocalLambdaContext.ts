import { randomUUID } from 'node:crypto';
import type { LambdaContextLike } from './types.js';

/**
 * Options of {@link createLocalLambdaContext}.
 *
 * @example
 * ```ts
 * import type { LocalLambdaContextOptions } from '@step/lambda';
 * const options: LocalLambdaContextOptions = { functionName: 'hello', timeoutMs: 3000 };
 * ```
 */
export interface LocalLambdaContextOptions {
  functionName?: string;
  awsRequestId?: string;
  /** What `getRemainingTimeInMillis()` returns (constant; local runs have no deadline). Default 900000. */
  timeoutMs?: number;
  region?: string;
  accountId?: string;
}

/**
 * Creates the Lambda context that task handlers see when a machine runs locally.
 *
 * @example
 * ```ts
 * import { createLocalLambdaContext } from '@step/lambda';
 * const context = createLocalLambdaContext({ functionName: 'hello' });
 * context.invokedFunctionArn; // 'arn:aws:lambda:us-east-1:123456789012:function:hello'
 * ```
 */
export function createLocalLambdaContext(options: LocalLambdaContextOptions = {}): LambdaContextLike {
  const functionName = options.functionName ?? 'step-local';
  const region = options.region ?? 'us-east-1';
  const timeoutMs = options.timeoutMs ?? 900_000;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${options.accountId ?? '123456789012'}:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => timeoutMs,
  };
}
