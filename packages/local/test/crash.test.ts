// The fault test of issue #11 §4: kill -9 the server repeatedly during mixed writes and executions, restart it on
// the same data directory, and check that every acknowledged write is there and consistent, and that nothing
// unacknowledged is half there. The server runs from the built package (dist/) in a child process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ROLE, handlerZip, tempDir } from './helpers.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
const CYCLES = 8;
const SEED = 0x5eed17;
const START_TIMEOUT_MS = 10_000;
const PHASE_TIMEOUT_MS = 15_000;
const ACCOUNT = '000000000000';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVER_SCRIPT = `
const [dist, dataDir] = process.argv.slice(2);
const { createLocalServer } = await import(dist);
const server = await createLocalServer({ port: 0, dataDir, report: (m) => process.stderr.write('report: ' + m + '\\n') });
process.stdout.write('PORT ' + server.port + '\\n');
`;

interface Child {
  process: ChildProcess;
  url: string;
  reports: string[];
  exited: Promise<void>;
}

async function startChild(script: string, dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, [script, pathToFileURL(DIST).href, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reports: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.startsWith('report: ')) reports.push(line.slice(8));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not print its port within ${START_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)\n/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before printing its port; stderr: ${stderr}`));
    });
  });
  return { process: child, url: `http://127.0.0.1:${port}`, reports, exited };
}

async function within<T>(label: () => string, p: Promise<T>, ms = PHASE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms while ${label()}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Body {
  text: string;
  contentType: string;
}
/** Per key, function, machine or execution: what was acknowledged, and what was sent without an answer. */
interface Entry<T> {
  acked: T | undefined;
  pending: T[];
}

const clients = (url: string): { s3: S3Client; lambda: LambdaClient; sfn: SFNClient } => {
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  return {
    s3: new S3Client({ ...config, forcePathStyle: true }),
    lambda: new LambdaClient(config),
    sfn: new SFNClient(config),
  };
};

const QUICK = JSON.stringify({
  StartAt: 'A',
  States: { A: { Type: 'Pass', Result: { a: 1 }, Next: 'B' }, B: { Type: 'Pass', End: true } },
});
const WAITS = JSON.stringify({
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Next: 'W' },
    W: { Type: 'Wait', Seconds: 2, Next: 'B' },
    B: { Type: 'Pass', End: true },
  },
});
const FINAL: Record<string, string> = { SUCCEEDED: 'ExecutionSucceeded', ABORTED: 'ExecutionAborted' };

