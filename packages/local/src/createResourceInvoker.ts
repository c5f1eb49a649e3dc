import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@step/asl';
import { AwsServiceError } from './AwsServiceError.js';
import type { LambdaService } from './LambdaService.js';
import type { S3Service } from './S3Service.js';
import type { LocalItemReader, LocalResourceInvoker, LocalResultWriter } from './SfnService.js';

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:[^:]+(?::[^:]+)?$/;
const S3_SDK = /^arn:aws[\w-]*:states:::(?:aws-sdk:)?s3:(getObject|putObject|listObjectsV2|deleteObject|headObject)$/;

/**
 * A Task failure as the Node Lambda runtime and the SDK integrations report it: `name` is the Step Functions error.
 *
 * @example
 * ```ts
 * throw new TaskFailure('Lambda.ResourceNotFoundException', 'Function not found: ...');
 * ```
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
 * and `lambda:invoke`) and the S3 integrations, answering with the shapes AWS returns.
 *
 * @example
 * ```ts
 * const invoke = createResourceInvoker({ lambda, s3 });
 * ```
 * @internal
 */
export function createResourceInvoker(services: { lambda: LambdaService; s3: S3Service }): LocalResourceInvoker {
  const { lambda } = services;

  const callLambda = async (functionName: string, payload: JsonValue, qualifier?: string): Promise<{ payload: JsonValue; version: string }> => {
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
    if (resource.endsWith('.waitForTaskToken') && context.taskToken !== undefined) {
      // Nothing local to deliver the token to: the caller answers with SendTaskSuccess/Failure.
      return { MessageId: randomUUID() };
    }
    throw new TaskFailure(
      'States.TaskFailed',
      `step-cli local cannot run the resource '${resource}': it serves Lambda functions and S3 only. Register a handler for it or create the function.`,
    );
  };

  function callS3(service: S3Service, action: string, args: Record<string, JsonValue>): JsonValue {
    const bucket = asText(args.Bucket);
    const key = asText(args.Key);
    try {
      switch (action) {
        case 'getObject': {
          const body = service.getObject(bucket, key);
          const meta = service.listKeys(bucket, key).find((o) => o.key === key)!;
          return { Body: body.toString('utf8'), ContentLength: body.length, ContentType: meta.contentType, ETag: meta.etag, LastModified: new Date(meta.lastModified).toISOString() };
        }
        case 'headObject': {
          service.getObject(bucket, key);
          const meta = service.listKeys(bucket, key).find((o) => o.key === key)!;
          return { ContentLength: meta.size, ContentType: meta.contentType, ETag: meta.etag, LastModified: new Date(meta.lastModified).toISOString() };
        }
        case 'putObject': {
          const body = typeof args.Body === 'string' ? args.Body : JSON.stringify(args.Body ?? '');
          return { ETag: service.putObject(bucket, key, Buffer.from(body), typeof args.ContentType === 'string' ? args.ContentType : undefined) };
        }
        case 'deleteObject': {
          service.deleteObject(bucket, key);
          return {};
        }
        default: {
          const prefix = typeof args.Prefix === 'string' ? args.Prefix : '';
          const contents = service.listKeys(bucket, prefix).map((o) => ({ Key: o.key, Size: o.size, ETag: o.etag, LastModified: new Date(o.lastModified).toISOString(), StorageClass: 'STANDARD' }));
          return { Name: bucket, Prefix: prefix, KeyCount: contents.length, MaxKeys: 1000, IsTruncated: false, Contents: contents };
        }
      }
    } catch (e) {
      throw sdkFailure('S3', e);
    }
  }
}

/**
 * Builds the distributed Map `ItemReader` over the local S3: `s3:getObject` (JSON, JSONL, CSV) and `s3:listObjectsV2`.
 *
 * @example
 * ```ts
 * const itemReader = createItemReader(s3);
 * ```
 * @internal
 */
export function createItemReader(s3: S3Service): LocalItemReader {
  return (config, input) => {
    const c = object(config);
    const resource = asText(c.Resource);
    const args = resolveArgs(object(c.Arguments ?? c.Parameters ?? {}), input);
    const reader = object(c.ReaderConfig ?? {});
    const bucket = asText(args.Bucket);
    const max = typeof reader.MaxItems === 'number' && reader.MaxItems > 0 ? reader.MaxItems : Infinity;
    let items: JsonValue[];
    try {
      if (resource.endsWith('s3:listObjectsV2')) {
        items = s3.listKeys(bucket, typeof args.Prefix === 'string' ? args.Prefix : '').map((o) => ({
          Etag: o.etag,
          Key: o.key,
          LastModified: new Date(o.lastModified).toISOString(),
          Size: o.size,
          StorageClass: 'STANDARD',
        }));
      } else {
        const text = s3.getObject(bucket, asText(args.Key)).toString('utf8');
        const type = asText(reader.InputType, 'JSON');
        if (type === 'JSONL') items = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as JsonValue);
        else if (type === 'CSV') items = parseCsv(text, reader);
        else {
          const parsed = JSON.parse(text) as JsonValue;
          if (!Array.isArray(parsed)) {
            return Promise.reject(new TaskFailure('States.ItemReaderFailed', 'Attempting to map over non-iterable node.'));
          }
          items = parsed;
        }
      }
    } catch (e) {
      if (e instanceof TaskFailure) return Promise.reject(e);
      const message = e instanceof AwsServiceError ? `${e.message} (Service: S3, Status Code: ${e.status})` : (e as Error).message;
      return Promise.reject(new TaskFailure('States.ItemReaderFailed', message));
    }
    return Promise.resolve(items.slice(0, max));
  };
}

