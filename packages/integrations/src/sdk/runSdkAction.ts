import type { JsonValue } from '@step/asl';
import { UnsupportedIntegrationError } from '../errors.js';
import type { IntegrationCall } from '../IntegrationCall.js';
import { fromSdkOutput } from './fromSdkOutput.js';
import { resolveService, sdkErrorPrefix } from './resolveService.js';

/**
 * Runs `arn:aws:states:::aws-sdk:<service>:<action>` (and its `.waitForTaskToken` form) through the service's
 * AWS SDK v3 package and returns the API response as Step Functions presents it.
 *
 * @remarks
 * The package is `@aws-sdk/client-<service>` (a few names differ, e.g. `secretsmanager` ->
 * `@aws-sdk/client-secrets-manager`) and must be installed in the user's project. Errors are
 * `<Service>.<Exception>` in the AWS SDK for Java 2.x naming that Step Functions uses (`S3.NoSuchKeyException`,
 * `DynamoDb.ConditionalCheckFailedException`, `Sfn.InvalidTokenException`). `.sync` is not available for
 * `aws-sdk` integrations, as on AWS.
 * @internal
 */
export async function runSdkAction(call: IntegrationCall): Promise<JsonValue> {
  const { parsed, resource } = call;
  if (parsed.pattern === 'sync' || parsed.pattern === 'sync:2') {
    throw new UnsupportedIntegrationError(
      resource,
      `AWS SDK integrations have no '.${parsed.pattern}' pattern; use request-response or '.waitForTaskToken'`,
    );
  }
  const info = resolveService(parsed.service, 'sdk');
  const { output, outputSchema } = await call.clients.call(
    info,
    parsed.action,
    call.params,
    call.context.signal,
    resource,
    (client) => ({
      style: 'sdk',
      prefix: sdkErrorPrefix(info.service, client.config?.serviceId),
    }),
  );
  return fromSdkOutput(output, outputSchema, 'iso');
}
