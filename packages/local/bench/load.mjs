// Load figures of @step/local (not a test: speed is measured, never asserted). After a build:
//   node packages/local/bench/load.mjs [--dist <path to a built @step/local dist/index.js>] [--requests 3000] [--in-flight 150]
// Starts a memory-only server in this process, creates one echo function and one 1 KiB object, then keeps
// --in-flight requests going (Lambda Invoke and S3 GetObject alternating) until --requests have answered.
// Prints requests/s, p50/p99 latency, the peak RSS of this process (server + SDK clients) and of the function processes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createZip } from '@step/lambda/build';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(here, '..', 'dist', 'index.js') },
    requests: { type: 'string', default: '3000' },
    'in-flight': { type: 'string', default: '150' },
  },
});
const total = Number(values.requests);
const inFlight = Number(values['in-flight']);
const { createLocalServer } = await import(pathToFileURL(path.resolve(values.dist)).href);

const server = await createLocalServer({ port: 0, seed: { buckets: ['load'] } });
const config = {
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
};
const lambda = new LambdaClient({ ...config, requestHandler: { httpAgent: { maxSockets: inFlight } } });
const s3 = new S3Client({ ...config, forcePathStyle: true, requestHandler: { httpAgent: { maxSockets: inFlight } } });
await lambda.send(
  new CreateFunctionCommand({
    FunctionName: 'echo',
    Role: 'arn:aws:iam::000000000000:role/load',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Code: { ZipFile: createZip([{ name: 'index.mjs', data: Buffer.from('export const handler = async (e) => e;') }]) },
  }),
);
await s3.send(new PutObjectCommand({ Bucket: 'load', Key: 'k', Body: Buffer.alloc(1024, 120) }));
const payload = Buffer.from('{"hello":"world"}');
const one = async (i) =>
  i % 2 === 0
    ? lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload }))
    : (await s3.send(new GetObjectCommand({ Bucket: 'load', Key: 'k' }))).Body.transformToByteArray();

/** Resident memory (KiB) of this process's children: the function processes (none with worker threads). */
function childrenRssKiB() {
  try {
    return execFileSync('ps', ['-o', 'rss=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '')
      .reduce((sum, l) => sum + Number(l.trim()), 0);
  } catch {
    return 0;
  }
}

// Warm up: one round of each (cold start of the function environments).
await Promise.all(Array.from({ length: inFlight }, (_, i) => one(i)));
let peakRss = 0;
let peakChildren = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  peakChildren = Math.max(peakChildren, childrenRssKiB());
}, 100);
const latencies = [];
let next = 0;
let failed = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      try {
        await one(i);
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
console.log(
  JSON.stringify({
    requests: total,
    inFlight,
    failed,
    requestsPerSecond: Math.round(total / seconds),
    p50ms: Number(pct(50)),
    p99ms: Number(pct(99)),
    peakRssMiB: Math.round(peakRss / 1048576),
    peakFunctionProcessesRssMiB: Math.round(peakChildren / 1024),
  }),
);
lambda.destroy();
s3.destroy();
await server.close();
