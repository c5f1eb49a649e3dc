import { AwsServiceError } from './AwsServiceError.js';
import { header, jsonDepthExceeds } from './http.js';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * AWS's quotas the stand-in enforces, in one place, each with the AWS document it comes from. The few limits AWS
 * does not state (marked "local") are the stand-in's own, chosen in docs/decisions/022-request-limits.md.
 *
 * @example
 * ```ts
 * if (timeout > QUOTAS.lambdaTimeoutSeconds.max) throw new Error('too long');
 * ```
 * @internal
 */
export const QUOTAS = {
  /** Function timeout, seconds ("Lambda quotas", Lambda developer guide: "Function timeout 900 seconds"). */
  lambdaTimeoutSeconds: { min: 1, max: 900 },
  /** Function memory, MB ("Lambda quotas": "128 MB to 10,240 MB"). */
  lambdaMemorySizeMb: { min: 128, max: 10_240 },
  /** Invoke request payload of a synchronous invocation, bytes (Invoke API reference: "6 MB"). */
  lambdaSyncPayloadBytes: 6_291_456,
  /** Invoke request payload of an `Event` invocation, bytes (Invoke API reference: "the maximum payload size is 1 MB"). */
  lambdaEventPayloadBytes: 1_048_576,
  /**
   * CreateFunction / UpdateFunctionCode request, bytes: the 50 MB zipped direct-upload quota ("Lambda quotas",
   * "Deployment package (.zip file archive) size 50 MB (zipped, when uploading directly)") as base64 in JSON;
   * Lambda answers "Request must be smaller than 69905067 bytes for the CreateFunction operation".
   */
  lambdaCodeRequestBytes: 69_905_067,
  /** Unzipped deployment package, bytes ("Lambda quotas": "250 MB (unzipped)"; Lambda's message says 262144000). */
  lambdaUnzippedCodeBytes: 262_144_000,
  /**
   * `Event` invocations of one function waiting to run (local: Lambda's queue is unbounded but throttles at the
   * account's concurrency; one bounded queue per function keeps synchronous invokes served, decision 022).
   */
  lambdaEventQueueLength: 1_000,
  /** Any Step Functions API request, bytes ("Step Functions service quotas": "Maximum request size 1 MB per request", hard). */
  sfnRequestBytes: 1_048_576,
  /** A state machine definition, characters (CreateStateMachine API reference: "Maximum length of 1048576"). */
  sfnDefinitionChars: 1_048_576,
  /** A single PutObject / UploadPart, bytes (S3 user guide: "upload a single object of up to 5 GB"). */
  s3PutObjectBytes: 5 * 1024 ** 3,
  /** Keys one ListObjects(V2) page holds (ListObjectsV2 API reference: "returns up to 1,000 key names"). */
  s3MaxKeys: 1_000,
  /**
   * Any request body the stand-in reads into memory, bytes (local: bodies are buffered, so this bounds memory;
   * S3 objects larger than this are refused with S3's `EntityTooLarge`, decision 022).
   */
  localBodyBytes: 256 * 1024 * 1024,
  /** Bodies of the other APIs (STS query forms), bytes (local). */
  otherRequestBytes: 1_048_576,
  /**
   * Nesting depth of a JSON request body (local: the same bound Jackson, the parser of AWS's Java services, applies
   * by default; deeper bodies are refused before `JSON.parse` and before any recursive walk).
   */
  jsonMaxDepth: 1_000,
} as const;

/**
 * How much of a request body the server reads, and the error when a body is longer.
 * @internal
 */
export interface BodyLimit {
  bytes: number;
  /** The service's own error for a body of `received` bytes (at least `bytes + 1`; the exact size when declared). */
  refuse: (received: number) => AwsServiceError;
}

const LAMBDA_CODE_PATH = /^\/2015-03-31\/functions\/?$|^\/2015-03-31\/functions\/[^/]+\/code\/?$/;
const LAMBDA_INVOKE_PATH = /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/;

