import type { JsonValue } from '@step/asl';
import { RealClock } from '@step/interpreter';
import type { Clock, ResourceInvoker } from '@step/interpreter';
import { UnsupportedIntegrationError } from './errors.js';
import type { IntegrationCall } from './IntegrationCall.js';
import { invokeFunction, runLambdaInvoke } from './optimized/invokeLambda.js';
import { runServiceAction } from './optimized/runServiceAction.js';
import { runStartExecution } from './optimized/startExecution.js';
import { parseResource } from './parseResource.js';
import { runSdkAction } from './sdk/runSdkAction.js';
import { SdkClients } from './sdk/SdkClients.js';
import type { SdkClientSettings } from './sdk/SdkClients.js';

/**
 * Options of {@link createAwsSdkInvoker}.
 *
 * @example
 * ```ts
 * const options: AwsSdkInvokerOptions = {
 *   region: 'us-east-1',
 *   endpoint: 'http://127.0.0.1:4566',
 *   clientConfig: { forcePathStyle: true },
 *   clock: new VirtualClock(),
 * };
 * ```
 */
export interface AwsSdkInvokerOptions extends SdkClientSettings {
  /**
   * Paces `.sync` polling of child executions. Pass the execution's clock (a `VirtualClock` in tests); default a
   * real clock.
   */
  clock?: Clock;
  /** Interval between two DescribeExecution calls of a `.sync` task, in milliseconds of `clock`; default 1000. */
  pollIntervalMs?: number;
}

/**
 * Builds a {@link ResourceInvoker} that runs unmocked Task states against AWS (or an emulator) through the AWS
 * SDK v3: the optimized integrations (`lambda:invoke`, `dynamodb:getItem/putItem/updateItem/deleteItem`,
 * `sqs:sendMessage`, `sns:publish`, `events:putEvents`, `states:startExecution` with `.sync` and `.sync:2`),
 * legacy Lambda function ARNs, and any `aws-sdk:<service>:<action>`.
 *
 * @remarks
 * Parameters map to the command input, and results and errors come back as Step Functions presents them (see
 * the package README for each integration). `.waitForTaskToken` resources send their request (the token is in
 * the parameters) and the interpreter waits for `SendTaskSuccess`/`SendTaskFailure`. A failed call throws a
 * {@link TaskFailure} whose name is the Step Functions error; a setup mistake (a client package that is not
 * installed, an integration AWS does not have) throws an {@link IntegrationError}, which the interpreter also
 * reports as the task's failure. Client packages (`@aws-sdk/client-<service>`) are imported on first use from
 * the user's project.
 *
 * @example
 * ```ts
 * import { runExecution, VirtualClock } from '@step/interpreter';
 * import { createAwsSdkInvoker } from '@step/integrations';
 *
 * const clock = new VirtualClock();
 * const invoke = createAwsSdkInvoker({ endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', clock });
 * const result = await runExecution(definition, { input: { orderId: '42' }, invoke, clock });
 * ```
 */
export function createAwsSdkInvoker(options: AwsSdkInvokerOptions = {}): ResourceInvoker {
  const clients = new SdkClients(options);
  const clock = options.clock ?? new RealClock();
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  return async (resource: string, input: JsonValue, context) => {
    const parsed = parseResource(resource);
    if (parsed === undefined) {
      throw new UnsupportedIntegrationError(
        resource,
        'only AWS service integrations and Lambda functions can be called; register a handler for it or mock it',
      );
    }
    const call: IntegrationCall = { resource, parsed, params: input, context, clients, clock, pollIntervalMs };
    if (parsed.kind === 'function') return invokeFunction(call);
    if (parsed.kind === 'sdk') return runSdkAction(call);
    if (parsed.service === 'lambda') {
      if (parsed.action !== 'invoke') {
        throw new UnsupportedIntegrationError(
          resource,
          `call the Lambda API through arn:aws:states:::aws-sdk:lambda:${parsed.action}`,
        );
      }
      return runLambdaInvoke(call);
    }
    if (parsed.service === 'states') return runStartExecution(call);
    return runServiceAction(call);
  };
}
