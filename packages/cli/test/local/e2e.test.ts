// End to end over HTTP: step-cli local, the real deployer client (bootstrap, deploy), the deployer state machine
// running in the local Step Functions, its handlers in a local Lambda worker, locks on the local S3.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3ServiceException } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { createAwsClients, deploy } from '@step/deployer';
import type { DeployOptions, Release } from '@step/deployer';
import { buildLambdaZip, createZip, readZip } from '@step/lambda/build';
import { createCli } from '../../src/cli.js';
import type { CliIo } from '../../src/io.js';
import type { LocalServer } from '@step/local';
import { clientConfig, startServer, tempDir } from '../../../local/test/helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const BUCKET = `step-deployer-${ACCOUNT}`;
const HAPPY = ['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success'];
const alias = Object.fromEntries(
  ['asl', 'interpreter', 'lambda', 'deployer'].map((p) => [
    `@step/${p}`,
    path.join(root, 'packages', p, 'src', 'index.ts'),
  ]),
);
const projectTags = (project: string, config = 'dev', deployWith = 'step-deployer'): Record<string, string> => ({
  ProjectName: project,
  ConfigName: config,
  DeployWith: deployWith,
});

let server: LocalServer;
let stop: () => Promise<void>;
let dataDir: string;
let seedDir: { dir: string; remove: () => void };
let sfn: SFNClient;
let s3: S3Client;
let helloZip: Buffer;
const savedEnv: Record<string, string | undefined> = {};

/** The hello zip with one extra file, so that each deploy ships different bytes. */
function variantZip(tag: string): string {
  const file = path.join(dataDir, `hello-${tag}.zip`);
  writeFileSync(file, createZip([...readZip(helloZip), { name: 'release.txt', data: Buffer.from(tag) }]));
  return file;
}

function deployOptions(lambda: string, step: string, zip: string, project = 'hello'): DeployOptions {
  let executionArn: string | undefined;
  return {
    lambda,
    step,
    states: path.join(root, 'examples/hello-world/hello.asl.json'),
    zip,
    project,
    config: 'dev',
    region: REGION,
    account: ACCOUNT,
    clients: createAwsClients({ endpoint: server.url }),
    onProgress: (p) => {
      if (p.type === 'started') executionArn = p.executionArn;
    },
    // Wait on the server's own promise for the execution instead of sleeping.
    sleep: async () => {
      if (executionArn !== undefined) await server.waitForExecution(executionArn);
      else await new Promise((r) => setImmediate(r));
    },
    pollIntervalMs: 1,
  };
}

/** Runs step-cli in-process against the local server; `sleep` waits for the running executions instead of sleeping. */
async function stepCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    cwd: root,
    env: { ...process.env, AWS_ENDPOINT_URL: server.url, AWS_REGION: REGION },
  };
  await createCli().parseAsync(args, { io, sleep: () => server.idle() });
  return { stdout: out.join(''), stderr: err.join('') };
}

async function pathOf(
  executionArn: string,
): Promise<{ path: string[]; lastInput: Release & { error?: { Error?: string; Cause?: string } } }> {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  const entered = events
    .filter((e) => e.stateEnteredEventDetails !== undefined)
    .map((e) => e.stateEnteredEventDetails!);
  return { path: entered.map((e) => e.name!), lastInput: JSON.parse(entered.at(-1)?.input ?? '{}') };
}

async function objectText(key: string): Promise<string | undefined> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToString();
  } catch (e) {
    if ((e as S3ServiceException).name === 'NoSuchKey') return undefined;
    throw e;
  }
}

beforeAll(async () => {
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    savedEnv[k] = process.env[k];
  process.env.AWS_ACCESS_KEY_ID = 'AKIASTEPLOCALE2E0000';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const role = (project: string, config: string): string =>
    `arn:aws:iam::${ACCOUNT}:role/step/${project}/${config}/sfn`;
  // The resources Terraform would create, from a seed file as `step-cli local --seed` reads it.
  seedDir = tempDir();
  const seedFile = path.join(seedDir.dir, 'seed.json');
  writeFileSync(
    seedFile,
    JSON.stringify({
      buckets: [BUCKET],
      functions: [
        { name: 'step-deployer', role: role('step-deployer', 'development'), timeout: 60, memorySize: 512 },
        { name: 'hello', role: role('hello', 'dev'), tags: projectTags('hello') },
        { name: 'wrongtags', role: role('wrongtags', 'dev'), tags: projectTags('wrongtags', 'dev', 'terraform') },
      ],
      stateMachines: [
        { name: 'step-deployer', roleArn: role('step-deployer', 'development') },
        { name: 'hello', roleArn: role('hello', 'dev'), tags: projectTags('hello') },
        { name: 'wrongtags', roleArn: role('wrongtags', 'dev'), tags: projectTags('wrongtags', 'dev', 'terraform') },
      ],
    }),
  );
  ({ server, stop, dataDir } = await startServer({ seed: seedFile }));
  sfn = new SFNClient(clientConfig(server));
  s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  const deployerZip = await buildLambdaZip({
    // The shipped deployer Lambda: `handler` of @step/deployer/lambda, bundled from its source.
    entry: path.join(root, 'packages/deployer/src/lambda/index.ts'),
    outFile: path.join(dataDir, 'deployer.zip'),
    alias,
    external: ['@aws-sdk/*'],
  });
  helloZip = (
    await buildLambdaZip({
      entry: path.join(root, 'examples/hello-world/src/machine.ts'),
      alias,
      external: ['@aws-sdk/*'],
    })
  ).zip;
  // The shipped deployer definition (the file the README's demo bootstraps).
  const deployerStates = path.join(root, 'packages/deployer/asl/deployer.asl.json');
  await stepCli([
    'bootstrap',
    '--lambda',
    'step-deployer',
    '--step',
    'step-deployer',
    '--states',
    deployerStates,
    '--zip',
    deployerZip.outFile!,
    '--region',
    REGION,
  ]);
}, 120_000);

