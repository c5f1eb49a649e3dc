// The deployer's scenario table (packages/deployer/test/scenarios.ts) again, over real HTTP: the real AWS SDK v3
// clients against `step-cli local` (S3 with real conditional writes, Lambda, Step Functions, STS). The handlers
// run in-process; scenarios that need injected faults run only against the in-process fake.
import { LambdaClient, CreateFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients, AwsClientsFactory } from '@step/deployer';
import { createLocalServer } from '@step/local';
import type { LocalServer } from '@step/local';
import {
  ACCOUNT,
  BUCKET,
  KEYS,
  OLD_MACHINE,
  REGION,
  runDeployer,
  runScenario,
  SCENARIOS,
  ZIP,
  defaultSetup,
  mockRelease,
  deployerHandlers,
} from '../../../deployer/test/scenarios.js';
import type { World } from '../../../deployer/test/scenarios.js';
import { releasePaths } from '../../../deployer/src/release.js';

function httpWorld(server: LocalServer): World {
  const config = {
    endpoint: server.url,
    region: REGION,
    credentials: { accessKeyId: 'AKIASTEPLOCALTEST000', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  const clients: AwsClients = {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    lambda: new LambdaClient(config),
    sfn: new SFNClient(config),
    sts: new STSClient(config),
  };
  const factory: AwsClientsFactory = () => clients;
  const machineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:stepfnname`;
  return {
    clients: factory,
    realTime: true,
    async seed(setup) {
      const release = mockRelease();
      const paths = releasePaths({
        aws_account_id: ACCOUNT,
        project_name: 'project',
        config_name: 'development',
        release_id: release.release_id ?? '',
      });
      await clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      if (setup.s3Release !== undefined)
        await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: paths.release, Body: setup.s3Release }));
      if (setup.zip) await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: paths.zip, Body: setup.zip }));
      for (const [key, body] of Object.entries(setup.objects))
        await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      await clients.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'lambdaname',
          Role: `arn:aws:iam::${ACCOUNT}:role/fn`,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Code: { ZipFile: ZIP },
          Tags: setup.functionTags,
        }),
      );
      await clients.sfn.send(
        new CreateStateMachineCommand({
          name: 'stepfnname',
          definition: OLD_MACHINE,
          roleArn: setup.roleArn,
          tags: Object.entries(setup.machineTags).map(([key, value]) => ({ key, value })),
        }),
      );
    },
    async readObject(key) {
      try {
        const out = await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        return await out.Body?.transformToString();
      } catch (e) {
        if ((e as Error).name === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    async machineDefinition() {
      return (
        (await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }))).definition ?? ''
      );
    },
    async functionCodeSha256() {
      return (
        (await clients.lambda.send(new GetFunctionCommand({ FunctionName: 'lambdaname' }))).Configuration?.CodeSha256 ??
        ''
      );
    },
  };
}

let server: LocalServer;

beforeEach(async () => {
  server = await createLocalServer({ port: 0, accountId: ACCOUNT });
});

afterEach(async () => {
  await server.close();
});

describe('the deployer scenarios over HTTP against step-cli local', () => {
  const overHttp = SCENARIOS.filter((s) => !s.faults);

  it.each(overHttp.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    // Act
    const run = await runScenario(scenario, httpWorld(server));

    // Assess
    expect(run.result.path).toEqual(scenario.path);
    if (scenario.error) {
      expect(run.finalInput.error?.Error).toBe(scenario.error);
      expect(run.finalInput.error?.Cause).toMatch(scenario.cause ?? /./);
    } else {
      expect(run.finalInput.error).toBeUndefined();
    }
    if (scenario.rootLockReleased ?? true) expect(run.rootLock).toBeUndefined();
    else expect(run.rootLock).toBeDefined();
    if (scenario.releaseLockKept) expect(run.releaseLock).toBeDefined();
    const succeeded = scenario.path.at(-1) === 'Success';
    if (succeeded) {
      expect(JSON.parse(run.definition)).toEqual({ StartAt: 'WIN', States: { WIN: { Type: 'Succeed' } } });
    } else {
      expect(run.definition).toBe(run.before.definition);
      expect(run.codeSha).toBe(run.before.codeSha);
    }
  });

  it('lets exactly one of ten concurrent deploys take the root lock on the conditional-write S3', async () => {
    // Prepare
    const world = httpWorld(server);
    await world.seed(defaultSetup());
    const releases = Array.from({ length: 10 }, (_, i) => mockRelease({ release_id: `release-h${i}` }));
    const { s3 } = world.clients(REGION);
    for (const release of releases) {
      const paths = releasePaths({
        aws_account_id: ACCOUNT,
        project_name: 'project',
        config_name: 'development',
        release_id: release.release_id ?? '',
      });
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: paths.release, Body: JSON.stringify(release) }));
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: paths.zip, Body: ZIP }));
    }
    const handlers = deployerHandlers(world);
    let arrived = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const racing = {
      ...handlers,
      Lock: async (input: unknown) => {
        if (++arrived === releases.length) open();
        await gate;
        return handlers.Lock(input);
      },
    };

    // Act
    const outcomes = await Promise.all(releases.map((release) => runDeployer(world, release, racing)));

    // Assess
    const winners = outcomes.filter((o) => o.result.path.includes('ValidateResources'));
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.finalInput.error?.Error === 'LockExistsError')).toHaveLength(9);
    expect(await world.readObject(KEYS.rootLock)).toBeUndefined();
  });
});
