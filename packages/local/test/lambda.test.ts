import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  GetAliasCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListTagsCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { LambdaServiceException } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

/** Tests that start Lambda workers get more than jest's 5 s: cold starts are slow on a shared CI machine. */
const SLOW = 30_000;

let server: LocalServer;
let stop: () => Promise<void>;
let lambda: LambdaClient;
const timers: (() => void)[] = [];
const logLines: string[] = [];
const logWaiters: { line: string; resolve: () => void }[] = [];
/** Resolves once the function log has shown a line (no polling, no sleeping). */
const logged = (line: string): Promise<void> =>
  logLines.includes(line) ? Promise.resolve() : new Promise((resolve) => logWaiters.push({ line, resolve }));

beforeAll(async () => {
  ({ server, stop } = await startServer({
    seed: { buckets: ['code'] },
    functionLog: (name, line) => {
      const entry = `${name}: ${line}`;
      logLines.push(entry);
      for (const w of logWaiters.filter((x) => x.line === entry)) w.resolve();
    },
    lambdaTimer: (fn) => {
      timers.push(fn);
      return () => {
        const i = timers.indexOf(fn);
        if (i >= 0) timers.splice(i, 1);
      };
    },
  }));
  lambda = new LambdaClient(clientConfig(server));
});

afterAll(async () => {
  lambda.destroy();
  await stop();
});

const decode = (payload: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

async function create(name: string, source: string, extra: Record<string, unknown> = {}): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: ROLE,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip(source) },
      ...extra,
    }),
  );
}

async function invoke(
  name: string,
  payload: unknown,
  qualifier?: string,
): Promise<{ error: string | undefined; body: unknown; version: string | undefined }> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      Payload: Buffer.from(JSON.stringify(payload)),
      ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    }),
  );
  return { error: out.FunctionError, body: decode(out.Payload), version: out.ExecutedVersion };
}

