import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExecution, VirtualClock } from '@step/interpreter';
import { runCoverageCli } from '../src/cli/runCoverageCli.js';
import { chargeFailingWith, orderDefinition } from './fixtures.js';

let dir: string;
let out: string[];
let err: string[];
const io = () => ({ cwd: dir, stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'step-coverage-cli-'));
  out = [];
  err = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runCoverageCli', () => {
  it('records executions from history files as step-cli exec --history writes them, and reports with a threshold', async () => {
    // Prepare: a definition file and a history file in step-cli's {"events": [...]} shape
    writeFileSync(path.join(dir, 'orders.asl.json'), JSON.stringify(orderDefinition));
    const result = await runExecution(orderDefinition, {
      input: { express: true, bulk: false, items: [] },
      clock: new VirtualClock(),
      resources: { charge: chargeFailingWith('Throttled') },
    });
    writeFileSync(path.join(dir, 'run1.json'), JSON.stringify({ events: result.history() }, null, 2));

    // Act
    const recorded = await runCoverageCli(['record', 'orders.asl.json', 'run1.json', '--dir', 'cov'], io());
    const passed = await runCoverageCli(['report', '--dir', 'cov', '--retriers', '50'], io());
    const failed = await runCoverageCli(['report', '--dir', 'cov', '--states', '100'], io());

    // Assess
    expect([recorded, passed, failed]).toEqual([0, 0, 1]);
    expect(out.join('')).toContain('orders (1 runs)');
    expect(err.join('')).toContain('State machine coverage is under its threshold: states 60% < 100%');
    const report = JSON.parse(readFileSync(path.join(dir, 'cov', 'coverage.json'), 'utf8')) as {
      total: { retriers: { covered: number } };
    };
    expect(report.total.retriers.covered).toBe(1);
  });

  it.each([
    {
      args: ['record', 'missing.asl.json', 'h.json'],
      message: /Cannot read the definition "\S*missing.asl.json": .*Check the path/,
    },
    { args: ['record', 'orders.asl.json'], message: /record needs a definition file and at least one history file/ },
    { args: ['report', '--states', 'most'], message: /--states must be a percentage from 0 to 100 \(got "most"\)/ },
    { args: ['publish'], message: /Unknown command "publish"/ },
    { args: ['report', '--bogus'], message: /Unknown option '--bogus'/ },
  ])('exits 2 with the fix for $args', async ({ args, message }) => {
    // Prepare
    writeFileSync(path.join(dir, 'orders.asl.json'), JSON.stringify(orderDefinition));

    // Act
    const code = await runCoverageCli(args, io());

    // Assess
    expect(code).toBe(2);
    expect(err.join('')).toMatch(message);
  });
});
