// Memory of ended executions (not a test: measured, never asserted). After a build:
//   node --expose-gc packages/local/bench/executionMemory.mjs [--dist <built @step/local dist/index.js>] [--executions 5000] [--memory]
// Starts a server in this process on a fresh data directory (or memory only with --memory), runs --executions
// executions of a four-state Pass machine through the SDK, 100 at a time, then prints RSS and heap after a GC.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(here, '..', 'dist', 'index.js') },
    executions: { type: 'string', default: '5000' },
    memory: { type: 'boolean', default: false },
  },
});
const total = Number(values.executions);
const { createLocalServer } = await import(pathToFileURL(path.resolve(values.dist)).href);
const dataDir = values.memory ? undefined : mkdtempSync(path.join(os.tmpdir(), 'step-local-memory-'));
const server = await createLocalServer({ port: 0, ...(dataDir === undefined ? {} : { dataDir }) });
const sfn = new SFNClient({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});
const pass = (next) => ({ Type: 'Pass', Parameters: { 'items.$': '$.items', 'n.$': '$.n' }, ...next });
const { stateMachineArn } = await sfn.send(
  new CreateStateMachineCommand({
    name: 'memory',
    roleArn: 'arn:aws:iam::000000000000:role/memory',
    definition: JSON.stringify({
      StartAt: 'A',
      States: { A: pass({ Next: 'B' }), B: pass({ Next: 'C' }), C: pass({ Next: 'D' }), D: pass({ End: true }) },
    }),
  }),
);
const input = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })), n: 0 });
const rss = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rssMiB: Math.round(m.rss / 2 ** 20), heapMiB: Math.round(m.heapUsed / 2 ** 20) };
};
const before = rss();
const started = Date.now();
for (let i = 0; i < total; i += 100) {
  const arns = await Promise.all(
    Array.from(
      { length: Math.min(100, total - i) },
      async () => (await sfn.send(new StartExecutionCommand({ stateMachineArn, input }))).executionArn,
    ),
  );
  await Promise.all(arns.map((arn) => server.waitForExecution(arn)));
}
await server.idle();
const after = rss();
console.log(
  JSON.stringify({
    executions: total,
    dataDir: dataDir !== undefined,
    seconds: (Date.now() - started) / 1000,
    before,
    after,
  }),
);
sfn.destroy();
await server.close();
if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
