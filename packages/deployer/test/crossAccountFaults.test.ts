// A deploy into another account through the real createAwsClients: the SDK clients are mocked at the class level
// (aws-sdk-client-mock) and answered by FakeAws, and Lambda/SFN calls first resolve their credentials, so the
// STS AssumeRole of the configured role is a real call of the run, which faults can hit like any other.
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListTagsCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeStateMachineCommand,
  ListTagsForResourceCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../src/awsClients.js';
import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import { releasePaths } from '../src/release.js';
import type { Release } from '../src/release.js';
import type { CallRecord, Service } from './helpers/FakeAws.js';
import { FakeAws, sha256Base64 } from './helpers/FakeAws.js';
import { BUCKET, GOOD_TAGS, mockRelease, NOW, OLD_MACHINE, REGION, runDeployer, ZIP } from './scenarios.js';
import type { World } from './scenarios.js';

const OWN = '111111111111';
const TARGET = '222222222222';
const ROLE = `arn:aws:iam::${TARGET}:role/deployer-in-target`;
const FUNCTION = `arn:aws:lambda:${REGION}:${TARGET}:function:lambdaname`;
const MACHINE = `arn:aws:states:${REGION}:${TARGET}:stateMachine:stepfnname`;
const KEYS = releasePaths({
  aws_account_id: TARGET,
  project_name: 'project',
  config_name: 'development',
  release_id: 'release-1',
});

type AnyCommand = abstract new (...args: never[]) => unknown;
const COMMANDS: [AnyCommand, Service, string, [AnyCommand, string][]][] = [
  [
    S3Client,
    'S3',
    'none',
    [
      [GetObjectCommand, 'GetObject'],
      [PutObjectCommand, 'PutObject'],
      [DeleteObjectCommand, 'DeleteObject'],
    ],
  ],
  [STSClient, 'STS', 'none', [[AssumeRoleCommand, 'AssumeRole']]],
  [
    LambdaClient,
    'Lambda',
    'credentials',
    [
      [ListTagsCommand, 'ListTags'],
      [GetFunctionConfigurationCommand, 'GetFunctionConfiguration'],
      [UpdateFunctionCodeCommand, 'UpdateFunctionCode'],
    ],
  ],
  [
    SFNClient,
    'SFN',
    'credentials',
    [
      [DescribeStateMachineCommand, 'DescribeStateMachine'],
      [UpdateStateMachineCommand, 'UpdateStateMachine'],
      [ListTagsForResourceCommand, 'ListTagsForResource'],
    ],
  ],
];

let stubs: { restore(): void }[] = [];

/** Class-level mocks answered by `fake`; Lambda and SFN resolve their (assumed-role) credentials first, as the SDK would. */
function mockEveryClient(fake: FakeAws): void {
  for (const [clientClass, service, mode, commands] of COMMANDS) {
    const stub = mockClient(clientClass as unknown as typeof S3Client);
    for (const [command, op] of commands) {
      stub
        .on(command as unknown as typeof GetObjectCommand)
        .callsFake(async (input: Record<string, unknown>, getClient) => {
          if (mode === 'credentials') {
            const credentials = await getClient().config.credentials();
            if (credentials.accessKeyId !== 'AKIA') throw new Error('not the assumed role');
          }
          return fake.handle(service, op, input, {
            region: REGION,
            account: mode === 'credentials' ? TARGET : OWN,
            roleArn: mode === 'credentials' ? ROLE : undefined,
          });
        });
    }
    stubs.push(stub);
  }
}

afterEach(() => {
  for (const stub of stubs) stub.restore();
  stubs = [];
});

