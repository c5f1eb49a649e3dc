import type { CoverageMetric, CoverageReport, MachineCoverage } from './createCoverageReport.js';

function cell(m: CoverageMetric): string {
  return `${m.pct.toFixed(2).padStart(6)}% (${m.covered}/${m.total})`.padEnd(22);
}

function uncovered(m: MachineCoverage): string[] {
  const lines: string[] = [];
  const states = m.states.filter((s) => s.count === 0).map((s) => s.name);
  if (states.length > 0) lines.push(`    states not visited: ${states.join(', ')}`);
  for (const t of m.transitions.filter((x) => x.count === 0)) {
    const label = t.label === undefined ? '' : ` [${t.label}]`;
    lines.push(`    transition not taken: ${t.from} -> ${t.to} (${t.kind}${label}) ${t.pointer}`);
  }
  for (const r of m.retriers.filter((x) => x.count === 0)) {
    lines.push(`    retrier never fired: ${r.state} [${r.errorEquals.join(', ')}] ${r.pointer}`);
  }
  return lines;
}

/**
 * The text summary of a coverage report: one line per machine with the three metrics, then what was not
 * covered (each state, transition with its JSON pointer, and retrier), then the totals.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCoverageText(report));
 * ```
 */
export function formatCoverageText(report: CoverageReport): string {
  const lines = ['State machine coverage', `  ${'machine'.padEnd(32)} ${'states'.padEnd(22)} ${'transitions'.padEnd(22)} retriers`];
  for (const m of report.machines) {
    const { states, transitions, retriers } = m.metrics;
    lines.push(`  ${`${m.name} (${m.executions} runs)`.padEnd(32)} ${cell(states)} ${cell(transitions)} ${cell(retriers).trimEnd()}`);
    lines.push(...uncovered(m));
  }
  const t = report.total;
  lines.push(`  ${'all machines'.padEnd(32)} ${cell(t.states)} ${cell(t.transitions)} ${cell(t.retriers).trimEnd()}`);
  return lines.join('\n') + '\n';
}