describe('kill -9 during mixed writes and executions', () => {
  it(`keeps every acknowledged write, consistent, across ${CYCLES} kills, and nothing half written`, async () => {
    // Prepare
    const rand = random(SEED);
    const temp = tempDir();
    const dataDir = path.join(temp.dir, 'data');
    const script = path.join(temp.dir, 'server.mjs');
    writeFileSync(script, SERVER_SCRIPT);
    const objects = new Map<string, Entry<Body>>();
    const functions = new Map<string, Entry<string>>();
    const machines = new Map<string, Entry<true>>();
    const executions = new Map<string, Entry<true>>();
    let phase = 'starting';
    const problems: string[] = [];
    const seen = { objects: 0, functions: 0, machines: 0, executions: 0, aborted: 0, kills: 0, acks: 0 };
    let child: Child | undefined;
    const sent = <T>(map: Map<string, Entry<T>>, id: string, value: T): Entry<T> => {
      const entry = map.get(id) ?? { acked: undefined, pending: [] };
      entry.pending.push(value);
      map.set(id, entry);
      return entry;
    };
    const acked = <T>(entry: Entry<T>, value: T): void => {
      entry.acked = value;
      entry.pending = entry.pending.filter((v) => v !== value);
    };

    const verify = async (url: string): Promise<void> => {
      const { s3, lambda, sfn } = clients(url);
      try {
        for (const [key, entry] of objects) {
          phase = `verifying object ${key}`;
          const allowed = [...(entry.acked === undefined ? [] : [entry.acked]), ...entry.pending];
          let got: (Body & { etag: string | undefined; size: number | undefined }) | undefined;
          try {
            const r = await s3.send(new GetObjectCommand({ Bucket: 'crash', Key: key }));
            got = {
              text: (await r.Body!.transformToString()) ?? '',
              contentType: r.ContentType ?? '',
              etag: r.ETag,
              size: r.ContentLength,
            };
          } catch (e) {
            if ((e as Error).name !== 'NoSuchKey' || entry.acked !== undefined)
              problems.push(
                `object ${key}: ${(e as Error).name} although ${entry.acked === undefined ? 'sent' : 'acknowledged'}`,
              );
          }
          if (got !== undefined) {
            const match = allowed.find((b) => b.text === got.text && b.contentType === got.contentType);
            if (match === undefined)
              problems.push(`object ${key}: a body or content type that was never sent together`);
            if (got.etag !== `"${createHash('md5').update(got.text).digest('hex')}"`)
              problems.push(`object ${key}: ETag does not match its body`);
            if (got.size !== Buffer.byteLength(got.text)) problems.push(`object ${key}: size does not match its body`);
            entry.acked = match;
            seen.objects++;
          }
          entry.pending = [];
        }
        if (objects.size > 0) {
          phase = 'listing the bucket';
          const listed = (await s3.send(new ListObjectsV2Command({ Bucket: 'crash' }))).Contents ?? [];
          const bodies = readdirSync(path.join(dataDir, 's3', 'crash', 'objects')).filter((f) => f.endsWith('.bin'));
          if (bodies.length !== listed.length)
            problems.push(`${bodies.length} body files for ${listed.length} objects: an orphan survived the start`);
        }

        for (const [name, entry] of functions) {
          phase = `verifying function ${name}`;
          try {
            const fn = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
            const sha = fn.Configuration!.CodeSha256!;
            if (sha !== entry.acked && !entry.pending.includes(sha))
              problems.push(`function ${name}: code that was never sent`);
            const zip = Buffer.from(await (await fetch(fn.Code!.Location!)).arrayBuffer());
            if (createHash('sha256').update(zip).digest('base64') !== sha)
              problems.push(`function ${name}: its zip is not the one its record names`);
            entry.acked = sha;
            seen.functions++;
          } catch (e) {
            if ((e as Error).name !== 'ResourceNotFoundException' || entry.acked !== undefined)
              problems.push(
                `function ${name}: ${(e as Error).name} although ${entry.acked === undefined ? 'sent' : 'acknowledged'}`,
              );
          }
          entry.pending = [];
        }

        for (const [name, entry] of machines) {
          phase = `verifying state machine ${name}`;
          try {
            await sfn.send(
              new DescribeStateMachineCommand({
                stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:${name}`,
              }),
            );
            entry.acked = true;
            seen.machines++;
          } catch (e) {
            if ((e as Error).name !== 'StateMachineDoesNotExist' || entry.acked !== undefined)
              problems.push(
                `state machine ${name}: ${(e as Error).name} although ${entry.acked === undefined ? 'sent' : 'acknowledged'}`,
              );
          }
          entry.pending = [];
        }

        for (const [executionArn, entry] of executions) {
          phase = `verifying execution ${executionArn}`;
          try {
            const ex = await sfn.send(new DescribeExecutionCommand({ executionArn }));
            const events: HistoryEvent[] = [];
            let nextToken: string | undefined;
            do {
              const page = await sfn.send(
                new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
              );
              events.push(...(page.events ?? []));
              nextToken = page.nextToken;
            } while (nextToken !== undefined);
            const ids = events.map((e) => e.id);
            if (events[0]?.type !== 'ExecutionStarted')
              problems.push(`execution ${executionArn}: history does not start with ExecutionStarted`);
            if (ids.some((id, i) => id !== i + 1))
              problems.push(`execution ${executionArn}: event ids are not 1..${ids.length}`);
            if (events.some((e) => e.previousEventId! >= e.id!))
              problems.push(`execution ${executionArn}: an event points forward`);
            if (FINAL[ex.status!] === undefined || events.at(-1)?.type !== FINAL[ex.status!])
              problems.push(`execution ${executionArn}: status ${ex.status} but last event ${events.at(-1)?.type}`);
            if (events.filter((e) => e.type!.startsWith('Execution') && e.type !== 'ExecutionStarted').length !== 1)
              problems.push(`execution ${executionArn}: not exactly one final event`);
            if (ex.status === 'ABORTED') seen.aborted++;
            entry.acked = true;
            seen.executions++;
          } catch (e) {
            if ((e as Error).name !== 'ExecutionDoesNotExist' || entry.acked !== undefined)
              problems.push(
                `execution ${executionArn}: ${(e as Error).name} although ${entry.acked === undefined ? 'sent' : 'acknowledged'}`,
              );
          }
          entry.pending = [];
        }
        const temps = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
        if (temps.length > 0) problems.push(`temporary files survived the start: ${temps.join(', ')}`);
      } finally {
        s3.destroy();
        lambda.destroy();
        sfn.destroy();
      }
    };

    // Act
    try {
      for (let cycle = 0; cycle <= CYCLES; cycle++) {
        phase = `starting the server (cycle ${cycle})`;
        child = await startChild(script, dataDir);
        await within(() => phase, verify(child.url));
        if (cycle === CYCLES) break;
        const { s3, lambda, sfn } = clients(child.url);
        if (cycle === 0) await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
        const killAfter = 8 + Math.floor(rand() * 40);
        let acks = 0;
        const current = child;
        const ack = (): void => {
          acks++;
          seen.acks++;
          if (acks === killAfter) {
            phase = `killing the server after ${acks} acknowledgements (cycle ${cycle})`;
            current.process.kill('SIGKILL');
            seen.kills++;
          }
        };
        const plan = Array.from({ length: 200 }, () => rand());
        const s3Worker = async (): Promise<void> => {
          for (let i = 0; ; i++) {
            const key = `k${Math.floor(plan[i % plan.length]! * 6)}`;
            const size = Math.floor(plan[(i + 7) % plan.length]! * 300_000);
            const body: Body = {
              text: `cycle ${cycle} write ${i} `.padEnd(size, String.fromCharCode(97 + (i % 26))),
              contentType: `application/x-step-${cycle}-${i}`,
            };
            const entry = sent(objects, key, body);
            await s3.send(
              new PutObjectCommand({ Bucket: 'crash', Key: key, Body: body.text, ContentType: body.contentType }),
            );
            acked(entry, body);
            ack();
          }
        };
        const lambdaWorker = async (): Promise<void> => {
          const name = `fn-${cycle}`;
          for (let i = 0; ; i++) {
            const zip = handlerZip(
              `export const handler = async () => ${JSON.stringify(`${cycle}/${i}`.padEnd(1000 * (i % 50), '.'))};`,
            );
            const sha = createHash('sha256').update(zip).digest('base64');
            const entry = sent(functions, name, sha);
            if (i === 0)
              await lambda.send(
                new CreateFunctionCommand({
                  FunctionName: name,
                  Role: ROLE,
                  Handler: 'index.handler',
                  Code: { ZipFile: zip },
                }),
              );
            else await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
            acked(entry, sha);
            ack();
          }
        };
        const sfnWorker = async (): Promise<void> => {
          const name = `m-${cycle}`;
          const entry = sent(machines, name, true as const);
          const { stateMachineArn } = await sfn.send(
            new CreateStateMachineCommand({ name, definition: cycle % 2 === 0 ? WAITS : QUICK, roleArn: ROLE }),
          );
          acked(entry, true);
          ack();
          for (let i = 0; ; i++) {
            const executionArn = `arn:aws:states:us-east-1:${ACCOUNT}:execution:${name}:e${i}`;
            const started = sent(executions, executionArn, true as const);
            await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `e${i}`, input: `{"i":${i}}` }));
            acked(started, true);
            ack();
          }
        };
        phase = `driving the server (cycle ${cycle}, kill after ${killAfter} acknowledgements)`;
        // Every worker runs until the kill makes its request fail; the kill always comes (it counts acknowledgements).
        await within(() => phase, Promise.allSettled([s3Worker(), lambdaWorker(), sfnWorker()]));
        await within(() => `waiting for the killed server to exit (cycle ${cycle})`, current.exited);
        s3.destroy();
        lambda.destroy();
        sfn.destroy();
      }
    } finally {
      child?.process.kill('SIGKILL');
      if (child !== undefined) await child.exited;
    }

    // Assess
    expect(problems).toEqual([]);
    expect(seen.kills).toBe(CYCLES);
    expect(seen.machines).toBeGreaterThanOrEqual(CYCLES);
    expect(seen.functions).toBeGreaterThan(0);
    expect(seen.executions).toBeGreaterThan(0);
    expect(seen.aborted).toBeGreaterThan(0);
    expect(existsSync(dataDir)).toBe(true);
    temp.remove();
  }, 60_000);
});
