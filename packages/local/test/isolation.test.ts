import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { LocalServer } from '../src/index.js';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';

/** Each case starts a function process; allow for a loaded CI machine. */
const SLOW = 60_000;
const SECRET = 'step-isolation-test-secret';

// Each attack answers what happened: 'refused' with the error code, or what it got.
const ATTACKS = `
import fs from 'node:fs';
import path from 'node:path';
const attempt = async (fn) => { try { return { got: await fn() }; } catch (e) { return { refused: e.code ?? e.name }; } };
export const handler = async (event) => ({
  serverEnv: process.env.STEP_ISOLATION_SECRET ?? null,
  parentEnviron: await attempt(() => fs.readFileSync('/proc/' + process.ppid + '/environ', 'utf8').includes('${SECRET}')),
  otherCode: await attempt(() => fs.readdirSync(path.join(process.env.LAMBDA_TASK_ROOT, '..'))),
  writeOtherCode: await attempt(() => fs.writeFileSync(path.join(process.env.LAMBDA_TASK_ROOT, '..', 'planted.mjs'), 'x')),
  writeOwnCode: await attempt(() => fs.writeFileSync(path.join(process.env.LAMBDA_TASK_ROOT, 'index.mjs'), 'x')),
  readDataDir: await attempt(() => fs.readdirSync(event.dataDir)),
  writeDataDir: await attempt(() => fs.writeFileSync(path.join(event.dataDir, 'planted'), 'x')),
  writeTmp: await attempt(() => { fs.writeFileSync(path.join(process.env.TMPDIR, 'scratch'), 'ok'); return fs.readFileSync(path.join(process.env.TMPDIR, 'scratch'), 'utf8'); }),
  spawn: await attempt(async () => (await import('node:child_process')).execSync('id').toString()),
  worker: await attempt(async () => { new (await import('node:worker_threads')).Worker('1', { eval: true }); return 'started'; }),
  killServer: await attempt(() => process.kill(process.ppid, 'SIGKILL')),
  killGroup: await attempt(() => process.kill(0, 'SIGKILL')),
  rawKill: await attempt(() => process._kill(process.ppid, 9)),
  cwd: process.cwd() === process.env.LAMBDA_TASK_ROOT,
});
`;

let server: LocalServer;
let stop: () => Promise<void>;
let dataDir: string;
let lambda: LambdaClient;

beforeAll(async () => {
  process.env.STEP_ISOLATION_SECRET = SECRET;
  ({ server, stop, dataDir } = await startServer({ seed: { buckets: ['locks'] } }));
  lambda = new LambdaClient(clientConfig(server));
  const create = (name: string, source: string, memorySize = 128): Promise<unknown> =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Role: ROLE,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        MemorySize: memorySize,
        Timeout: 30,
        Code: { ZipFile: handlerZip(source) },
      }),
    );
  await create('attacker', ATTACKS);
  await create('victim', 'export const handler = async () => "victim";');
  await create('suicide', 'export const handler = async () => { process.kill(process.pid, "SIGKILL"); };');
  await create(
    'buffers',
    'export const handler = async () => { const kept = []; for (let i = 0; i < 40; i++) { kept.push(Buffer.alloc(32 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 20)); } return kept.length; };',
  );
  await create(
    'heap',
    'export const handler = async () => { const kept = []; for (;;) kept.push({ n: kept.length, s: "x".repeat(64) + kept.length }); };',
  );
}, SLOW);

afterAll(async () => {
  delete process.env.STEP_ISOLATION_SECRET;
  lambda.destroy();
  await stop();
});

async function invoke(name: string, event: unknown = {}): Promise<{ error: string | undefined; body: unknown }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }));
  return { error: out.FunctionError, body: JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8')) as unknown };
}

/** The server still answers (it was not killed or wedged). */
async function serverAnswers(): Promise<boolean> {
  const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  try {
    const out = await s3.send(new ListBucketsCommand({}));
    return out.Buckets?.some((b) => b.Name === 'locks') === true;
  } finally {
    s3.destroy();
  }
}

describe('a function in @step/local', () => {
  it(
    'cannot read the server environment, other code or the data dir, spawn, or signal the server',
    async () => {
      // Act
      const { error, body } = await invoke('attacker', { dataDir });

      // Assess
      expect(error).toBeUndefined();
      expect(body).toEqual({
        serverEnv: null,
        parentEnviron: { refused: 'ERR_ACCESS_DENIED' },
        otherCode: { refused: 'ERR_ACCESS_DENIED' },
        writeOtherCode: { refused: 'ERR_ACCESS_DENIED' },
        writeOwnCode: { refused: 'ERR_ACCESS_DENIED' },
        readDataDir: { refused: 'ERR_ACCESS_DENIED' },
        writeDataDir: { refused: 'ERR_ACCESS_DENIED' },
        writeTmp: { got: 'ok' },
        spawn: { refused: 'ERR_ACCESS_DENIED' },
        worker: { refused: 'ERR_ACCESS_DENIED' },
        killServer: { refused: 'EPERM' },
        killGroup: { refused: 'EPERM' },
        rawKill: { got: -1 },
        cwd: true,
      });
      expect(await invoke('victim')).toEqual({ error: undefined, body: 'victim' });
      expect(await serverAnswers()).toBe(true);
    },
    SLOW,
  );

  it(
    'that kills itself fails its invocation and leaves the server serving',
    async () => {
      // Act
      const { error, body } = await invoke('suicide');

      // Assess
      expect(error).toBe('Unhandled');
      expect(body).toEqual(
        expect.objectContaining({
          errorType: 'Runtime.ExitError',
          errorMessage: expect.stringContaining('signal: SIGKILL'),
        }),
      );
      expect(await serverAnswers()).toBe(true);
    },
    SLOW,
  );

  it.each([
    { name: 'Buffers (outside the V8 heap)', fn: 'buffers' },
    { name: 'the V8 heap', fn: 'heap' },
  ])(
    'is stopped with Runtime.OutOfMemory past its MemorySize in $name',
    async ({ fn }) => {
      // Act
      const { error, body } = await invoke(fn);

      // Assess
      expect(error).toBe('Unhandled');
      expect(body).toEqual(expect.objectContaining({ errorType: 'Runtime.OutOfMemory' }));
      expect(await serverAnswers()).toBe(true);
    },
    SLOW,
  );
});