afterAll(async () => {
  sfn.destroy();
  s3.destroy();
  await stop();
  seedDir.remove();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('step-cli local end to end', () => {
  let first: { ok: boolean; status: string; path: string[]; releaseId: string; executionArn: string };
  let firstRelease: Release;

  it('deploys examples/hello-world with step-cli deploy through the bootstrapped deployer and runs it', async () => {
    // Act
    const cli = await stepCli([
      'deploy',
      '--lambda',
      'hello',
      '--step',
      'hello',
      '--states',
      'examples/hello-world/hello.asl.json',
      '--zip',
      variantZip('first'),
      '--project',
      'hello',
      '--config',
      'dev',
      '--region',
      REGION,
      '--json',
    ]);
    first = JSON.parse(cli.stdout) as typeof first;
    firstRelease = JSON.parse(
      (await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).input!,
    ) as Release;
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:hello`,
        input: '{}',
      }),
    );
    await server.waitForExecution(executionArn!);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const ran = await pathOf(executionArn!);
    const machine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:hello` }),
    );

    // Assess
    expect(first).toMatchObject({ ok: true, status: 'SUCCEEDED', path: HAPPY });
    expect(machine.definition).toContain(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:hello`);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ Greeting: 'Hello World' });
    expect(ran.path).toEqual(['Hello']);
  }, 60_000);

  it('refuses a replayed release: the release lock stays', async () => {
    // Prepare
    const release = firstRelease;

    // Act
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:step-deployer`,
        name: `${release.release_id!}-replay`,
        input: JSON.stringify(release, null, 1),
      }),
    );
    await server.waitForExecution(executionArn!);
    const ran = await pathOf(executionArn!);

    // Assess
    expect(ran.path).toEqual(['Validate', 'Lock', 'FailureClean']);
    expect(ran.lastInput.error?.Error).toBe('LockExistsError');
  }, 60_000);

  it('refuses a tampered release whose execution input differs from the S3 copy', async () => {
    // Prepare
    const release = {
      ...firstRelease,
      release_id: `${firstRelease.release_id!}-tampered`,
      created_at: new Date().toISOString(),
    };
    const prefix = `${ACCOUNT}/hello/dev/${release.release_id}`;
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/release`, Body: JSON.stringify(release, null, 1) }),
    );
    const zip = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `${ACCOUNT}/hello/dev/${firstRelease.release_id!}/lambda.zip` }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}/lambda.zip`,
        Body: await zip.Body!.transformToByteArray(),
      }),
    );
    const tampered = { ...release, state_machine_json: '{"StartAt":"Evil","States":{"Evil":{"Type":"Succeed"}}}' };

    // Act
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:step-deployer`,
        name: release.release_id,
        input: JSON.stringify(tampered),
      }),
    );
    await server.waitForExecution(executionArn!);
    const ran = await pathOf(executionArn!);
    const machine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:hello` }),
    );

    // Assess
    expect(ran.path).toEqual(['Validate', 'FailureClean']);
    expect(ran.lastInput.error).toMatchObject({
      Error: 'BadReleaseError',
      Cause: expect.stringMatching(/Release SHA incorrect/),
    });
    expect(machine.definition).not.toContain('Evil');
  }, 60_000);

  it('refuses a function whose tags say another tool deploys it', async () => {
    const result = await deploy(deployOptions('wrongtags', 'wrongtags', variantZip('wrongtags'), 'wrongtags'));
    expect(result).toMatchObject({ ok: false, endState: 'FailureClean', error: { Error: 'BadReleaseError' } });
    expect(result.error?.Cause).toMatch(/DeployWith tag incorrect, expecting step-deployer has terraform/);
  }, 60_000);

  it('refuses to deploy while another deploy holds the root lock', async () => {
    // Prepare
    const lockKey = `${ACCOUNT}/hello/dev/lock`;
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: lockKey,
        Body: JSON.stringify({ uuid: 'someone-else', release_id: 'release-0' }),
        IfNoneMatch: '*',
      }),
    );

    // Act
    const result = await deploy(deployOptions('hello', 'hello', variantZip('locked')));
    const lock = await objectText(lockKey);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: lockKey }));

    // Assess
    expect(result).toMatchObject({ ok: false, endState: 'FailureClean', error: { Error: 'LockExistsError' } });
    expect(JSON.parse(lock!)).toEqual({ uuid: 'someone-else', release_id: 'release-0' });
  }, 60_000);

  it('lets ten concurrent deploys through one at a time: each succeeds or is refused by the lock', async () => {
    // Prepare
    const zips = Array.from({ length: 10 }, (_, i) => variantZip(`concurrent-${i}`));
    const lambda = new LambdaClient(clientConfig(server));

    // Act
    const results = await Promise.all(zips.map((zip) => deploy(deployOptions('hello', 'hello', zip))));
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: 'hello' }));
    lambda.destroy();
    const rootLock = await objectText(`${ACCOUNT}/hello/dev/lock`);

    // Assess
    const succeeded = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const r of succeeded) expect(r.path).toEqual(HAPPY);
    for (const r of refused) expect(r).toMatchObject({ endState: 'FailureClean', error: { Error: 'LockExistsError' } });
    expect(rootLock).toBeUndefined();
    const deployedSha = Buffer.from(Configuration!.CodeSha256!, 'base64').toString('hex');
    expect(succeeded.map((r) => r.release.lambda_sha256)).toContain(deployedSha);
    expect(new Set(results.map((r) => r.release.lambda_sha256)).size).toBe(10);
  }, 120_000);
});
