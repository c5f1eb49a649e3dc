import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@step/asl';
import { createObjectStoreItemReader, createObjectStoreResultWriter, ObjectStoreError } from '@step/interpreter';
import type { ObjectStore } from '@step/interpreter';
import { AwsServiceError } from './AwsServiceError.js';
import type { LambdaService } from './LambdaService.js';
import type { S3Service } from './S3Service.js';
import type { LocalItemReader, LocalResourceInvoker, LocalResultWriter } from './SfnService.js';

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:[^:]+(?::[^:]+)?$/;
const S3_SDK = /^arn:aws[\w-]*:states:::(?:aws-sdk:)?s3:(getObject|putObject|listObjectsV2|deleteObject|headObject)$/;

/**
 * A Task failure as the Node Lambda runtime and the SDK integrations report it: `name` is the Step Functions error.
 * @internal
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    // The interpreter reads the Step Functions error from `name` (as the Lambda runtime reports `errorType`).
    this.name = error;
  }
}

function asText(value: JsonValue | undefined, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function object(value: JsonValue): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function sdkFailure(service: string, e: unknown): TaskFailure {
  if (!(e instanceof AwsServiceError)) return new TaskFailure('States.TaskFailed', String((e as Error).message));
  const requestId = randomUUID();
  const exception = e.code.endsWith('Exception') ? e.code : `${e.code}Exception`;
  return new TaskFailure(
    `${service}.${exception}`,
    `${e.message} (Service: ${service}, Status Code: ${e.status}, Request ID: ${requestId})`,
  );
}

/**
 * Builds the fallback the interpreter calls for resources without a handler: local Lambda functions (legacy ARN
 * and `lambda:invoke`) and the S3 integrations are answered in process with the shapes AWS returns; every other
 * integration (DynamoDB, SQS, SNS, EventBridge, any `aws-sdk:*`, their `.waitForTaskToken` forms) goes to `sdk`,
 * the `@step/integrations` invoker, which calls the built-in services or the configured endpoints over HTTP.
 * @internal
 */
export function createResourceInvoker(services: {
  lambda: LambdaService;
  s3: S3Service;
  sdk: LocalResourceInvoker;
}): LocalResourceInvoker {
  const { lambda } = services;

  const callLambda = async (
    functionName: string,
    payload: JsonValue,
    qualifier?: string,
  ): Promise<{ payload: JsonValue; version: string }> => {
    let result;
    try {
      result = await lambda.invoke(functionName, payload, qualifier);
    } catch (e) {
      throw sdkFailure('Lambda', e);
    }
    const parsed = JSON.parse(result.payload) as JsonValue;
    if (result.functionError !== undefined) {
      const err = object(parsed);
      const errorType = typeof err.errorType === 'string' ? err.errorType : 'Unhandled';
      const cause = JSON.stringify({
        errorMessage: err.errorMessage,
        errorType,
        requestId: randomUUID(),
        stackTrace: err.trace ?? [],
      });
      throw new TaskFailure(errorType, cause);
    }
    return { payload: parsed, version: result.executedVersion };
  };

  return async (resource, input, context) => {
    if (LAMBDA_ARN.test(resource)) return (await callLambda(resource, input)).payload;
    const s3 = S3_SDK.exec(resource);
    if (s3 !== null) return callS3(services.s3, s3[1]!, object(input));
    // The interpreter hands `lambda:invoke` over as the FunctionName (a name here) and the Payload; it wraps the result.
    if (!resource.startsWith('arn:')) return (await callLambda(resource, input)).payload;
    // The token is in the parameters ($$.Task.Token); SfnService has recorded it for SendTaskSuccess/Failure.
    return services.sdk(resource, input, context);
  };

  function callS3(service: S3Service, action: string, args: Record<string, JsonValue>): JsonValue {
    const bucket = asText(args.Bucket);
    const key = asText(args.Key);
    try {
      switch (action) {
        case 'getObject': {
          const body = service.getObject(bucket, key);
          const meta = service.listKeys(bucket, key).find((o) => o.key === key)!;
          return {
            Body: body.toString('utf8'),
            ContentLength: body.length,
            ContentType: meta.contentType,
            ETag: meta.etag,
            LastModified: new Date(meta.lastModified).toISOString(),
          };
        }
        case 'headObject': {
          service.getObject(bucket, key);
          const meta = service.listKeys(bucket, key).find((o) => o.key === key)!;
          return {
            ContentLength: meta.size,
            ContentType: meta.contentType,
            ETag: meta.etag,
            LastModified: new Date(meta.lastModified).toISOString(),
          };
        }
        case 'putObject': {
          const body = typeof args.Body === 'string' ? args.Body : JSON.stringify(args.Body ?? '');
          return {
            ETag: service.putObject(
              bucket,
              key,
              Buffer.from(body),
              typeof args.ContentType === 'string' ? args.ContentType : undefined,
            ),
          };
        }
        case 'deleteObject': {
          service.deleteObject(bucket, key);
          return {};
        }
        default: {
          const prefix = typeof args.Prefix === 'string' ? args.Prefix : '';
          const contents = service.listKeys(bucket, prefix).map((o) => ({
            Key: o.key,
            Size: o.size,
            ETag: o.etag,
            LastModified: new Date(o.lastModified).toISOString(),
            StorageClass: 'STANDARD',
          }));
          return {
            Name: bucket,
            Prefix: prefix,
            KeyCount: contents.length,
            MaxKeys: 1000,
            IsTruncated: false,
            Contents: contents,
          };
        }
      }
    } catch (e) {
      throw sdkFailure('S3', e);
    }
  }
}

/**
 * The local S3 as the interpreter's `ObjectStore`: S3's own errors become `ObjectStoreError`s (code and status
 * kept), so a distributed Map fails as AWS words it.
 */
function objectStoreOf(s3: S3Service): ObjectStore {
  const call = <T>(f: () => T): Promise<T> =>
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => {
        throw e instanceof AwsServiceError ? new ObjectStoreError(e.code, e.status, e.message, { cause: e }) : e;
      });
  return {
    getObject: (bucket, key) => call(() => s3.getObject(bucket, key)),
    putObject: (bucket, key, body) => call(() => void s3.putObject(bucket, key, Buffer.from(body), 'application/json')),
    listObjects: (bucket, prefix) =>
      call(() =>
        s3
          .listKeys(bucket, prefix)
          .map((o) => ({ key: o.key, size: o.size, etag: o.etag, lastModified: new Date(o.lastModified) })),
      ),
  };
}

/**
 * Builds the distributed Map `ItemReader` over the local S3 (the interpreter's reader: JSON, JSONL, CSV,
 * `s3:listObjectsV2`).
 * @internal
 */
export function createItemReader(s3: S3Service): LocalItemReader {
  const read = createObjectStoreItemReader(objectStoreOf(s3));
  return (config, input) => read(config, { stateName: '', input, signal: new AbortController().signal });
}

/**
 * Builds the distributed Map `ResultWriter` over the local S3 (the interpreter's writer: `SUCCEEDED_0.json` and
 * `manifest.json` under `<Prefix>/<map run id>/`; the Map's result is `{MapRunArn, ResultWriterDetails}`).
 * @internal
 */
export function createResultWriter(s3: S3Service): LocalResultWriter {
  const write = createObjectStoreResultWriter(objectStoreOf(s3));
  return (config, results, mapRunArn) =>
    write(config, results, { stateName: '', signal: new AbortController().signal, mapRunArn, now: Date.now() });
}
