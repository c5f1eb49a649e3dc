/**
 * Where the fake values of a template's resources come from: the pseudo parameters of the stack.
 *
 * @example
 * ```ts
 * const env: StackEnvironment = { region: 'us-east-1', accountId: '123456789012', partition: 'aws', stackName: 'local' };
 * ```
 */
export interface StackEnvironment {
  /** `AWS::Region`. */
  region: string;
  /** `AWS::AccountId`. */
  accountId: string;
  /** `AWS::Partition`. */
  partition: string;
  /** `AWS::StackName`. */
  stackName: string;
}

/** What `Ref` of a resource returns: its physical name, its ARN, or (SQS) its URL. */
type RefKind = 'name' | 'arn' | 'url';

interface ResourceShape {
  /** The property that names the resource when it is a literal string (`FunctionName`...). */
  nameProperty?: string;
  ref: RefKind;
  /** The ARN of a resource of this type named `name`. */
  arn: (env: StackEnvironment, name: string) => string;
  /** `Fn::GetAtt` attributes other than `Arn`, by what they return. */
  attributes?: Record<string, RefKind | ((env: StackEnvironment, name: string) => string)>;
}

const regional =
  (service: string, resource: string) =>
  (env: StackEnvironment, name: string): string =>
    `arn:${env.partition}:${service}:${env.region}:${env.accountId}:${resource}${name}`;

const LAMBDA: ResourceShape = { nameProperty: 'FunctionName', ref: 'name', arn: regional('lambda', 'function:') };
const STATE_MACHINE_ARN = regional('states', 'stateMachine:');
const TABLE: ResourceShape = {
  nameProperty: 'TableName',
  ref: 'name',
  arn: regional('dynamodb', 'table/'),
  attributes: {
    StreamArn: (env, name) => `${regional('dynamodb', 'table/')(env, name)}/stream/1970-01-01T00:00:00.000`,
  },
};

/** The resource types whose Ref and Arn shapes are known (others fall back to the generic shape). */
const SHAPES: Readonly<Record<string, ResourceShape>> = {
  'AWS::Lambda::Function': LAMBDA,
  'AWS::Serverless::Function': LAMBDA,
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    ref: 'arn',
    arn: STATE_MACHINE_ARN,
    attributes: { Name: 'name', StateMachineName: 'name' },
  },
  'AWS::Serverless::StateMachine': {
    nameProperty: 'Name',
    ref: 'arn',
    arn: STATE_MACHINE_ARN,
    attributes: { Name: 'name' },
  },
  'AWS::StepFunctions::Activity': {
    nameProperty: 'Name',
    ref: 'arn',
    arn: regional('states', 'activity:'),
    attributes: { Name: 'name' },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: 'url',
    arn: regional('sqs', ''),
    attributes: { QueueName: 'name', QueueUrl: 'url' },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: 'arn',
    arn: regional('sns', ''),
    attributes: { TopicArn: 'arn', TopicName: 'name' },
  },
  'AWS::DynamoDB::Table': TABLE,
  'AWS::Serverless::SimpleTable': TABLE,
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: 'name',
    arn: (env, name) => `arn:${env.partition}:s3:::${name}`,
    attributes: {
      DomainName: (_env, name) => `${name}.s3.amazonaws.com`,
      RegionalDomainName: (env, name) => `${name}.s3.${env.region}.amazonaws.com`,
    },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    ref: 'name',
    arn: regional('events', 'event-bus/'),
    attributes: { Name: 'name' },
  },
  'AWS::Events::Rule': { nameProperty: 'Name', ref: 'name', arn: regional('events', 'rule/') },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: 'name',
    arn: (env, name) => `arn:${env.partition}:iam::${env.accountId}:role/${name}`,
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: 'name',
    arn: (env, name) => `${regional('logs', 'log-group:')(env, name)}:*`,
  },
  'AWS::SecretsManager::Secret': { nameProperty: 'Name', ref: 'arn', arn: regional('secretsmanager', 'secret:') },
  'AWS::ECS::Cluster': { nameProperty: 'ClusterName', ref: 'name', arn: regional('ecs', 'cluster/') },
  'AWS::ECS::TaskDefinition': {
    nameProperty: 'Family',
    ref: 'arn',
    arn: (env, name) => `${regional('ecs', 'task-definition/')(env, name)}:1`,
  },
  'AWS::Batch::JobQueue': { nameProperty: 'JobQueueName', ref: 'arn', arn: regional('batch', 'job-queue/') },
  'AWS::Batch::JobDefinition': {
    nameProperty: 'JobDefinitionName',
    ref: 'arn',
    arn: (env, name) => `${regional('batch', 'job-definition/')(env, name)}:1`,
  },
  'AWS::Kinesis::Stream': { nameProperty: 'Name', ref: 'name', arn: regional('kinesis', 'stream/') },
};

/**
 * The stand-in value of `Ref` (no `attribute`) or `Fn::GetAtt` (with one) of a template resource.
 *
 * @remarks
 * Pure and stable: the same template gives the same values on every run, so handlers and mocks can be keyed on them.
 * The resource's name is its name property (`FunctionName`, `QueueName`, `TableName`...), when `resolveName` turns it into a
 * string (the evaluator passes one that evaluates intrinsics such as `!Sub worker-${Env}`), or else its logical id
 * (lower-cased for S3 buckets). Known types get their real Ref and ARN shapes
 * (`arn:aws:lambda:us-east-1:123456789012:function:<name>`); any other type gets its logical id for `Ref`,
 * `arn:<partition>:<service>:<region>:<account>:<type>/<logical id>` for `Arn`, and `<logical id>.<attribute>` otherwise.
 *
 * @example
 * ```ts
 * const env = { region: 'us-east-1', accountId: '123456789012', partition: 'aws', stackName: 'local' };
 * fakeResourceValue('HelloFn', { Type: 'AWS::Lambda::Function' }, 'Arn', env);
 * // 'arn:aws:lambda:us-east-1:123456789012:function:HelloFn'
 * ```
 */
export function fakeResourceValue(
  logicalId: string,
  resource: unknown,
  attribute: string | undefined,
  env: StackEnvironment,
  resolveName: (value: unknown) => unknown = (value) => value,
): string {
  const type =
    typeof (resource as { Type?: unknown } | null)?.Type === 'string' ? (resource as { Type: string }).Type : '';
  const shape = SHAPES[type];
  const properties = (resource as { Properties?: Record<string, unknown> } | null)?.Properties;
  const given = shape?.nameProperty === undefined ? undefined : properties?.[shape.nameProperty];
  const literal = given === undefined ? undefined : resolveName(given);
  const name = typeof literal === 'string' ? literal : type === 'AWS::S3::Bucket' ? logicalId.toLowerCase() : logicalId;
  if (shape === undefined) {
    if (attribute === undefined) return logicalId;
    const [, service = 'cloudformation', kind = 'resource'] = type.split('::');
    return attribute === 'Arn'
      ? `arn:${env.partition}:${service.toLowerCase()}:${env.region}:${env.accountId}:${kind.toLowerCase()}/${logicalId}`
      : `${logicalId}.${attribute}`;
  }
  const of = (kind: RefKind): string =>
    kind === 'name'
      ? name
      : kind === 'arn'
        ? shape.arn(env, name)
        : `https://sqs.${env.region}.amazonaws.com/${env.accountId}/${name}`;
  if (attribute === undefined) return of(shape.ref);
  if (attribute === 'Arn') return of('arn');
  const known = shape.attributes?.[attribute];
  if (known === undefined) return `${logicalId}.${attribute}`;
  return typeof known === 'function' ? known(env, name) : of(known);
}
