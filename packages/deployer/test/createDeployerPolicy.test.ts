import { createAssumedRolePolicy, createDeployerPolicy } from '../src/createDeployerPolicy.js';

describe('createDeployerPolicy', () => {
  it('grants the release bucket only, and denies every other S3 resource', () => {
    // Act
    const policy = createDeployerPolicy({ bucket: 'releases', account: '123456789012' });

    // Assess
    const s3 = policy.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      expect.objectContaining({ Effect: 'Allow', Resource: 'arn:aws:s3:::releases/*' }),
      expect.objectContaining({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::releases' }),
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::releases', 'arn:aws:s3:::releases/*'] }),
    ]);
  });

  it('lets the deployer update only resources tagged DeployWith=step-deployer', () => {
    // Act
    const policy = createDeployerPolicy({ bucket: 'releases', account: '123456789012' });

    // Assess
    const updates = policy.Statement.filter((s) => [s.Action].flat().some((a) => /Update/.test(a)));
    expect(updates.map((s) => s.Action)).toEqual([['lambda:GetFunction', 'lambda:UpdateFunctionCode'], 'states:UpdateStateMachine']);
    expect(updates.every((s) => s.Condition?.StringEquals?.['aws:ResourceTag/DeployWith'] === 'step-deployer')).toBe(true);
  });

  it('grants no DynamoDB, no PassRole and no AssumeRole without target accounts', () => {
    const actions = createDeployerPolicy({ bucket: 'b', account: '1' }).Statement.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /^(dynamodb|iam|sts):/.test(a))).toEqual([]);
  });

  it('assumes only the named role in the listed accounts, in the right partition', () => {
    // Act
    const policy = createDeployerPolicy({ bucket: 'b', account: '1', region: 'us-gov-west-1', assumeRoleName: 'deployer', targetAccounts: ['2', '3'] });

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
    const { policy, trustPolicy } = createAssumedRolePolicy({ account: '2', bucket: 'releases', deployerRoleArn: 'arn:aws:iam::1:role/step-deployer' });

    // Assess
    expect(trustPolicy.Statement[0]).toMatchObject({ Principal: { AWS: 'arn:aws:iam::1:role/step-deployer' }, Action: 'sts:AssumeRole' });
    expect(policy.Statement.find((s) => s.Sid === 'ReadReleaseZips')?.Resource).toBe('arn:aws:s3:::releases/*');
  });
});