describe('Lambda', () => {
  it(
    'runs a function from its zip with its event, context and environment',
    async () => {
      // Prepare
      await create(
        'echo',
        'export const handler = async (event, context) => ({ event, name: context.functionName, stage: process.env.STAGE, region: process.env.AWS_REGION, left: context.getRemainingTimeInMillis() > 0 });',
        { Environment: { Variables: { STAGE: 'local' } } },
      );

      // Act
      const out = await invoke('echo', { hello: 'world' });

      // Assess
      expect(out).toEqual({
        error: undefined,
        body: { event: { hello: 'world' }, name: 'echo', stage: 'local', region: 'us-east-1', left: true },
        version: '$LATEST',
      });
    },
    SLOW,
  );

  it(
    'reports a thrown error as Lambda does',
    async () => {
      // Prepare
      await create(
        'thrower',
        "export const handler = async () => { const e = new Error('card declined'); e.name = 'PaymentError'; throw e; };",
      );

      // Act
      const out = await invoke('thrower', {});

      // Assess
      expect(out.error).toBe('Unhandled');
      expect(out.body).toMatchObject({ errorType: 'PaymentError', errorMessage: 'card declined' });
      expect((out.body as { trace: string[] }).trace[0]).toContain('PaymentError: card declined');
    },
    SLOW,
  );

  it(
    'keeps module state in a warm environment between invocations',
    async () => {
      await create('counter', 'let n = 0; export const handler = async () => ++n;');
      const first = await invoke('counter', {});
      const second = await invoke('counter', {});
      expect([first.body, second.body]).toEqual([1, 2]);
    },
    SLOW,
  );

  it(
    'starts a new environment after UpdateFunctionConfiguration changes the environment',
    async () => {
      // Prepare
      await create('configured', 'export const handler = async () => process.env.COLOR;', {
        Environment: { Variables: { COLOR: 'red' } },
      });
      const before = await invoke('configured', {});

      // Act
      const updated = await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: 'configured',
          Environment: { Variables: { COLOR: 'blue' } },
          Timeout: 10,
        }),
      );
      const after = await invoke('configured', {});

      // Assess
      expect([before.body, after.body]).toEqual(['red', 'blue']);
      expect(updated).toMatchObject({
        Timeout: 10,
        Environment: { Variables: { COLOR: 'blue' } },
        LastUpdateStatus: 'Successful',
      });
    },
    SLOW,
  );

  it(
    'supports callback-style CommonJS handlers',
    async () => {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'cjs',
          Role: ROLE,
          Handler: 'app.main',
          Code: {
            ZipFile: handlerZip(
              'exports.main = (event, context, callback) => callback(null, { got: event.n * 2 });',
              'app.js',
            ),
          },
        }),
      );
      expect((await invoke('cjs', { n: 21 })).body).toEqual({ got: 42 });
    },
    SLOW,
  );

  it(
    'reports a runtime other than Node.js as Runtime.InvalidRuntime',
    async () => {
      await create('python', 'def handler(event, context): return 1', { Runtime: 'python3.12' });
      const out = await invoke('python', {});
      expect(out.body).toMatchObject({ errorType: 'Runtime.InvalidRuntime' });
    },
    SLOW,
  );

  it(
    'reports a missing handler module as Runtime.ImportModuleError',
    async () => {
      await create('broken', 'export const other = 1;');
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'broken', Handler: 'missing.handler' }));
      const out = await invoke('broken', {});
      expect(out.body).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    },
    SLOW,
  );

  it(
    'times out a function that runs past its Timeout as Sandbox.Timedout',
    async () => {
      // Prepare
      await create('slow', 'export const handler = () => new Promise(() => {});', { Timeout: 2 });

      // Act
      const pending = invoke('slow', {});
      for (let i = 0; i < 1000 && timers.length === 0; i++) await new Promise((r) => setImmediate(r));
      timers.shift()?.();
      const out = await pending;

      // Assess
      expect(out.error).toBe('Unhandled');
      expect(out.body).toMatchObject({
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringContaining('Task timed out after 2.00 seconds'),
      });
    },
    SLOW,
  );

  it(
    'updates code from a ZipFile and from an S3 object, and publishes versions',
    async () => {
      // Prepare
      await create('versioned', 'export const handler = async () => "v1";');
      const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
      await lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: 'versioned',
          ZipFile: handlerZip('export const handler = async () => "v2";'),
        }),
      );
      const afterZip = await invoke('versioned', {});
      const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(
        new PutObjectCommand({
          Bucket: 'code',
          Key: 'v3.zip',
          Body: handlerZip('export const handler = async () => "v3";'),
        }),
      );
      s3.destroy();

      // Act
      const updated = await lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: 'versioned', S3Bucket: 'code', S3Key: 'v3.zip' }),
      );
      const latest = await invoke('versioned', {});
      const pinned = await invoke('versioned', {}, v1.Version);

      // Assess
      expect(v1.Version).toBe('1');
      expect(afterZip.body).toBe('v2');
      expect(latest.body).toBe('v3');
      expect(pinned).toMatchObject({ body: 'v1', version: '1' });
      expect(updated.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(updated.LastUpdateStatus).toBe('Successful');
    },
    SLOW,
  );

  it(
    'routes an alias to its version and follows UpdateAlias',
    async () => {
      // Prepare
      await create('aliased', 'export const handler = async () => "one";');
      const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
      await lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: 'aliased',
          ZipFile: handlerZip('export const handler = async () => "two";'),
        }),
      );
      const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
      const alias = await lambda.send(
        new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: v1.Version }),
      );

      // Act
      const before = await invoke('aliased', {}, 'live');
      await lambda.send(new UpdateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: v2.Version }));
      const after = await invoke('aliased', {}, 'live');
      const { Aliases } = await lambda.send(new ListAliasesCommand({ FunctionName: 'aliased' }));
      await lambda.send(new DeleteAliasCommand({ FunctionName: 'aliased', Name: 'live' }));
      const gone = (await lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'live' })).then(
        () => undefined,
        (e: unknown) => e,
      )) as LambdaServiceException;

      // Assess
      expect(alias.AliasArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:aliased:live');
      expect([before.body, after.body]).toEqual(['one', 'two']);
      expect(Aliases?.map((a) => [a.Name, a.FunctionVersion])).toEqual([['live', '2']]);
      expect(gone.name).toBe('ResourceNotFoundException');
    },
    SLOW,
  );

  it(
    "manages tags by function ARN and serves the code at GetFunction's Location",
    async () => {
      // Prepare
      await create('tagged', 'export const handler = async () => null;', { Tags: { ProjectName: 'hello' } });
      const { Configuration, Code } = await lambda.send(new GetFunctionCommand({ FunctionName: 'tagged' }));
      const arn = Configuration!.FunctionArn!;

      // Act
      await lambda.send(
        new TagResourceCommand({ Resource: arn, Tags: { ConfigName: 'dev', DeployWith: 'step-deployer' } }),
      );
      await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['ConfigName'] }));
      const { Tags } = await lambda.send(new ListTagsCommand({ Resource: arn }));

      const code = Buffer.from(await (await fetch(Code!.Location!)).arrayBuffer());

      // Assess
      expect(createHash('sha256').update(code).digest('base64')).toBe(Configuration!.CodeSha256);
      expect(arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:tagged');
      expect(Tags).toEqual({ ProjectName: 'hello', DeployWith: 'step-deployer' });
    },
    SLOW,
  );

  it(
    'lets a function call the local AWS APIs with the SDK Lambda provides',
    async () => {
      // Prepare
      await create(
        'caller',
        "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'; const s3 = new S3Client({ forcePathStyle: true }); export const handler = async () => (await (await s3.send(new GetObjectCommand({ Bucket: 'code', Key: 'note' }))).Body.transformToString());",
      );
      const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(new PutObjectCommand({ Bucket: 'code', Key: 'note', Body: 'from s3' }));
      s3.destroy();

      // Act
      const out = await invoke('caller', {});

      // Assess
      expect(out).toMatchObject({ error: undefined, body: 'from s3' });
    },
    SLOW,
  );

  it.each([
    { name: 'a missing function', run: () => invoke('nope', {}), code: 'ResourceNotFoundException', status: 404 },
    {
      name: 'a duplicate function',
      run: () => create('echo', 'export const handler = () => 1;'),
      code: 'ResourceConflictException',
      status: 409,
    },
    {
      name: 'a bad zip',
      run: () =>
        lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'echo', ZipFile: Buffer.from('not a zip') })),
      code: 'InvalidParameterValueException',
      status: 400,
    },
    { name: 'a missing version', run: () => invoke('echo', {}, '99'), code: 'ResourceNotFoundException', status: 404 },
  ])(
    'answers $code for $name',
    async ({ run, code, status }) => {
      const error = (await run().then(
        () => undefined,
        (e: unknown) => e,
      )) as LambdaServiceException;
      expect(error).toMatchObject({ name: code, $metadata: { httpStatusCode: status } });
    },
    SLOW,
  );

  it(
    'reports process.exit as Runtime.ExitError and starts a fresh environment next time',
    async () => {
      // Prepare
      await create(
        'dies',
        'let calls = 0; export const handler = async (e) => { calls++; if (e.exit) process.exit(3); return calls; };',
      );
      await invoke('dies', {});

      // Act
      const first = await invoke('dies', { exit: true });
      const second = await invoke('dies', {});

      // Assess
      expect(first.error).toBe('Unhandled');
      expect(first.body).toMatchObject({
        errorType: 'Runtime.ExitError',
        errorMessage: expect.stringContaining('exit status 3'),
      });
      expect(second.body).toBe(1);
    },
    SLOW,
  );

  it(
    'reports a function that outgrows its MemorySize as Runtime.OutOfMemory and keeps serving',
    async () => {
      // Prepare
      await create(
        'hog',
        'export const handler = async (e) => { if (!e.hog) return "fine"; const a = []; for (;;) a.push(new Array(1e6).fill(Math.random())); };',
        { MemorySize: 128 },
      );

      // Act
      const hogged = await invoke('hog', { hog: true });
      const after = await invoke('hog', {});

      // Assess
      expect(hogged.error).toBe('Unhandled');
      expect(hogged.body).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
      expect(after.body).toBe('fine');
    },
    SLOW,
  );

  it(
    'returns the log tail with LogType Tail and hands each line to the server log',
    async () => {
      // Prepare
      await create(
        'logger',
        "export const handler = async (e) => { console.log('processing', e.id); console.error('careful'); return 'ok'; };",
      );

      // Act
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: 'logger', Payload: Buffer.from('{"id":7}'), LogType: 'Tail' }),
      );
      const tail = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');

      // Assess
      expect(tail).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
      expect(tail).toContain('processing 7\n');
      expect(tail).toContain('careful\n');
      expect(tail).toMatch(/REPORT RequestId: \S+\tDuration: /);
      expect(logLines).toEqual(expect.arrayContaining(['logger: processing 7', 'logger: careful']));
    },
    SLOW,
  );

  it(
    'accepts an Event invocation with 202 and runs it in the background',
    async () => {
      // Prepare
      await create('background', "export const handler = async (e) => { console.log('background ran', e.n); };");

      // Act
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: 'background', InvocationType: 'Event', Payload: Buffer.from('{"n":1}') }),
      );
      await logged('background: background ran 1');

      // Assess
      expect(out.StatusCode).toBe(202);
      expect(logLines).toContain('background: background ran 1');
    },
    SLOW,
  );
});
