#!/usr/bin/env node
// `pnpm bench`: Step's interpreter and validator next to aws-local-stepfunctions, asl-validator and
// amazon-states-language-service, on the shared workloads. See README.md.
//   node bench/run.mjs [--runs 5] [--only pass-chain,cold-start,validate] [--asl-validator-subset 50] [--no-theirs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLD_START, EXECUTION_WORKLOADS, REPO_ROOT, VALIDATION, generateWorkloads } from './lib/workloads.mjs';
import { formatReport } from './lib/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(flag('--runs', '5'));
const ONLY = flag('--only', '')?.split(',').filter(Boolean) ?? [];
const ASL_VALIDATOR_SUBSET = Number(flag('--asl-validator-subset', '50'));
const ASL_VALIDATOR_RUNS = Math.min(RUNS, 3);
const THEIRS = !args.includes('--no-theirs');
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;
const selected = (name) => ONLY.length === 0 || ONLY.some((o) => name.startsWith(o));

/** Run one (tool, workload) in a fresh node process; resolve to its JSON report. */
function runWorker(tool, workload, dir, runs, extra = []) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(here, 'worker.mjs'), tool, workload, dir, String(runs), ...extra],
      {
        cwd: here,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err.length < 4000 ? (err += d) : undefined));
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({
          ok: false,
          tool,
          workload,
          error: `worker exited ${code} without a report: ${err.trim().split('\n').slice(-3).join(' | ')}`,
        });
      }
    });
  });
}

const progress = (text) => process.stderr.write(`${text}\n`);

/** Wall time of whole `node` processes (startup included): 1 warm-up + `runs`, output checked each time. */
function timeProcess(nodeArgs, input, runs) {
  const once = () => {
    const start = performance.now();
    const child = spawnSync(process.execPath, nodeArgs, { input, encoding: 'utf8', cwd: here });
    const ms = performance.now() - start;
    const ok = child.status === 0 && child.stdout.includes(COLD_START.expected);
    return { ms, ok, detail: ok ? '' : `exit ${child.status}: ${(child.stdout + child.stderr).trim().slice(0, 200)}` };
  };
  const warm = once();
  if (!warm.ok) return { ok: false, error: `wrong output: ${warm.detail}` };
  const times = [];
  for (let r = 0; r < runs; r++) {
    const run = once();
    if (!run.ok) return { ok: false, error: `wrong output on run ${r + 1}: ${run.detail}` };
    times.push(run.ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return { ok: true, times, medianMs: sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2 };
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'step-bench-'));
const started = Date.now();
try {
  progress(`generating workloads into ${dir}`);
  generateWorkloads(dir);

  const executions = [];
  for (const workload of EXECUTION_WORKLOADS.filter((w) => selected(w.name))) {
    progress(`${workload.name}: ours`);
    const ours = await runWorker('ours', workload.name, dir, RUNS);
    let theirs;
    if (THEIRS) {
      progress(`${workload.name}: aws-local-stepfunctions`);
      theirs = await runWorker('aws-local-stepfunctions', workload.name, dir, RUNS);
    }
    executions.push({ workload, ours, theirs });
  }

  const coldStarts = [];
  if (selected('cold-start')) {
    const hello = path.join(dir, 'hello.asl.json');
    const inputFile = path.join(dir, 'hello.input.json');
    const polyfill = path.join(here, 'lib', 'withResolvers.mjs');
    const tools = [
      {
        tool: 'step-cli exec',
        args: [
          path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'step.js'),
          'exec',
          hello,
          '--input-file',
          inputFile,
          '--json',
        ],
        input: '',
      },
    ];
    if (THEIRS) {
      tools.push({
        tool: 'local-sfn (aws-local-stepfunctions)',
        args: [
          '--import',
          polyfill,
          path.join(here, 'node_modules', 'aws-local-stepfunctions', 'bin', 'CLI.cjs'),
          '-f',
          hello,
        ],
        input: JSON.stringify(COLD_START.input),
      });
    }
    for (const { tool, args: toolArgs, input } of tools) {
      progress(`cold start: ${tool}`);
      coldStarts.push({ tool, report: timeProcess(toolArgs, input, RUNS) });
    }
  }

  const validations = [];
  if (selected('validate')) {
    const tools = [['ours', VALIDATION.definitions, RUNS]];
    if (THEIRS) {
      tools.push(['asl-service', VALIDATION.definitions, RUNS]);
      tools.push(['asl-validator', ASL_VALIDATOR_SUBSET, ASL_VALIDATOR_RUNS]);
    }
    for (const [tool, count, runs] of tools) {
      progress(`validate: ${tool} (${count} definitions, ${runs} runs)`);
      validations.push({ tool, count, runs, report: await runWorker(tool, 'validate', dir, runs, [String(count)]) });
    }
  }

  const { text, failures } = formatReport({
    executions,
    coldStarts,
    validations,
    runs: RUNS,
    node: process.version,
    cpus: os.cpus().length,
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
  });
  const resultsDir = path.join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.txt'), text);
  writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify({ executions, coldStarts, validations }, null, 2));
  process.stdout.write(text);
  process.stderr.write(`saved to ${path.relative(process.cwd(), path.join(resultsDir, 'latest.txt'))}\n`);
  if (failures.length > 0) {
    process.stderr.write(
      `\nBENCHMARK FAILED: ${failures.length} wrong or failed run(s):\n${failures.map((f) => `  - ${f}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
