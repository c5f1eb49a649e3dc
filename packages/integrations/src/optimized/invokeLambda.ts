import type { JsonValue } from '@step/asl';
import type { IntegrationCall } from '../IntegrationCall.js';
import { fromSdkOutput } from '../sdk/fromSdkOutput.js';
import { resolveService } from '../sdk/resolveService.js';
import { TaskFailure } from '../TaskFailure.js';
import { OPTIMIZED_NAMING } from './OPTIMIZED_NAMING.js';
import { withSdkMetadata } from './withSdkMetadata.js';

const LAMBDA = resolveService('lambda', 'optimized');

function object(value: JsonValue | undefined): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

/** The payload's bytes as Step Functions sends them: `{}` when absent, a string that is JSON verbatim. */
function payloadText(payload: JsonValue | undefined): string {
  if (payload === undefined) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return JSON.stringify(payload);
}

function parsePayload(text: string): JsonValue {
  if (text === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

interface Invoked {
  payload: JsonValue;
  output: Record<string, JsonValue>;
  metadata: unknown;
}

async function invoke(call: IntegrationCall, params: Record<string, JsonValue>): Promise<Invoked> {
  const request = { ...params, Payload: payloadText(params.Payload) };
  const { output, outputSchema } = await call.clients.call(
    LAMBDA,
    'invoke',
    request,
    call.context.signal,
    call.resource,
    () => OPTIMIZED_NAMING.lambda,
  );
  const presented = object(await fromSdkOutput(output, outputSchema, 'epochMillis'));
  const text = typeof presented.Payload === 'string' ? presented.Payload : '';
  if (typeof presented.FunctionError === 'string') {
    // A function error: the error is the payload's errorType, the cause the error payload as the function sent it.
    const errorType = object(parsePayload(text)).errorType;
    throw new TaskFailure(typeof errorType === 'string' ? errorType : presented.FunctionError, text);
  }
  return { payload: parsePayload(text), output: presented, metadata: output.$metadata };
}

/**
 * Invokes a Lambda function by name or ARN with a payload and returns the function's result: what a legacy
 * Lambda Task (`"Resource": "arn:aws:lambda:...:function:f"`) gets, and what the interpreter wraps for
 * `arn:aws:states:::lambda:invoke`.
 *
 * @remarks
 * A function error fails the task with the function's `errorType` and the error payload as cause; a Lambda API
 * error is `Lambda.<Exception>` (e.g. `Lambda.ResourceNotFoundException`).
 * @internal
 */
export async function invokeFunction(call: IntegrationCall): Promise<JsonValue> {
  return (await invoke(call, { FunctionName: call.resource, Payload: call.params })).payload;
}

/**
 * Runs `arn:aws:states:::lambda:invoke` from its full parameters (`FunctionName`, `Payload`, `Qualifier`,
 * `InvocationType`, `LogType`, `ClientContext`) and returns the result in Step Functions' shape:
 * `{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}`.
 * @internal
 */
export async function runLambdaInvoke(call: IntegrationCall): Promise<JsonValue> {
  const { payload, output, metadata } = await invoke(call, object(call.params));
  const version = typeof output.ExecutedVersion === 'string' ? output.ExecutedVersion : '$LATEST';
  const result: Record<string, JsonValue> = { ExecutedVersion: version, Payload: payload };
  if (output.LogResult !== undefined) result.LogResult = output.LogResult;
  return {
    ...withSdkMetadata(result, metadata, 'application/json', {
      'X-Amz-Executed-Version': version,
      'x-amzn-Remapped-Content-Length': '0',
    }),
    StatusCode: typeof output.StatusCode === 'number' ? output.StatusCode : 200,
  };
}
