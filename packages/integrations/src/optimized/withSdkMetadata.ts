import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@step/asl';

interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
}

/**
 * Adds the `SdkHttpMetadata` and `SdkResponseMetadata` members that Step Functions' optimized integrations (Lambda,
 * SQS, SNS, DynamoDB, `states:startExecution`) put in their results.
 *
 * @remarks
 * Pure apart from the date and a request id when the response carried none. The headers are rebuilt from what the
 * SDK v3 keeps (`$metadata`), not the raw response: status, request id, content type and length, date.
 * @internal
 */
export function withSdkMetadata(
  output: Record<string, JsonValue>,
  metadata: unknown,
  contentType: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): Record<string, JsonValue> {
  const meta = (typeof metadata === 'object' && metadata !== null ? metadata : {}) as ResponseMetadata;
  const requestId = meta.requestId ?? randomUUID();
  const headers: Record<string, string> = {
    ...extraHeaders,
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(output))),
    'Content-Type': contentType,
    Date: new Date().toUTCString(),
    'x-amzn-RequestId': requestId,
  };
  return {
    ...output,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: meta.httpStatusCode ?? 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
