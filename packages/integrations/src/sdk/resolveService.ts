/**
 * Where Step Functions' service names (the `<service>` of `aws-sdk:<service>:<action>`) differ from the AWS SDK
 * v3 package name `@aws-sdk/client-<service>`. Every other name maps to `@aws-sdk/client-<service>` unchanged
 * (`sfn`, `eventbridge`, `dynamodb`, `s3`, `sqs`, `sns`, `lambda`, `kms`, `sts`, `athena`, `glue`, `ec2`, `ecs`...).
 */
const PACKAGE_NAMES: Readonly<Record<string, string>> = {
  acmpca: 'acm-pca',
  apigateway: 'api-gateway',
  apigatewayv2: 'apigatewayv2',
  applicationautoscaling: 'application-auto-scaling',
  autoscaling: 'auto-scaling',
  cloudwatch: 'cloudwatch',
  cloudwatchevents: 'cloudwatch-events',
  cloudwatchlogs: 'cloudwatch-logs',
  codebuild: 'codebuild',
  codecommit: 'codecommit',
  codepipeline: 'codepipeline',
  cognitoidentity: 'cognito-identity',
  cognitoidentityprovider: 'cognito-identity-provider',
  costexplorer: 'cost-explorer',
  databasemigration: 'database-migration-service',
  directconnect: 'direct-connect',
  dynamodbstreams: 'dynamodb-streams',
  ebs: 'ebs',
  elasticache: 'elasticache',
  elasticbeanstalk: 'elastic-beanstalk',
  elasticloadbalancing: 'elastic-load-balancing',
  elasticloadbalancingv2: 'elastic-load-balancing-v2',
  emrcontainers: 'emr-containers',
  emrserverless: 'emr-serverless',
  firehose: 'firehose',
  iotdataplane: 'iot-data-plane',
  kinesisanalytics: 'kinesis-analytics',
  kinesisanalyticsv2: 'kinesis-analytics-v2',
  lexmodelsv2: 'lex-models-v2',
  lexruntimev2: 'lex-runtime-v2',
  opensearch: 'opensearch',
  resourcegroupstaggingapi: 'resource-groups-tagging-api',
  route53domains: 'route-53-domains',
  route53: 'route-53',
  s3control: 's3-control',
  sagemaker: 'sagemaker',
  sagemakerruntime: 'sagemaker-runtime',
  secretsmanager: 'secrets-manager',
  servicecatalog: 'service-catalog',
  servicediscovery: 'servicediscovery',
  ssm: 'ssm',
  ssoadmin: 'sso-admin',
  stepfunctions: 'sfn',
  transcribe: 'transcribe',
};

/**
 * The `aws-sdk` error prefixes that do not follow from the client's service id by {@link pascalCaseServiceId}.
 */
const ERROR_PREFIXES: Readonly<Record<string, string>> = {
  // Recorded against AWS: `Sfn.InvalidTokenException`, `DynamoDb.ResourceNotFoundException`.
  sfn: 'Sfn',
  dynamodb: 'DynamoDb',
  iot: 'Iot',
};

/**
 * The client key of an optimized integration's service: `states` -> `sfn`, `events` -> `eventbridge`.
 */
const OPTIMIZED_SERVICES: Readonly<Record<string, string>> = { states: 'sfn', events: 'eventbridge' };

/**
 * What the invoker needs to reach one AWS service.
 *
 * @example
 * ```ts
 * const s: ServiceInfo = { service: 'secretsmanager', packageName: '@aws-sdk/client-secrets-manager' };
 * ```
 */
export interface ServiceInfo {
  /** The key of `clients` and `endpoints`: Step Functions' `aws-sdk` service name (`sfn`, `eventbridge`, `s3`...). */
  service: string;
  /** The AWS SDK v3 package, e.g. `@aws-sdk/client-secrets-manager`. */
  packageName: string;
}

/**
 * Resolves a resource's service name to its client key and AWS SDK v3 package.
 *
 * @example
 * ```ts
 * resolveService('states', 'optimized'); // { service: 'sfn', packageName: '@aws-sdk/client-sfn' }
 * resolveService('secretsmanager', 'sdk').packageName; // '@aws-sdk/client-secrets-manager'
 * ```
 */
export function resolveService(name: string, kind: 'optimized' | 'sdk'): ServiceInfo {
  const service = kind === 'optimized' ? (OPTIMIZED_SERVICES[name] ?? name) : name;
  return { service, packageName: `@aws-sdk/client-${PACKAGE_NAMES[service] ?? service}` };
}

/**
 * The `<Service>` of an `aws-sdk` integration's error names (`<Service>.<Exception>`): the client's service id in
 * PascalCase word by word, as the AWS SDK for Java 2.x names its clients (`DynamoDB` -> `DynamoDb`, `SFN` ->
 * `Sfn`, `ACM PCA` -> `AcmPca`, `Secrets Manager` -> `SecretsManager`, `S3` -> `S3`).
 *
 * @example
 * ```ts
 * sdkErrorPrefix('secretsmanager', 'Secrets Manager'); // 'SecretsManager'
 * ```
 */
export function sdkErrorPrefix(service: string, serviceId: string | undefined): string {
  return (
    ERROR_PREFIXES[service] ?? (serviceId === undefined ? pascalCaseServiceId(service) : pascalCaseServiceId(serviceId))
  );
}

/**
 * PascalCase of a service id, word by word; a run of capitals is one word (`DB`, `PCA`), digits stay attached.
 */
export function pascalCaseServiceId(serviceId: string): string {
  const words = serviceId.match(/[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+/g) ?? [serviceId];
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
}
