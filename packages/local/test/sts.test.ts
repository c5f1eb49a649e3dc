import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { STSServiceException } from '@aws-sdk/client-sts';
import { clientConfig, startServer } from './helpers.js';

describe('STS', () => {
  it.each([
    { name: 'the default account', options: {}, account: '000000000000' },
    { name: 'a configured account', options: { accountId: '123456789012' }, account: '123456789012' },
  ])('answers GetCallerIdentity with $name', async ({ options, account }) => {
    // Prepare
    const { server, stop } = await startServer(options);
    const sts = new STSClient(clientConfig(server));

    // Act
    const id = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    await stop();

    // Assess
    expect(id.Account).toBe(account);
    expect(id.Arn).toBe(`arn:aws:iam::${account}:root`);
  });

  it('hands out credentials whose identity is the assumed role', async () => {
    // Prepare
    const { server, stop } = await startServer();
    const sts = new STSClient(clientConfig(server));

    // Act
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::111122223333:role/step/deployer-assumed',
        RoleSessionName: 'deploy',
      }),
    );
    const asRole = new STSClient({
      ...clientConfig(server),
      credentials: {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      },
    });
    const id = await asRole.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    asRole.destroy();
    await stop();

    // Assess
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/deployer-assumed/deploy');
    expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(id.Account).toBe('111122223333');
    expect(id.Arn).toBe('arn:aws:sts::111122223333:assumed-role/deployer-assumed/deploy');
  });

  it('answers ValidationError for a malformed role ARN', async () => {
    // Prepare
    const { server, stop } = await startServer();
    const sts = new STSClient(clientConfig(server));

    // Act
    const error = await sts
      .send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'x1' }))
      .catch((e: unknown) => e as STSServiceException);
    sts.destroy();
    await stop();

    // Assess
    expect(error).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
  });
});
