import type { AwsSdkInvokerOptions } from '@step/integrations';

/**
 * Where the stand-in's unmocked service integrations (DynamoDB, SQS, SNS, EventBridge, any `aws-sdk:*`) go:
 * the `integrations` option of `createLocalServer`.
 */
export interface IntegrationSettings {
  /** One endpoint for every service; default `AWS_ENDPOINT_URL`, else the stand-in itself. */
  endpoint?: string;
  /**
   * Endpoints by Step Functions service name (`dynamodb`, `sqs`, `sns`, `eventbridge`, `sfn`, `secretsmanager`...);
   * default `AWS_ENDPOINT_URL_<SERVICE>`.
   */
  endpoints?: Readonly<Record<string, string>>;
  /** Region of the clients; default `AWS_REGION`, else `us-east-1`. */
  region?: string;
  /**
   * Credentials of the clients. Default: fixed local ones while every call goes to the stand-in, else the SDK's
   * credential chain (a sandbox account, another emulator).
   */
  credentials?: unknown;
  /** More client configuration, e.g. `{ maxAttempts: 1 }`. */
  clientConfig?: Readonly<Record<string, unknown>>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'AKIASTEPLOCAL0000000', secretAccessKey: 'step-local' };
const ENDPOINT_VAR = /^AWS_ENDPOINT_URL_([A-Z0-9_]+)$/;

/**
 * Turns the `integrations` option, the environment and the stand-in's URL into the options of
 * `createAwsSdkInvoker`. Pure.
 *
 * @remarks
 * Precedence for each service, first set wins: `endpoints[service]`, `endpoint` (both options),
 * `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL` (the SDK's own variables; `<SERVICE>` is the service name
 * upper-cased, words joined by `_`: `SECRETS_MANAGER` is `secretsmanager`), then the stand-in itself. So by default
 * every integration reaches the built-in services, and nothing reaches AWS unless an endpoint says so.
 * @internal
 */
export function resolveIntegrationSettings(
  settings: IntegrationSettings,
  env: Readonly<Record<string, string | undefined>>,
  standInUrl: string,
): AwsSdkInvokerOptions {
  const endpoints: Record<string, string> = {};
  if (settings.endpoint === undefined) {
    for (const [name, value] of Object.entries(env)) {
      const m = ENDPOINT_VAR.exec(name);
      if (m !== null && value !== undefined && value !== '') endpoints[m[1]!.replace(/_/g, '').toLowerCase()] = value;
    }
  }
  Object.assign(endpoints, settings.endpoints);
  const envEndpoint = env.AWS_ENDPOINT_URL === '' ? undefined : env.AWS_ENDPOINT_URL;
  const endpoint = settings.endpoint ?? envEndpoint ?? standInUrl;
  const onlyStandIn = endpoint === standInUrl && Object.values(endpoints).every((url) => url === standInUrl);
  const credentials = settings.credentials ?? (onlyStandIn ? LOCAL_CREDENTIALS : undefined);
  const s3AtStandIn = (endpoints.s3 ?? endpoint) === standInUrl;
  return {
    endpoint,
    endpoints,
    region: settings.region ?? (env.AWS_REGION === '' ? undefined : env.AWS_REGION) ?? 'us-east-1',
    ...(credentials === undefined ? {} : { credentials }),
    clientConfig: { ...(s3AtStandIn ? { forcePathStyle: true } : {}), ...settings.clientConfig },
  };
}
