import { buildGraph, type EdgeKind } from '@step/asl/graph';
import type { MachineCoverageData } from './CoverageData.js';
import { getAtPointer } from './getAtPointer.js';

/**
 * Covered items over total items, and the percentage (100 when there are none).
 *
 * @example
 * ```ts
 * const m: CoverageMetric = { covered: 3, total: 4, pct: 75 };
 * ```
 */
export interface CoverageMetric {
  covered: number;
  total: number;
  pct: number;
}

/**
 * One transition of a machine and how often executions took it.
 *
 * @example
 * ```ts
 * const t: TransitionCoverage = { from: 'Charge', to: 'Refund', kind: 'catch', label: 'PaymentDeclined', pointer: '/States/Charge/Catch/0/Next', count: 1, errors: { PaymentDeclined: 1 } };
 * ```
 */
export interface TransitionCoverage {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  pointer: string;
  count: number;
  /** For a Catch: the errors it caught, with counts. */
  errors?: Record<string, number>;
}

/**
 * The coverage of one machine: every state, transition and retrier with its count, and the three metrics.
 *
 * @example
 * ```ts
 * report.machines[0]?.transitions.filter((t) => t.count === 0); // what no test took
 * ```
 */
export interface MachineCoverage {
  machine: string;
  name: string;
  hash: string;
  executions: number;
  states: { name: string; type: string; pointer: string; count: number }[];
  transitions: TransitionCoverage[];
  retriers: { state: string; errorEquals: string[]; pointer: string; count: number }[];
  metrics: { states: CoverageMetric; transitions: CoverageMetric; retriers: CoverageMetric };
}

/**
 * State-machine coverage of a test run: per machine, and the totals.
 *
 * @example
 * ```ts
 * const report: CoverageReport = createCoverageReport(readCoverageDir('step-coverage'));
 * report.total.transitions.pct;
 * ```
 */
export interface CoverageReport {
  machines: MachineCoverage[];
  total: { states: CoverageMetric; transitions: CoverageMetric; retriers: CoverageMetric };
}

function metric(counts: readonly number[]): CoverageMetric {
  const covered = counts.filter((n) => n > 0).length;
  const total = counts.length;
  return { covered, total, pct: total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100 };
}

function sum(metrics: CoverageMetric[]): CoverageMetric {
  const covered = metrics.reduce((a, m) => a + m.covered, 0);
  const total = metrics.reduce((a, m) => a + m.total, 0);
  return { covered, total, pct: total === 0 ? 100 : Math.floor((covered / total) * 10_000) / 100 };
}

/**
 * Builds the coverage report of merged coverage data: every state, transition (`Next`, each Choice rule,
 * `Default`, each Catch, each branch and processor entry, nested scopes included) and retrier of each machine,
 * with how often the run exercised it.
 *
 * @remarks
 * Pure. The items come from `@step/asl`'s graph of the definition, so an item no execution reached is listed
 * with count 0. Percentages are rounded down to two decimals, so 99.999% never shows as 100%.
 *
 * @example
 * ```ts
 * const report = createCoverageReport(readCoverageDir('step-coverage'));
 * console.log(formatCoverageText(report));
 * ```
 */
export function createCoverageReport(machines: readonly MachineCoverageData[]): CoverageReport {
  const out: MachineCoverage[] = machines.map((m) => {
    const graph = buildGraph(m.definition);
    const states = graph.nodes.map((n) => ({ name: n.id, type: n.type, pointer: n.pointer, count: m.hits.states[n.pointer] ?? 0 }));
    const transitions = graph.edges
      .filter((e) => e.resolved)
      .map((e) => {
        const hit = m.hits.transitions[e.pointer];
        const t: TransitionCoverage = { from: e.from, to: e.to, kind: e.kind, pointer: e.pointer, count: hit?.count ?? 0 };
        if (e.label !== undefined) t.label = e.label;
        if (hit?.errors !== undefined) t.errors = hit.errors;
        return t;
      });
    const retriers: MachineCoverage['retriers'] = [];
    for (const n of graph.nodes) {
      const retry = getAtPointer(m.definition, n.pointer).Retry;
      if (!Array.isArray(retry)) continue;
      retry.forEach((r: { ErrorEquals?: unknown }, i) => {
        const pointer = `${n.pointer}/Retry/${i}`;
        const errorEquals = Array.isArray(r.ErrorEquals) ? r.ErrorEquals.filter((x): x is string => typeof x === 'string') : [];
        retriers.push({ state: n.id, errorEquals, pointer, count: m.hits.retriers[pointer] ?? 0 });
      });
    }
    return {
      machine: m.machine,
      name: m.name,
      hash: m.hash,
      executions: m.executions,
      states,
      transitions,
      retriers,
      metrics: {
        states: metric(states.map((s) => s.count)),
        transitions: metric(transitions.map((t) => t.count)),
        retriers: metric(retriers.map((r) => r.count)),
      },
    };
  });
  return {
    machines: out,
    total: {
      states: sum(out.map((m) => m.metrics.states)),
      transitions: sum(out.map((m) => m.metrics.transitions)),
      retriers: sum(out.map((m) => m.metrics.retriers)),
    },
  };
}
