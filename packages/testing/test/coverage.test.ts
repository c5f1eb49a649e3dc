import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExecution, VirtualClock } from '@step/interpreter';
import {
  assertCoverage,
  collectHits,
  COVERAGE_DIR_ENV,
  CoverageThresholdError,
  createCoverageLifecycle,
  createCoverageReport,
  formatCoverageText,
  hashDefinition,
  readCoverageDir,
  recordCoverage,
  toCoverageMermaid,
  trackCoverage,
} from '@step/testing/coverage';
import { chargeFailingWith, orderDefinition } from './fixtures.js';

const run = (input: unknown, ...errors: string[]) =>
  runExecution(orderDefinition, {
    input,
    clock: new VirtualClock(),
    resources: { charge: chargeFailingWith(...errors) },
  });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'step-coverage-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('collectHits', () => {
  it('credits states, the Choice rule taken, branch entries, the retrier and the Catch with its error', async () => {
    // Prepare
    const result = await run({ express: true, bulk: false, items: [] }, 'Throttled', 'PaymentDeclined');

    // Act
    const hits = await collectHits(orderDefinition, result.history());

    // Assess
    expect(hits.states).toEqual({
      '/States/Validate': 1,
      '/States/Route': 1,
      '/States/Fan': 1,
      '/States/Fan/Branches/0/States/Pack': 1,
      '/States/Fan/Branches/1/States/Label': 1,
      '/States/Charge': 1,
      '/States/Declined': 1,
    });
    expect(hits.transitions).toEqual({
      '/States/Validate/Next': { count: 1 },
      '/States/Route/Choices/0/Next': { count: 1 },
      '/States/Fan/Branches/0/StartAt': { count: 1 },
      '/States/Fan/Branches/1/StartAt': { count: 1 },
      '/States/Fan/Next': { count: 1 },
      '/States/Charge/Catch/0/Next': { count: 1, errors: { PaymentDeclined: 1 } },
    });
    expect(hits.retriers).toEqual({ '/States/Charge/Retry/0': 1 });
  });

  it('tells apart two Choice rules that lead to the same state by evaluating the rules on the recorded input', async () => {
    // Prepare
    const result = await run({ express: false, bulk: true, items: [] });

    // Act
    const hits = await collectHits(orderDefinition, result.history());

    // Assess
    expect(hits.transitions['/States/Route/Choices/1/Next']).toEqual({ count: 1 });
    expect(hits.transitions['/States/Route/Choices/0/Next']).toBeUndefined();
  });

  it('credits the Map processor once per iteration and the catch-all with the error it caught', async () => {
    // Prepare
    const result = await run({ express: false, bulk: false, items: [1, 2] }, 'Exploded');

    // Act
    const hits = await collectHits(orderDefinition, result.history());

    // Assess
    expect(hits.transitions['/States/Route/Default']).toEqual({ count: 1 });
    expect(hits.transitions['/States/Each/ItemProcessor/StartAt']).toEqual({ count: 2 });
    expect(hits.states['/States/Each/ItemProcessor/States/Item']).toBe(2);
    expect(hits.transitions['/States/Charge/Catch/1/Next']).toEqual({ count: 1, errors: { Exploded: 1 } });
  });
});

