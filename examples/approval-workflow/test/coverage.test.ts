import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COVERAGE_DIR_ENV, createCoverageLifecycle, type CoverageReport } from '@step/testing/coverage';
import { SCENARIOS } from './scenarios.js';

describe('state-machine coverage of the approval workflow', () => {
  const saved = process.env[COVERAGE_DIR_ENV];
  let dir: string;
  afterAll(() => {
    if (saved === undefined) delete process.env[COVERAGE_DIR_ENV];
    else process.env[COVERAGE_DIR_ENV] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports what the suite covers and what it does not', async () => {
    // Prepare
    dir = mkdtempSync(path.join(os.tmpdir(), 'approval-coverage-'));
    const lifecycle = createCoverageLifecycle({ dir, print: false, threshold: { states: 80 } });
    lifecycle.setup();

    // Act
    for (const scenario of SCENARIOS) await scenario.run();
    lifecycle.teardown();

    // Assess
    const report = JSON.parse(readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as CoverageReport;
    const [machine] = report.machines;
    expect(report.machines).toHaveLength(1);
    expect(machine?.executions).toBe(4);
    expect(machine?.states.filter((s) => s.count === 0).map((s) => s.name)).toEqual(['Rejected']);
    expect(
      machine?.transitions.filter((t) => t.count === 0).map((t) => `${t.from} -> ${t.to} (${t.kind} ${t.label ?? ''})`),
    ).toEqual(['Route -> Ship (choice $.vip == true)', 'Approve -> Rejected (catch Rejected)']);
    expect(machine?.transitions.find((t) => t.pointer === '/States/Charge/Catch/0/Next')).toMatchObject({
      count: 1,
      errors: { CardDeclined: 1 },
    });
    // One iteration per order line: three one-line small orders and the two-line big order.
    expect(machine?.transitions.find((t) => t.pointer === '/States/Invoice/ItemProcessor/StartAt')?.count).toBe(5);
    expect(machine?.retriers).toEqual([
      { state: 'Charge', errorEquals: ['Throttled'], pointer: '/States/Charge/Retry/0', count: 1 },
    ]);
    expect(report.total.states).toEqual({ covered: 10, total: 11, pct: 90.9 });
    expect(readFileSync(path.join(dir, 'coverage.txt'), 'utf8')).toContain(
      'transition not taken: Approve -> Rejected (catch [Rejected]) /States/Approve/Catch/0/Next',
    );
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain(
      'class n0,n1,n2,n3,n4,n5,n7,n8,n9,n10 covered',
    );
  });
});
