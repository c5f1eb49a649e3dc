import type { JsonValue } from '@step/asl';
import { UnsupportedIntegrationError } from '../errors.js';
import type { IntegrationCall } from '../IntegrationCall.js';
import type { IntegrationPattern } from '../parseResource.js';
import { fromSdkOutput } from '../sdk/fromSdkOutput.js';
import { resolveService } from '../sdk/resolveService.js';
import { TaskFailure } from '../TaskFailure.js';
import { OPTIMIZED_NAMING } from './OPTIMIZED_NAMING.js';
import { withSdkMetadata } from './withSdkMetadata.js';

interface ServiceAction {
  actions: readonly string[];
  patterns: readonly IntegrationPattern[];
  /** Content type of the AWS API behind the integration, for `SdkHttpMetadata`; none: the result has no metadata. */
  contentType?: string;
  prepare?: (params: JsonValue, call: IntegrationCall) => JsonValue;
  check?: (output: Record<string, JsonValue>) => void;
}

function object(value: JsonValue | undefined): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

/** The `StateMachine.Id` and `Execution.Id` of the context object, which EventBridge entries carry as Resources. */
function executionResources(call: IntegrationCall): string[] {
  const ctx = object(call.context.contextObject);
  return [object(ctx.StateMachine).Id, object(ctx.Execution).Id].filter((v): v is string => typeof v === 'string');
}

const SERVICE_ACTIONS: Readonly<Record<string, ServiceAction>> = {
  dynamodb: {
    actions: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
    patterns: ['requestResponse'],
    contentType: 'application/x-amz-json-1.0',
  },
  sqs: { actions: ['sendMessage'], patterns: ['requestResponse', 'waitForTaskToken'], contentType: 'text/xml' },
  sns: { actions: ['publish'], patterns: ['requestResponse', 'waitForTaskToken'], contentType: 'text/xml' },
  eventbridge: {
    actions: ['putEvents'],
    patterns: ['requestResponse', 'waitForTaskToken'],
    // Step Functions appends the state machine and execution ARNs to each entry's Resources.
    prepare: (params, call) => {
      const p = object(params);
      if (!Array.isArray(p.Entries)) return params;
      const extra = executionResources(call);
      const Entries = p.Entries.map((entry): JsonValue => {
        const e = object(entry);
        const resources = Array.isArray(e.Resources) ? e.Resources : [];
        return { ...e, Resources: [...resources, ...extra] };
      });
      return { ...p, Entries };
    },
    check: (output) => {
      if (typeof output.FailedEntryCount === 'number' && output.FailedEntryCount > 0) {
        throw new TaskFailure('EventBridge.FailedEntry', JSON.stringify(output));
      }
    },
  },
};

/**
 * Runs an optimized DynamoDB (`getItem`, `putItem`, `updateItem`, `deleteItem`), SQS (`sendMessage`), SNS
 * (`publish`) or EventBridge (`putEvents`) integration and returns its result as Step Functions presents it.
 * @internal
 */
export async function runServiceAction(call: IntegrationCall): Promise<JsonValue> {
  const { parsed, resource } = call;
  const info = resolveService(parsed.service, 'optimized');
  const spec = SERVICE_ACTIONS[info.service];
  if (spec === undefined || !spec.actions.includes(parsed.action)) {
    throw new UnsupportedIntegrationError(
      resource,
      `Step Functions has no optimized integration '${parsed.service}:${parsed.action}'; ` +
        `call the API through arn:aws:states:::aws-sdk:${info.service}:${parsed.action}`,
    );
  }
  if (!spec.patterns.includes(parsed.pattern)) {
    throw new UnsupportedIntegrationError(
      resource,
      `'${parsed.service}:${parsed.action}' supports ${spec.patterns.map((p) => `'${p}'`).join(', ')} only`,
    );
  }
  const naming = OPTIMIZED_NAMING[info.service as keyof typeof OPTIMIZED_NAMING];
  const params = spec.prepare === undefined ? call.params : spec.prepare(call.params, call);
  const { output, outputSchema } = await call.clients.call(
    info,
    parsed.action,
    params,
    call.context.signal,
    resource,
    () => naming,
  );
  const result = object(await fromSdkOutput(output, outputSchema, 'epochMillis'));
  spec.check?.(result);
  return spec.contentType === undefined ? result : withSdkMetadata(result, output.$metadata, spec.contentType);
}
