import type { JsonValue } from '@step/asl';
import { UnsupportedIntegrationError } from '../errors.js';
import type { IntegrationCall } from '../IntegrationCall.js';
import { fromSdkOutput } from '../sdk/fromSdkOutput.js';
import { resolveService } from '../sdk/resolveService.js';
import { TaskFailure } from '../TaskFailure.js';
import { OPTIMIZED_NAMING } from './OPTIMIZED_NAMING.js';
import { withSdkMetadata } from './withSdkMetadata.js';

const SFN = resolveService('states', 'optimized');
const naming = (): typeof OPTIMIZED_NAMING.sfn => OPTIMIZED_NAMING.sfn;

function object(value: JsonValue | undefined): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function parseJson(value: JsonValue | undefined): JsonValue | undefined {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

async function describe(call: IntegrationCall, executionArn: string): Promise<Record<string, JsonValue>> {
  const { output, outputSchema } = await call.clients.call(
    SFN,
    'describeExecution',
    { ExecutionArn: executionArn },
    call.context.signal,
    call.resource,
    naming,
  );
  return object(await fromSdkOutput(output, outputSchema, 'epochMillis'));
}

/** Stops the child when the parent task is cancelled (timeout, stop, a failed sibling), as Step Functions does. */
async function stopChild(call: IntegrationCall, executionArn: string): Promise<void> {
  try {
    await call.clients.call(
      SFN,
      'stopExecution',
      { ExecutionArn: executionArn },
      new AbortController().signal,
      call.resource,
      naming,
    );
  } catch {
    // Best effort: the child may have ended meanwhile.
  }
}

/**
 * Runs `arn:aws:states:::states:startExecution` in its three patterns: request-response (the StartExecution
 * result with SDK metadata), `.sync` (waits, then the DescribeExecution result with `Input`/`Output` as JSON
 * text) and `.sync:2` (the same with `Input`/`Output` parsed); `.waitForTaskToken` starts the child and leaves
 * the wait to the interpreter.
 *
 * @remarks
 * `Input` may be an object (sent as its JSON text) or a string; absent, it is `{}`. `.sync` polls
 * DescribeExecution every `pollIntervalMs` of `clock`. A child that fails, times out or is aborted fails the
 * task with `States.TaskFailed` and the DescribeExecution JSON as cause; StartExecution errors are
 * `StepFunctions.<Exception>` (e.g. `StepFunctions.StateMachineDoesNotExistException`).
 * @internal
 */
export async function runStartExecution(call: IntegrationCall): Promise<JsonValue> {
  const { parsed, resource } = call;
  if (parsed.action !== 'startExecution') {
    throw new UnsupportedIntegrationError(
      resource,
      `Step Functions has no optimized integration 'states:${parsed.action}'; call the API through arn:aws:states:::aws-sdk:sfn:${parsed.action}`,
    );
  }
  const params = { ...object(call.params) };
  if (params.Input === undefined) params.Input = {};
  const { output, outputSchema } = await call.clients.call(
    SFN,
    'startExecution',
    params,
    call.context.signal,
    resource,
    naming,
  );
  const started = object(await fromSdkOutput(output, outputSchema, 'epochMillis'));
  if (parsed.pattern !== 'sync' && parsed.pattern !== 'sync:2') {
    return withSdkMetadata(started, output.$metadata, 'application/x-amz-json-1.0');
  }
  const executionArn = typeof started.ExecutionArn === 'string' ? started.ExecutionArn : '';
  const signal = call.context.signal;
  let described: Record<string, JsonValue>;
  try {
    for (;;) {
      described = await describe(call, executionArn);
      if (described.Status !== 'RUNNING' && described.Status !== 'PENDING_REDRIVE') break;
      await call.clock.sleep(call.pollIntervalMs, signal);
    }
  } catch (e) {
    if (signal.aborted) await stopChild(call, executionArn);
    throw e;
  }
  if (parsed.pattern === 'sync:2') {
    described = { ...described };
    for (const key of ['Input', 'Output'] as const) {
      const value = parseJson(described[key]);
      if (value !== undefined) described[key] = value;
    }
  }
  if (described.Status !== 'SUCCEEDED') throw new TaskFailure('States.TaskFailed', JSON.stringify(described));
  return described;
}
