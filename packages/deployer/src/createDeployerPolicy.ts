import { partitionOf } from './release.js';

/**
 * An IAM policy document.
 *
 * @example
 * ```ts
 * import type { PolicyDocument } from '@step/deployer';
 *
 * const empty: PolicyDocument = { Version: '2012-10-17', Statement: [] };
 * ```
 */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * One statement of a {@link PolicyDocument}.
 *
 * @example
 * ```ts
 * import type { PolicyStatement } from '@step/deployer';
 *
 * const s: PolicyStatement = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
 * ```
 */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * Options of {@link createDeployerPolicy}.
 *
 * @example
 * ```ts
 * import type { DeployerPolicyOptions } from '@step/deployer';
 *
 * const options: DeployerPolicyOptions = { bucket: 'step-deployer-123456789012', account: '123456789012' };
 * ```
 */
export interface DeployerPolicyOptions {
  /** The release bucket. */
  bucket: string;
  /** The account of the deployer and of the resources it deploys in that account. */
  account: string;
  /** Region used for the partition (default `us-east-1`, partition `aws`). */
  region?: string;
  /** The deployer Lambda's function name, for its log group (default `step-deployer`). */
  functionName?: string;
  /** Role name assumed in other accounts (default `step-deployer-assumed`). */
  assumeRoleName?: string;
  /** Other accounts the deployer may deploy to (none by default). */
  targetAccounts?: string[];
}

const TAG_CONDITION = { StringEquals: { 'aws:ResourceTag/DeployWith': 'step-deployer' } };

function resourceStatements(partition: string, account: string): PolicyStatement[] {
  return [
    {
      Sid: 'ReadFunctionTags',
      Effect: 'Allow',
      Action: 'lambda:ListTags',
      Resource: `arn:${partition}:lambda:*:${account}:function:*`,
    },
    {
      Sid: 'UpdateCodeOfStepDeployerFunctions',
      Effect: 'Allow',
      Action: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode'],
      Resource: `arn:${partition}:lambda:*:${account}:function:*`,
      Condition: TAG_CONDITION,
    },
    {
      Sid: 'ReadStateMachinesToCheckThem',
      Effect: 'Allow',
      Action: ['states:DescribeStateMachine', 'states:ListTagsForResource'],
      Resource: `arn:${partition}:states:*:${account}:stateMachine:*`,
    },
    {
      Sid: 'UpdateStepDeployerStateMachines',
      Effect: 'Allow',
      Action: 'states:UpdateStateMachine',
      Resource: `arn:${partition}:states:*:${account}:stateMachine:*`,
      Condition: TAG_CONDITION,
    },
  ];
}

/**
 * The least-privilege IAM policy of the deployer Lambda's role.
 *
 * @remarks
 * Read, write and delete objects in the release bucket only (and an explicit Deny on every other S3 resource);
 * read tags and state machines to check them; read (GetFunctionConfiguration, not the code) and update only functions and state machines
 * tagged `DeployWith=step-deployer`;
 * assume `assumeRoleName` in `targetAccounts`; write its own logs. No `iam:PassRole` (the deployer never changes
 * a role) and no DynamoDB (locks live in S3).
 *
 * @example
 * ```ts
 * import { createDeployerPolicy } from '@step/deployer';
 *
 * const policy = createDeployerPolicy({ bucket: 'step-deployer-123456789012', account: '123456789012' });
 * ```
 */
export function createDeployerPolicy(options: DeployerPolicyOptions): PolicyDocument {
  const partition = partitionOf(options.region);
  const bucketArn = `arn:${partition}:s3:::${options.bucket}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReleaseBucketObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${bucketArn}/*`,
    },
    { Sid: 'ReleaseBucketListForNotFound', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
    { Sid: 'NoOtherS3', Effect: 'Deny', Action: 's3:*', NotResource: [bucketArn, `${bucketArn}/*`] },
    ...resourceStatements(partition, options.account),
    {
      Sid: 'OwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:${partition}:logs:*:${options.account}:log-group:/aws/lambda/${options.functionName ?? 'step-deployer'}:*`,
    },
  ];
  const targets = options.targetAccounts ?? [];
  if (targets.length > 0) {
    statements.push({
      Sid: 'AssumeDeployRoleInTargetAccounts',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: targets.map(
        (a) => `arn:${partition}:iam::${a}:role/${options.assumeRoleName ?? 'step-deployer-assumed'}`,
      ),
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Options of {@link createAssumedRolePolicy}.
 *
 * @example
 * ```ts
 * import type { AssumedRolePolicyOptions } from '@step/deployer';
 *
 * const options: AssumedRolePolicyOptions = { account: '2', bucket: 'b', deployerRoleArn: 'arn:aws:iam::1:role/d' };
 * ```
 */
export interface AssumedRolePolicyOptions {
  /** The account the role lives in (the deploy target). */
  account: string;
  /** The release bucket (in the deployer's account); UpdateFunctionCode reads lambda.zip from it. */
  bucket: string;
  /** ARN of the deployer Lambda's role, trusted to assume this one. */
  deployerRoleArn: string;
  region?: string;
}

/**
 * The policy and trust policy of the role the deployer assumes in another account.
 *
 * @remarks
 * The release bucket's bucket policy must also let this role `s3:GetObject` (Lambda reads the zip with the
 * caller's permissions), and the bucket must be in the target functions' region.
 *
 * @example
 * ```ts
 * import { createAssumedRolePolicy } from '@step/deployer';
 *
 * const { policy, trustPolicy } = createAssumedRolePolicy({ account: '222222222222', bucket: 'b', deployerRoleArn: 'arn:aws:iam::111111111111:role/step-deployer' });
 * ```
 */
export function createAssumedRolePolicy(options: AssumedRolePolicyOptions): {
  policy: PolicyDocument;
  trustPolicy: PolicyDocument;
} {
  const partition = partitionOf(options.region);
  return {
    policy: {
      Version: '2012-10-17',
      Statement: [
        ...resourceStatements(partition, options.account),
        {
          Sid: 'ReadReleaseZips',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: `arn:${partition}:s3:::${options.bucket}/*`,
        },
      ],
    },
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustTheDeployer',
          Effect: 'Allow',
          Principal: { AWS: options.deployerRoleArn },
          Action: 'sts:AssumeRole',
        },
      ],
    },
  };
}
