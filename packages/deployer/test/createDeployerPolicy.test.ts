import { readdirSync, readFileSync } from 'node:fs';
import { createAssumedRolePolicy, createDeployerPolicy } from '../src/createDeployerPolicy.js';

// The IAM action each SDK command of the deployer Lambda needs ('' for none: GetCallerIdentity is always allowed).
const ACTION_OF: Record<string, string> = {
  GetObjectCommand: 's3:GetObject',
  PutObjectCommand: 's3:PutObject',
  DeleteObjectCommand: 's3:DeleteObject',
  ListTagsCommand: 'lambda:ListTags',
  GetFunctionConfigurationCommand: 'lambda:GetFunctionConfiguration',
  UpdateFunctionCodeCommand: 'lambda:UpdateFunctionCode',
  DescribeStateMachineCommand: 'states:DescribeStateMachine',
  ListTagsForResourceCommand: 'states:ListTagsForResource',
  UpdateStateMachineCommand: 'states:UpdateStateMachine',
  AssumeRoleCommand: 'sts:AssumeRole',
  GetCallerIdentityCommand: '',
};

// Granted without a command of their own, and why.
const IMPLIED: Record<string, string> = {
  's3:GetObjectVersion': 'UpdateFunctionCode with S3ObjectVersion reads that object version as the caller',
  's3:ListBucket': 'without it a missing key answers 403, not the 404 NoSuchKey the lock and release reads rely on',
  'logs:CreateLogGroup': 'the Lambda runtime writes the deployer logs',
  'logs:CreateLogStream': 'the Lambda runtime writes the deployer logs',
  'logs:PutLogEvents': 'the Lambda runtime writes the deployer logs',
};

/** SDK commands sent by the deployer Lambda's code (src/client is the CLI side, run with the user's credentials). */
function commandsOfTheDeployerLambda(): Set<string> {
  const src = new URL('../src/', import.meta.url);
  const files = [
    'awsClients.ts',
    's3Lock.ts',
    's3Util.ts',
    'lambda/index.ts',
    ...readdirSync(new URL('handlers/', src)).map((f) => `handlers/${f}`),
  ];
  const commands = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(new URL(file, src), 'utf8').matchAll(/new (\w+Command)\(/g))
      commands.add(match[1]!);
  }
  return commands;
}

const allowedActions = (policy: ReturnType<typeof createDeployerPolicy>): string[] =>
  policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());

describe('createDeployerPolicy', () => {
  it('grants exactly the actions the deployer Lambda sends, plus the implied ones', () => {
    // Prepare
    const commands = commandsOfTheDeployerLambda();

    // Act
    const granted = allowedActions(
      createDeployerPolicy({ bucket: 'releases', account: '123456789012', targetAccounts: ['222222222222'] }),
    );

    // Assess
    const unknown = [...commands].filter((c) => !(c in ACTION_OF));
    expect(unknown).toEqual([]);
    const needed = [...commands].map((c) => ACTION_OF[c]!).filter((a) => a !== '');
    expect(needed.filter((a) => !granted.includes(a))).toEqual([]);
    expect(granted.filter((a) => !needed.includes(a) && !(a in IMPLIED))).toEqual([]);
    expect(granted.every((a) => !a.includes('*'))).toBe(true);
  });

  it('grants the release bucket only, and denies every other S3 resource', () => {
    // Act
    const policy = createDeployerPolicy({ bucket: 'releases', account: '123456789012' });

    // Assess
    const s3 = policy.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      expect.objectContaining({ Effect: 'Allow', Resource: 'arn:aws:s3:::releases/*' }),
      expect.objectContaining({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::releases' }),
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        NotResource: ['arn:aws:s3:::releases', 'arn:aws:s3:::releases/*'],
      }),
    ]);
  });

  it('lets the deployer update only resources tagged DeployWith=step-deployer', () => {
    // Act
    const policy = createDeployerPolicy({ bucket: 'releases', account: '123456789012' });

    // Assess
    const updates = policy.Statement.filter((s) => [s.Action].flat().some((a) => /Update/.test(a)));
    expect(updates.map((s) => s.Action)).toEqual([
      ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode'],
      'states:UpdateStateMachine',
    ]);
    expect(updates.every((s) => s.Condition?.StringEquals?.['aws:ResourceTag/DeployWith'] === 'step-deployer')).toBe(
      true,
    );
  });

  it('grants no DynamoDB, no PassRole and no AssumeRole without target accounts', () => {
    const actions = createDeployerPolicy({ bucket: 'b', account: '1' }).Statement.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /^(dynamodb|iam|sts):/.test(a))).toEqual([]);
  });

  it('assumes only the named role in the listed accounts, in the right partition', () => {
    // Act
    const policy = createDeployerPolicy({
      bucket: 'b',
      account: '1',
      region: 'us-gov-west-1',
      assumeRoleName: 'deployer',
      targetAccounts: ['2', '3'],
    });

    // Assess
    expect(policy.Statement.find((s) => s.Action === 'sts:AssumeRole')?.Resource).toEqual([
      'arn:aws-us-gov:iam::2:role/deployer',
      'arn:aws-us-gov:iam::3:role/deployer',
    ]);
  });
});

describe('createAssumedRolePolicy', () => {
  it('trusts the deployer role and can read release zips', () => {
    // Act
    const { policy, trustPolicy } = createAssumedRolePolicy({
      account: '2',
      bucket: 'releases',
      deployerRoleArn: 'arn:aws:iam::1:role/step-deployer',
    });

    // Assess
    expect(trustPolicy.Statement[0]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::1:role/step-deployer' },
      Action: 'sts:AssumeRole',
    });
    expect(policy.Statement.find((s) => s.Sid === 'ReadReleaseZips')?.Resource).toBe('arn:aws:s3:::releases/*');
    const needed = [...commandsOfTheDeployerLambda()].map((c) => ACTION_OF[c]);
    expect(allowedActions(policy).filter((a) => !needed.includes(a) && !(a in IMPLIED))).toEqual([]);
  });
});
