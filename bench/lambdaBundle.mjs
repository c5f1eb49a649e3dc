#!/usr/bin/env node
// The size and cold start of Lambda bundles built by @step/lambda's buildLambdaZip (run after `pnpm build`):
//   node bench/lambdaBundle.mjs [--runs 15]
// For each machine module it builds lambda.zip, unzips it into a fresh task root, and runs `runs` fresh node
// processes that import index.mjs and invoke `handler` once. Cold start = time from the process's start
// (performance.timeOrigin) to the end of that first invocation, in ms, and the CPU time (user + system) the
// process used by then, which a loaded machine disturbs less; the median and the fastest of each are printed.
// A speed measurement, so it lives here and never in a test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 15);
const lambda = path.join(repo, 'packages/lambda/dist');
// The build side moved to the @step/lambda/build subpath; older checkouts had it at the root.
const build = await import(path.join(lambda, 'build/index.js')).catch(() => import(path.join(lambda, 'index.js')));

const MACHINES = [
  {
    name: 'hello-world',
    entry: 'examples/hello-world/src/machine.ts',
    event: { Task: 'Hello', Input: { Greeting: '' } },
  },
  {
    name: 'order-workflow',
    entry: 'examples/order-workflow/src/machine.ts',
    event: { Task: 'ValidateOrder', Input: {} },
  },
  { name: 'step-deployer', entry: 'packages/deployer/src/lambda/index.ts', event: { Task: 'NoSuchTask', Input: {} } },
];

const INVOKE = `
const { handler } = await import(process.argv[1]);
try { await handler(JSON.parse(process.argv[2]), { getRemainingTimeInMillis: () => 3000 }); } catch {}
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify([performance.now(), (cpu.user + cpu.system) / 1000]));
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`node ${process.version}, ${RUNS} cold starts each`);
console.log('machine          zip bytes  index.mjs bytes  cold start, ms: wall median (fastest)  cpu median (fastest)');
for (const machine of MACHINES) {
  const { zip } = await build.buildLambdaZip({ entry: path.join(repo, machine.entry) });
  const [file] = build.readZip(zip);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'step-bench-lambda-'));
  try {
    mkdirSync(path.join(dir, 'task'));
    const index = path.join(dir, 'task', 'index.mjs');
    writeFileSync(index, file.data);
    const times = [];
    const cpus = [];
    for (let i = 0; i < RUNS; i++) {
      const run = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', INVOKE, index, JSON.stringify(machine.event)],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: machine.name },
          timeout: 60_000,
        },
      );
      if (run.status !== 0) throw new Error(`${machine.name}: the invocation failed: ${run.stderr}`);
      const [wall, cpu] = JSON.parse(run.stdout);
      times.push(wall);
      cpus.push(cpu);
    }
    console.log(
      `${machine.name.padEnd(16)} ${String(zip.length).padStart(9)}  ${String(file.data.length).padStart(15)}  ${median(times).toFixed(1).padStart(17)} (${Math.min(...times).toFixed(1)})  ${median(cpus).toFixed(1).padStart(10)} (${Math.min(...cpus).toFixed(1)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
