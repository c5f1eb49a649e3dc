import { CoverageThresholdError } from '../errors.js';
import type { CoverageReport } from './createCoverageReport.js';

/**
 * Minimum percentages of the total coverage; a metric left out is not checked.
 *
 * @example
 * ```ts
 * const threshold: CoverageThreshold = { states: 100, transitions: 80 };
 * ```
 */
export interface CoverageThreshold {
  states?: number;
  transitions?: number;
  retriers?: number;
}

/**
 * Throws {@link CoverageThresholdError} when a total metric of the report is under its threshold, naming each
 * shortfall.
 *
 * @example
 * ```ts
 * assertCoverage(createCoverageReport(readCoverageDir('step-coverage')), { transitions: 90 });
 * ```
 */
export function assertCoverage(report: CoverageReport, threshold: CoverageThreshold): void {
  const shortfalls: CoverageThresholdError['shortfalls'][number][] = [];
  for (const metric of ['states', 'transitions', 'retriers'] as const) {
    const min = threshold[metric];
    const actual = report.total[metric].pct;
    if (min !== undefined && actual < min) shortfalls.push({ metric, actual, threshold: min });
  }
  if (shortfalls.length === 0) return;
  const list = shortfalls.map((s) => `${s.metric} ${s.actual}% < ${s.threshold}%`).join(', ');
  throw new CoverageThresholdError(
    `State machine coverage is under its threshold: ${list}. Add tests for what the report lists as not covered, or lower the threshold.`,
    shortfalls,
  );
}
