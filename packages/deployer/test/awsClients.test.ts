import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../src/awsClients.js';
import { readBodyText, sha256OfBody } from '../src/s3Util.js';
import { sha256Hex } from './helpers/FakeAws.js';

describe('createAwsClients', () => {
  it('caches clients per region, account and role', () => {
    // Prepare
    const factory = createAwsClients({ env: {} });

    // Act / Assess
    expect(factory('us-east-1', '1')).toBe(factory('us-east-1', '1'));
    expect(factory('us-east-1', '1')).not.toBe(factory('eu-west-1', '1'));
    expect(factory('us-east-1', '1')).not.toBe(factory('us-east-1', '1', 'arn:aws:iam::1:role/r'));
  });

  it('honours AWS_ENDPOINT_URL and switches S3 to path-style', async () => {
    // Act
    const { s3, sfn } = createAwsClients({ env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4599' } })('us-east-1');

    // Assess
    expect(s3.config.forcePathStyle).toBe(true);
    const endpoint = await sfn.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(endpoint?.port).toBe(4599);
  });

  it('uses the named profile for region and credentials', async () => {
    // Act
    const { s3 } = createAwsClients({ env: {}, profile: 'deploy' })('us-east-1');

    // Assess
    expect(s3.config.profile).toBe('deploy');
    expect(await s3.config.region()).toBe('us-east-1');
  });

  describe("the SDK's region chain, when no region is given", () => {
    const saved = {
      AWS_REGION: process.env.AWS_REGION,
      AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
      AWS_PROFILE: process.env.AWS_PROFILE,
    };
    afterEach(() => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it('reads AWS_REGION', async () => {
      // Prepare
      process.env.AWS_REGION = 'eu-west-3';

      // Act
      const region = await createAwsClients({ env: {} })(undefined).sts.config.region();

      // Assess
      expect(region).toBe('eu-west-3');
    });

    it("reads a named profile's region from the shared config file", async () => {
      // Prepare
      delete process.env.AWS_REGION;
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'step-aws-config-')), 'config');
      writeFileSync(file, '[profile deploy]\nregion = ap-south-1\n');
      process.env.AWS_CONFIG_FILE = file;

      // Act
      const region = await createAwsClients({ env: {}, profile: 'deploy' })(undefined).sts.config.region();

      // Assess
      expect(region).toBe('ap-south-1');
    });
  });

  it('assumes the role through STS and reuses the credentials until they expire', async () => {
    // Prepare
    const sts = mockClient(STSClient);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'AKIAASSUMED',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const { lambda } = createAwsClients({ env: {} })(
      'us-east-1',
      '222222222222',
      'arn:aws:iam::222222222222:role/step-deployer-assumed',
    );

    // Act
    const first = await lambda.config.credentials();
    const second = await lambda.config.credentials();

    // Assess
    expect(first.accessKeyId).toBe('AKIAASSUMED');
    expect(second.sessionToken).toBe('t');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toMatchObject({
      RoleArn: 'arn:aws:iam::222222222222:role/step-deployer-assumed',
    });
    sts.restore();
  });
});

describe('S3 bodies', () => {
  it.each([
    ['a string', 'hello'],
    ['bytes', Buffer.from('hello')],
    ['an SDK stream', { transformToByteArray: () => Promise.resolve(Buffer.from('hello')) }],
  ])('reads and hashes %s', async (_kind, body) => {
    expect(await readBodyText(body, 100)).toBe('hello');
    expect(await sha256OfBody(body)).toEqual({ sha256: sha256Hex('hello'), size: 5 });
  });

  it('refuses a body over its limit', async () => {
    await expect(readBodyText('x'.repeat(11), 10)).rejects.toThrow(/larger than 10 bytes/);
  });
});