/** Resolves `"Field.$": "$.a.b"` (a plain dotted path into the state input) in ItemReader/ResultWriter arguments. */
function resolveArgs(args: Record<string, JsonValue>, input: JsonValue): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key.endsWith('.$') && typeof value === 'string' && /^\$(\.[\w-]+)*$/.test(value)) {
      let node: JsonValue | undefined = input;
      for (const part of value.split('.').slice(1)) node = node === undefined ? undefined : object(node)[part];
      if (node !== undefined) out[key.slice(0, -2)] = node;
    } else out[key] = value;
  }
  return out;
}

/**
 * Builds the distributed Map `ResultWriter` over the local S3: `SUCCEEDED_0.json` and `manifest.json` under
 * `<Prefix>/<map run id>/`, as AWS lays them out; the Map's result is `{MapRunArn, ResultWriterDetails}`.
 *
 * @example
 * ```ts
 * const resultWriter = createResultWriter(s3);
 * ```
 * @internal
 */
export function createResultWriter(s3: S3Service): LocalResultWriter {
  return (config, results, mapRunArn) => {
    const c = object(config);
    const args = object(c.Arguments ?? c.Parameters ?? {});
    const writer = object(c.WriterConfig ?? {});
    const bucket = asText(args.Bucket);
    const prefix = asText(args.Prefix).replace(/\/+$/, '');
    const runId = mapRunArn.split(':').pop() ?? randomUUID();
    const dir = prefix === '' ? runId : `${prefix}/${runId}`;
    const transformation = asText(writer.Transformation, 'NONE');
    const now = new Date().toISOString();
    const entries: JsonValue[] =
      transformation === 'FLATTEN'
        ? results
        : results.map((output, i): JsonValue =>
            transformation === 'COMPACT'
              ? { Output: JSON.stringify(output), Status: 'SUCCEEDED' }
              : {
                  ExecutionArn: `${mapRunArn.replace(':mapRun:', ':execution:')}:${i}`,
                  Input: '',
                  InputDetails: { Included: true },
                  Name: String(i),
                  Output: JSON.stringify(output),
                  OutputDetails: { Included: true },
                  RedriveCount: 0,
                  RedriveStatus: 'NOT_REDRIVABLE',
                  StartDate: now,
                  StateMachineArn: mapRunArn,
                  Status: 'SUCCEEDED',
                  StopDate: now,
                },
          );
    const jsonl = asText(writer.OutputType) === 'JSONL';
    const body = Buffer.from(jsonl ? entries.map((e) => JSON.stringify(e)).join('\n') : JSON.stringify(entries));
    const resultKey = `${dir}/SUCCEEDED_0.${jsonl ? 'jsonl' : 'json'}`;
    const manifestKey = `${dir}/manifest.json`;
    try {
      s3.putObject(bucket, resultKey, body, 'application/json');
      const manifest = {
        DestinationBucket: bucket,
        MapRunArn: mapRunArn,
        ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: resultKey, Size: body.length }] },
      };
      s3.putObject(bucket, manifestKey, Buffer.from(JSON.stringify(manifest)), 'application/json');
    } catch (e) {
      const message = e instanceof AwsServiceError ? `${e.message} (Service: S3, Status Code: ${e.status})` : (e as Error).message;
      return Promise.reject(new TaskFailure('States.ResultWriterFailed', message));
    }
    return Promise.resolve({ MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } });
  };
}

function parseCsv(text: string, reader: Record<string, JsonValue>): JsonValue[] {
  const delimiter = ({ COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' } as Record<string, string>)[asText(reader.CSVDelimiter, 'COMMA')] ?? ',';
  const rows = splitCsv(text, delimiter);
  let headers: string[];
  if (reader.CSVHeaderLocation === 'GIVEN' && Array.isArray(reader.CSVHeaders)) headers = reader.CSVHeaders.map(String);
  else headers = rows.shift() ?? [];
  if (new Set(headers).size !== headers.length) throw new TaskFailure('States.ItemReaderFailed', 'CSV headers cannot contain duplicates.');
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

function splitCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
