import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListTagsCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListTagsForResourceCommand,
  SFNClient,
  StartExecutionCommand,
  TagResourceCommand as SfnTagResourceCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { GetBucketTaggingCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLocalServer, LocalSeedError, LocalServerError } from '../src/index.js';
import { ROLE, clientConfig, handlerZip, tempDir } from './helpers.js';

/** Tests that start Lambda workers get more than jest's 5 s: cold starts are slow on a shared CI machine. */
const SLOW = 30_000;

async function thrown(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('createLocalServer', () => {
  it(
    'applies a seed file: functions from zips, state machines from files, tags',
    async () => {
      // Prepare
      const temp = tempDir();
      writeFileSync(
        path.join(temp.dir, 'hello.zip'),
        handlerZip('export const handler = async (e) => ({ hello: e.name });'),
      );
      writeFileSync(
        path.join(temp.dir, 'hello.asl.json'),
        JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hello', End: true },
          },
        }),
      );
      writeFileSync(
        path.join(temp.dir, 'seed.json'),
        JSON.stringify({
          accountId: '123456789012',
          buckets: [{ name: 'releases', tags: { Team: 'step' } }],
          functions: [
            {
              name: 'hello',
              zip: 'hello.zip',
              role: ROLE,
              tags: { ProjectName: 'hello', ConfigName: 'dev', DeployWith: 'step-deployer' },
            },
          ],
          stateMachines: [
            { name: 'hello', definitionFile: 'hello.asl.json', roleArn: ROLE, tags: { ProjectName: 'hello' } },
          ],
        }),
      );
      const server = await createLocalServer({
        dataDir: path.join(temp.dir, 'data'),
        seed: path.join(temp.dir, 'seed.json'),
      });
      const config = clientConfig(server);
      const lambda = new LambdaClient(config);
      const sfn = new SFNClient(config);
      const s3 = new S3Client({ ...config, forcePathStyle: true });

      // Act
      const tags = await lambda.send(
        new ListTagsCommand({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hello' }),
      );
      const smArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:hello';
      const smTags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: smArn }));
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: smArn, input: '{"name":"seed"}' }),
      );
      await server.waitForExecution(executionArn!);
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const bucketTags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'releases' }));
      lambda.destroy();
      sfn.destroy();
      s3.destroy();
      await server.close();
      temp.remove();

      // Assess
      expect(tags.Tags).toEqual({ ProjectName: 'hello', ConfigName: 'dev', DeployWith: 'step-deployer' });
      expect(smTags.tags).toEqual([{ key: 'ProjectName', value: 'hello' }]);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output!)).toEqual({ hello: 'seed' });
      expect(bucketTags.TagSet).toEqual([{ Key: 'Team', Value: 'step' }]);
    },
    SLOW,
  );

  it(
    'keeps functions, state machines and executions across restarts, and the seed does not overwrite them',
    async () => {
      // Prepare
      const temp = tempDir();
      const seed = {
        functions: [{ name: 'placeholder' }],
        stateMachines: [
          {
            name: 'kept',
            definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, End: true } } },
            roleArn: ROLE,
          },
        ],
      };
      const first = await createLocalServer({ dataDir: temp.dir, seed });
      const sfn1 = new SFNClient(clientConfig(first));
      const { executionArn } = await sfn1.send(
        new StartExecutionCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:kept',
          name: 'before-restart',
        }),
      );
      await first.waitForExecution(executionArn!);
      sfn1.destroy();
      await first.close();
      const changedSeed = {
        ...seed,
        stateMachines: [
          { ...seed.stateMachines[0]!, definition: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } },
        ],
      };

      // Act
      const second = await createLocalServer({ dataDir: temp.dir, seed: changedSeed });
      const sfn2 = new SFNClient(clientConfig(second));
      const lambda2 = new LambdaClient(clientConfig(second));
      const execution = await sfn2.send(new DescribeExecutionCommand({ executionArn }));
      const machine = await sfn2.send(
        new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:kept' }),
      );
      const fn = await lambda2.send(new GetFunctionCommand({ FunctionName: 'placeholder' }));
      const invoked = await lambda2.send(new InvokeCommand({ FunctionName: 'placeholder' }));
      sfn2.destroy();
      lambda2.destroy();
      await second.close();
      temp.remove();

      // Assess
      expect(execution).toMatchObject({ status: 'SUCCEEDED', output: '1' });
      expect(machine.definition).toContain('"P"');
      expect(fn.Configuration?.Handler).toBe('index.handler');
      expect(invoked.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(invoked.Payload!).toString())).toMatchObject({ errorType: 'NoCodeDeployed' });
    },
    SLOW,
  );

  it(
    'keeps what a deploy changed across a restart (code, version, alias, tags, S3 objects) and lets the seed only add tags',
    async () => {
      // Prepare
      const temp = tempDir();
      const seed = {
        buckets: ['releases'],
        functions: [{ name: 'app', role: ROLE, tags: { ProjectName: 'app' } }],
        stateMachines: [{ name: 'app', roleArn: ROLE, tags: { ProjectName: 'app' } }],
      };
      const smArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:app';
      const fnArn = 'arn:aws:lambda:us-east-1:000000000000:function:app';
      const deployed = JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: `${fnArn}:live`, End: true } },
      });
      const first = await createLocalServer({ dataDir: temp.dir, seed });
      const lambda1 = new LambdaClient(clientConfig(first));
      const sfn1 = new SFNClient(clientConfig(first));
      const s31 = new S3Client({ ...clientConfig(first), forcePathStyle: true });
      await lambda1.send(
        new UpdateFunctionCodeCommand({
          FunctionName: 'app',
          ZipFile: handlerZip('export const handler = async (e) => ({ v: 1, e });'),
        }),
      );
      const { Version } = await lambda1.send(new PublishVersionCommand({ FunctionName: 'app' }));
      await lambda1.send(new CreateAliasCommand({ FunctionName: 'app', Name: 'live', FunctionVersion: Version! }));
      await lambda1.send(new TagResourceCommand({ Resource: fnArn, Tags: { DeployWith: 'step-deployer' } }));
      await sfn1.send(new UpdateStateMachineCommand({ stateMachineArn: smArn, definition: deployed }));
      await sfn1.send(
        new SfnTagResourceCommand({ resourceArn: smArn, tags: [{ key: 'DeployWith', value: 'step-deployer' }] }),
      );
      await s31.send(new PutObjectCommand({ Bucket: 'releases', Key: 'app/release', Body: 'r1' }));
      lambda1.destroy();
      sfn1.destroy();
      s31.destroy();
      await first.close();

      // Act
      const second = await createLocalServer({
        dataDir: temp.dir,
        seed: { ...seed, functions: [{ ...seed.functions[0]!, tags: { ConfigName: 'dev' } }] },
      });
      const lambda2 = new LambdaClient(clientConfig(second));
      const sfn2 = new SFNClient(clientConfig(second));
      const s32 = new S3Client({ ...clientConfig(second), forcePathStyle: true });
      const { executionArn } = await sfn2.send(
        new StartExecutionCommand({ stateMachineArn: smArn, input: '{"after":"restart"}' }),
      );
      await second.waitForExecution(executionArn!);
      const execution = await sfn2.send(new DescribeExecutionCommand({ executionArn }));
      const fnTags = await lambda2.send(new ListTagsCommand({ Resource: fnArn }));
      const smTags = await sfn2.send(new ListTagsForResourceCommand({ resourceArn: smArn }));
      const release = await (
        await s32.send(new GetObjectCommand({ Bucket: 'releases', Key: 'app/release' }))
      ).Body?.transformToString();
      lambda2.destroy();
      sfn2.destroy();
      s32.destroy();
      await second.close();
      temp.remove();

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output!)).toEqual({ v: 1, e: { after: 'restart' } });
      expect(fnTags.Tags).toEqual({ ProjectName: 'app', DeployWith: 'step-deployer', ConfigName: 'dev' });
      expect(smTags.tags).toEqual(
        expect.arrayContaining([
          { key: 'ProjectName', value: 'app' },
          { key: 'DeployWith', value: 'step-deployer' },
        ]),
      );
      expect(release).toBe('r1');
    },
    SLOW,
  );

  it.each([
    { name: 'a seed that is not an object', seed: [], path: '' },
    { name: 'an unknown seed field', seed: { lambdas: [] }, path: '/lambdas' },
    { name: 'a function without a name', seed: { functions: [{ zip: 'x.zip' }] }, path: '/functions/0/name' },
    { name: 'a missing zip file', seed: { functions: [{ name: 'f', zip: 'no/such.zip' }] }, path: '/functions/0/zip' },
    {
      name: 'an invalid definition',
      seed: { stateMachines: [{ name: 's', definition: { StartAt: 'Nope', States: {} } }] },
      path: '/stateMachines/0',
    },
    { name: 'a bad account id', seed: { accountId: '12' }, path: '/accountId' },
  ])(
    'refuses $name with LocalSeedError at its path',
    async ({ seed, path: at }) => {
      const error = await thrown(createLocalServer({ seed: seed as never }));
      expect(error).toBeInstanceOf(LocalSeedError);
      expect((error as LocalSeedError).path).toBe(at);
    },
    SLOW,
  );

  it(
    'queues invocations beyond the concurrency limit on the warm environment',
    async () => {
      // Prepare
      const server = await createLocalServer({ lambdaConcurrency: 1 });
      const lambda = new LambdaClient(clientConfig(server));
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'count',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: handlerZip('let n = 0; export const handler = async () => ++n;') },
        }),
      );

      // Act
      const outs = await Promise.all([1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: 'count' }))));
      lambda.destroy();
      await server.close();

      // Assess
      expect(outs.map((o) => Number(Buffer.from(o.Payload!).toString())).sort()).toEqual([1, 2, 3]);
    },
    SLOW,
  );

  it(
    'closes promptly while an execution waits on a long-running function, keeping it as ABORTED',
    async () => {
      // Prepare
      const temp = tempDir();
      const seed = {
        stateMachines: [
          {
            name: 'stuck',
            definition: {
              StartAt: 'Call',
              States: {
                Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:hang', End: true },
              },
            },
          },
        ],
      };
      const first = await createLocalServer({ dataDir: temp.dir, seed });
      const lambda = new LambdaClient(clientConfig(first));
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'hang',
          Role: ROLE,
          Handler: 'index.handler',
          Timeout: 900,
          Code: { ZipFile: handlerZip('export const handler = () => new Promise(() => {});') },
        }),
      );
      lambda.destroy();
      const sfn1 = new SFNClient(clientConfig(first));
      const { executionArn } = await sfn1.send(
        new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:stuck' }),
      );
      sfn1.destroy();

      // Act
      await first.close();
      const second = await createLocalServer({ dataDir: temp.dir });
      const sfn2 = new SFNClient(clientConfig(second));
      const described = await sfn2.send(new DescribeExecutionCommand({ executionArn }));
      sfn2.destroy();
      await second.close();
      temp.remove();

      // Assess
      expect(described.status).toBe('ABORTED');
    },
    SLOW,
  );

  it(
    'listens on the IPv6 loopback when asked (or says why it cannot)',
    async () => {
      const { networkInterfaces } = await import('node:os');
      const hasIpv6Loopback = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.address === '::1'));
      if (!hasIpv6Loopback) {
        // A machine without IPv6: starting must fail with a LocalServerError, not crash.
        await expect(createLocalServer({ host: '::1' })).rejects.toBeInstanceOf(LocalServerError);
        return;
      }
      const server = await createLocalServer({ host: '::1' });
      const res = await fetch(`${server.url}/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
        body: '{}',
      });
      await server.close();
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(res.status).toBe(200);
    },
    SLOW,
  );

  it(
    'refuses a host that is not loopback',
    async () => {
      const error = await thrown(createLocalServer({ host: '0.0.0.0' }));
      expect(error).toBeInstanceOf(LocalServerError);
      expect((error as Error).message).toContain('not a loopback address');
    },
    SLOW,
  );

  it(
    'reports a port in use with a hint',
    async () => {
      // Prepare
      const first = await createLocalServer();

      // Act
      const error = await thrown(createLocalServer({ port: first.port }));
      await first.close();

      // Assess
      expect(error).toBeInstanceOf(LocalServerError);
      expect((error as Error).message).toContain('already in use');
    },
    SLOW,
  );

  it(
    'answers an unknown operation and a malformed body with AWS errors and keeps serving',
    async () => {
      // Prepare
      const server = await createLocalServer();
      const post = (target: string, body: string): Promise<{ status: number; json: unknown }> =>
        fetch(`${server.url}/`, {
          method: 'POST',
          headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
          body,
        }).then(async (r) => ({ status: r.status, json: await r.json() }));

      // Act
      const unknown = await post('AWSStepFunctions.Nope', '{}');
      const malformed = await post('AWSStepFunctions.ListStateMachines', '{not json');
      const fine = await post('AWSStepFunctions.ListStateMachines', '{}');
      await server.close();

      // Assess
      expect(unknown).toMatchObject({
        status: 400,
        json: { __type: expect.stringContaining('UnknownOperationException') },
      });
      expect(malformed).toMatchObject({
        status: 400,
        json: { __type: expect.stringContaining('SerializationException') },
      });
      expect(fine).toEqual({ status: 200, json: { stateMachines: [] } });
    },
    SLOW,
  );
});
