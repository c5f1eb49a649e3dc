import { TaskFailure } from '../TaskFailure.js';
import type { SdkModule } from './loadClientModule.js';

/**
 * How an integration names its errors: `sdk` for `aws-sdk:*` (AWS SDK for Java 2.x style), or the optimized
 * integration's own names (AWS SDK for Java 1.x style).
 */
export type ErrorNaming =
  { style: 'sdk'; prefix: string } | { style: 'optimized'; prefix: string; serviceName: string; generic: string };

interface ServiceErrorShape {
  name: string;
  message: string;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
}

function isServiceError(e: unknown): e is ServiceErrorShape {
  return typeof e === 'object' && e !== null && '$metadata' in e && typeof (e as { name?: unknown }).name === 'string';
}

function withException(name: string): string {
  return name.endsWith('Exception') ? name : `${name}Exception`;
}

/** Whether the client package models this error with its own exception class. */
function isModeled(e: ServiceErrorShape, mod: SdkModule): boolean {
  const cls = mod[e.name];
  return typeof cls === 'function' && e instanceof (cls as new (...args: never[]) => unknown);
}

/**
 * Names a failed AWS SDK call as Step Functions does and shapes its cause the same way.
 *
 * @remarks
 * Pure. `sdk` style: `<Prefix>.<Exception>` with an `Exception` suffix added when the service's name lacks it
 * (`S3.NoSuchKeyException`), `<Prefix>.<Prefix>Exception` for an error the package does not model
 * (`DynamoDb.DynamoDbException`), cause `<message> (Service: <Prefix>, Status Code: <n>, Request ID: <id>)`.
 * `optimized` style: `<Prefix>.<Exception>` for modeled errors (`DynamoDB.ConditionalCheckFailedException`),
 * `<Prefix>.<generic>` otherwise (`DynamoDB.AmazonDynamoDBException`), cause `<message> (Service: <serviceName>;
 * Status Code: <n>; Error Code: <code>; Request ID: <id>; Proxy: null)`. An error that never reached the
 * service (no response: a refused connection, a bad endpoint) is `<Prefix>.SdkClientException`.
 */
export function toTaskFailure(e: unknown, mod: SdkModule, naming: ErrorNaming): TaskFailure {
  if (!isServiceError(e) || e.$metadata?.httpStatusCode === undefined) {
    const message = e instanceof Error ? e.message : String(e);
    return new TaskFailure(`${naming.prefix}.SdkClientException`, message);
  }
  const modeled = isModeled(e, mod);
  const status = e.$metadata.httpStatusCode;
  const requestId = e.$metadata.requestId ?? '';
  if (naming.style === 'sdk') {
    const error = `${naming.prefix}.${modeled ? withException(e.name) : `${naming.prefix}Exception`}`;
    const extended =
      e.$metadata.extendedRequestId === undefined ? '' : `, Extended Request ID: ${e.$metadata.extendedRequestId}`;
    return new TaskFailure(
      error,
      `${e.message} (Service: ${naming.prefix}, Status Code: ${status}, Request ID: ${requestId}${extended})`,
    );
  }
  const code = typeof e.Code === 'string' ? e.Code : e.name;
  const error = `${naming.prefix}.${modeled ? withException(e.name) : naming.generic}`;
  return new TaskFailure(
    error,
    `${e.message} (Service: ${naming.serviceName}; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`,
  );
}