/**
 * Decides, from the request line and headers only (before any byte of the body is read), how long the body may be.
 * @internal
 */
export function bodyLimitFor(
  service: string,
  method: string,
  rawPath: string,
  headers: IncomingHttpHeaders,
): BodyLimit {
  switch (service) {
    case 'lambda': {
      if (method === 'POST' && LAMBDA_INVOKE_PATH.test(rawPath)) {
        if (header(headers, 'x-amz-invocation-type') === 'Event') {
          const bytes = QUOTAS.lambdaEventPayloadBytes;
          return {
            bytes,
            refuse: (n) =>
              new AwsServiceError(
                'RequestEntityTooLargeException',
                `${n} byte payload is too large for the Event invocation type (limit ${bytes} bytes)`,
                413,
              ),
          };
        }
        return tooLarge(QUOTAS.lambdaSyncPayloadBytes, 'InvokeFunction');
      }
      if (LAMBDA_CODE_PATH.test(rawPath)) {
        return tooLarge(
          QUOTAS.lambdaCodeRequestBytes,
          rawPath.replace(/\/$/, '').endsWith('/code') ? 'UpdateFunctionCode' : 'CreateFunction',
        );
      }
      return tooLarge(QUOTAS.lambdaSyncPayloadBytes, 'Lambda');
    }
    case 'states': {
      const operation = (header(headers, 'x-amz-target') ?? '').replace(/^AWSStepFunctions\./, '') || 'StepFunctions';
      return tooLarge(QUOTAS.sfnRequestBytes, operation);
    }
    case 's3':
      return {
        bytes: QUOTAS.localBodyBytes,
        refuse: (n) =>
          new AwsServiceError(
            'EntityTooLarge',
            n > QUOTAS.s3PutObjectBytes
              ? 'Your proposed upload exceeds the maximum allowed object size.'
              : `Your proposed upload exceeds the maximum allowed object size. (step-cli local holds bodies in memory and accepts up to ${QUOTAS.localBodyBytes} bytes per request; use a multipart upload with smaller parts.)`,
            400,
            { ProposedSize: String(n), MaxSizeAllowed: String(QUOTAS.localBodyBytes) },
          ),
      };
    default:
      return tooLarge(QUOTAS.otherRequestBytes, service);
  }
}

/** Lambda's wording, which the stand-in also uses for the JSON APIs that state no text of their own. */
function tooLarge(bytes: number, operation: string): BodyLimit {
  return {
    bytes,
    refuse: () =>
      new AwsServiceError(
        'RequestEntityTooLargeException',
        `Request must be smaller than ${bytes} bytes for the ${operation} operation`,
        413,
      ),
  };
}

/**
 * Refuses a state machine definition longer than Step Functions accepts, with its `ValidationException` text.
 * @internal
 */
export function checkDefinitionSize(definition: string): void {
  if (definition.length <= QUOTAS.sfnDefinitionChars) return;
  throw new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to ${QUOTAS.sfnDefinitionChars}`,
  );
}

/**
 * Refuses a JSON request body (Step Functions, Lambda) nested deeper than {@link QUOTAS}.jsonMaxDepth, in the
 * service's own words for a body it cannot read: `SerializationException` (Step Functions) or
 * `InvalidRequestContentException` (Lambda), both 400. Other services' bodies are not JSON and pass.
 * @internal
 */
export function checkJsonDepth(service: string, body: Buffer): AwsServiceError | undefined {
  if ((service !== 'states' && service !== 'lambda') || !jsonDepthExceeds(body, QUOTAS.jsonMaxDepth)) return undefined;
  const problem = `JSON nesting depth exceeds the maximum allowed (${QUOTAS.jsonMaxDepth})`;
  return service === 'states'
    ? new AwsServiceError('SerializationException', problem)
    : new AwsServiceError('InvalidRequestContentException', `Could not parse request body into json: ${problem}`);
}