describe('createCoverageReport', () => {
  it('lists every item with its count, what no execution reached, and the metrics', async () => {
    // Prepare
    const records = [
      await recordCoverage(orderDefinition, await run({ express: true, bulk: false, items: [] }), { dir }),
      await recordCoverage(orderDefinition, await run({ express: false, bulk: false, items: [1] }, 'Throttled'), {
        dir,
      }),
    ];

    // Act
    const machines = readCoverageDir(dir);
    const report = createCoverageReport(machines);
    const text = formatCoverageText(report);

    // Assess
    expect(records.every((r) => r?.machine === `orders@${hashDefinition(orderDefinition)}`)).toBe(true);
    expect(machines).toHaveLength(1);
    const [m] = report.machines;
    expect(m?.executions).toBe(2);
    expect(m?.states.filter((s) => s.count === 0).map((s) => s.name)).toEqual(['Declined', 'Broken']);
    expect(m?.transitions.filter((t) => t.count === 0).map((t) => t.pointer)).toEqual([
      '/States/Route/Choices/1/Next',
      '/States/Charge/Catch/0/Next',
      '/States/Charge/Catch/1/Next',
    ]);
    expect(m?.metrics).toEqual({
      states: { covered: 8, total: 10, pct: 80 },
      transitions: { covered: 8, total: 11, pct: 72.72 },
      retriers: { covered: 1, total: 2, pct: 50 },
    });
    expect(text).toContain('orders (2 runs)');
    expect(text).toContain('states not visited: Declined, Broken');
    expect(text).toContain('transition not taken: Route -> Fan (choice [$.bulk == true]) /States/Route/Choices/1/Next');
    expect(text).toContain('retrier never fired: Charge [States.Timeout] /States/Charge/Retry/1');
  });

  it('colours the Mermaid graph by coverage', async () => {
    // Prepare
    await recordCoverage(orderDefinition, await run({ express: true, bulk: false, items: [] }), { dir });

    // Act
    const mmd = toCoverageMermaid(readCoverageDir(dir)[0]!);

    // Assess
    expect(mmd).toContain('classDef covered');
    // Nodes are numbered root scope first (Validate n0 ... Broken n6), then Pack n7, Label n8, Item n9.
    expect(mmd).toContain('  class n0,n1,n2,n4,n7,n8 covered\n  class n3,n5,n6,n9 uncovered\n');
    expect(mmd).toContain('linkStyle 1 stroke:#2a8a2a,stroke-width:3px');
  });
});

describe('assertCoverage', () => {
  it('throws CoverageThresholdError naming each metric under its threshold', async () => {
    // Prepare
    await recordCoverage(orderDefinition, await run({ express: true, bulk: false, items: [] }), { dir });
    const report = createCoverageReport(readCoverageDir(dir));

    // Act
    const act = () => assertCoverage(report, { states: 50, transitions: 90, retriers: 10 });

    // Assess
    expect(act).toThrow(CoverageThresholdError);
    expect(act).toThrow(/under its threshold: transitions 45.45% < 90%, retriers 0% < 10%\. Add tests/);
    expect(() => assertCoverage(report, { states: 50 })).not.toThrow();
  });
});

describe('recordCoverage and trackCoverage', () => {
  it('record nothing without a coverage directory', async () => {
    // Prepare
    const saved = process.env[COVERAGE_DIR_ENV];
    delete process.env[COVERAGE_DIR_ENV];

    // Act
    const record = await recordCoverage(orderDefinition, await run({ express: true, bulk: false, items: [] }));
    if (saved !== undefined) process.env[COVERAGE_DIR_ENV] = saved;

    // Assess
    expect(record).toBeUndefined();
  });

  it('trackCoverage records every run() and start() of a machine under the lifecycle, which reports and enforces the threshold', async () => {
    // Prepare
    const saved = process.env[COVERAGE_DIR_ENV];
    const lifecycle = createCoverageLifecycle({ dir, print: false, threshold: { states: 100 } });
    writeFileSync(path.join(dir, 'step-coverage-stale-0.jsonl'), 'left over from another run\n');
    lifecycle.setup();
    const machine = trackCoverage(
      {
        definition: orderDefinition,
        run: (input: unknown) => run(input),
        start: (input: unknown) => ({ result: run(input, 'PaymentDeclined'), id: 'x' }),
      },
      { name: 'orders-tracked' },
    );

    // Act
    await machine.run({ express: true, bulk: false, items: [] });
    const started = machine.start({ express: true, bulk: false, items: [] });
    await started.result;
    const act = () => lifecycle.teardown();
    if (saved === undefined) delete process.env[COVERAGE_DIR_ENV];
    else process.env[COVERAGE_DIR_ENV] = saved;

    // Assess
    expect(started.id).toBe('x');
    expect(act).toThrow(/states 70% < 100%/);
    const json = JSON.parse(readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as {
      machines: { name: string; executions: number }[];
    };
    expect(json.machines.map((m) => [m.name, m.executions])).toEqual([['orders-tracked', 2]]);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('<pre class="mermaid">');
    expect(readFileSync(path.join(dir, 'coverage.txt'), 'utf8')).toContain('states not visited: Each, Broken, Item');
  });
});