function crossAccountWorld(): { world: World; fake: FakeAws; release: Release } {
  const fake = new FakeAws({ region: REGION, account: TARGET });
  mockEveryClient(fake);
  const release = mockRelease({ aws_account_id: TARGET });
  fake.putObject(BUCKET, KEYS.release, JSON.stringify(release));
  fake.putObject(BUCKET, KEYS.zip, ZIP);
  fake.addFunction(FUNCTION, { ...GOOD_TAGS });
  fake.addStateMachine(MACHINE, {
    definition: OLD_MACHINE,
    roleArn: `arn:aws:iam::${TARGET}:role/step/project/development/r`,
    tags: { ...GOOD_TAGS },
  });
  // An unreachable endpoint: every call is answered by the mocks, none may leave the process.
  const clients = createAwsClients({ env: {}, endpoint: 'http://127.0.0.1:9' });
  const world: World = {
    clients,
    seed: () => Promise.resolve(),
    readObject: (key) => Promise.resolve(fake.getObjectText(BUCKET, key)),
    machineDefinition: () => Promise.resolve(fake.stateMachines.get(MACHINE)?.definition ?? ''),
    functionCodeSha256: () => Promise.resolve(fake.functions.get(FUNCTION)?.codeSha256 ?? ''),
  };
  return { world, fake, release };
}

function handlersFor(world: World) {
  return createDeployerHandlers({
    clients: world.clients,
    region: REGION,
    accountId: OWN,
    assumeRoleName: 'deployer-in-target',
    now: () => NOW,
    sleep: () => Promise.resolve(),
    updatePolls: 5,
  });
}

async function happyCalls(): Promise<CallRecord[]> {
  const { world, fake, release } = crossAccountWorld();
  const { result } = await runDeployer(world, release, handlersFor(world));
  expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
  const calls = [...fake.calls];
  for (const stub of stubs) stub.restore();
  stubs = [];
  return calls;
}

describe('a cross-account deploy through createAwsClients', () => {
  it('assumes the configured role through STS and deploys with it', async () => {
    // Act
    const calls = await happyCalls();

    // Assess
    expect(calls.filter((c) => c.service === 'STS').map((c) => `${c.op} ${c.target}`)).toEqual([`AssumeRole ${ROLE}`]);
    expect(calls.filter((c) => c.service === 'Lambda' || c.service === 'SFN').every((c) => c.roleArn === ROLE)).toBe(
      true,
    );
  });

  it('ends as promised for one fault at every AWS call, AssumeRole included', async () => {
    // Prepare
    const calls = await happyCalls();
    const updateCode = calls.findIndex((c) => c.op === 'UpdateFunctionCode');

    for (let i = 0; i < calls.length; i++) {
      // Act
      const call = calls[i]!;
      const { world, fake, release } = crossAccountWorld();
      const skip = calls
        .slice(0, i)
        .filter((c) => c.service === call.service && c.op === call.op && c.target === call.target).length;
      fake.inject({ service: call.service, op: call.op, skip, times: 1 });
      const { result } = await runDeployer(world, release, handlersFor(world));

      // Assess
      const label = `${i}: ${call.service}.${call.op} ${call.target}`;
      expect([label, result.path.at(-1)]).toEqual([label, i > updateCode ? 'Success' : 'FailureClean']);
      expect([label, fake.getObjectText(BUCKET, KEYS.rootLock)]).toEqual([label, undefined]);
      if (i < updateCode) {
        expect([label, fake.stateMachines.get(MACHINE)?.definition]).toEqual([label, OLD_MACHINE]);
        expect([label, fake.functions.get(FUNCTION)?.codeSha256]).toEqual([
          label,
          sha256Base64(Buffer.from('old code')),
        ]);
      }
      for (const stub of stubs) stub.restore();
      stubs = [];
    }
  });

  it('ends clean, lock released and nothing changed, when the role can never be assumed', async () => {
    // Prepare
    const { world, fake, release } = crossAccountWorld();
    fake.inject({ service: 'STS', op: 'AssumeRole' });

    // Act
    const { result, finalInput } = await runDeployer(world, release, handlersFor(world));

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'ReleaseLockFailure', 'FailureClean']);
    expect(finalInput.error?.Cause).toMatch(/Could not read the tags of Lambda/);
    expect(fake.getObjectText(BUCKET, KEYS.rootLock)).toBeUndefined();
    expect(fake.stateMachines.get(MACHINE)?.definition).toBe(OLD_MACHINE);
  });
});
