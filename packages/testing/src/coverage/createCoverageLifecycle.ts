import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { assertCoverage, type CoverageThreshold } from './assertCoverage.js';
import { COVERAGE_DIR_ENV } from './recordCoverage.js';
import { writeCoverageReports, type CoverageFormat } from './writeCoverageReports.js';

/**
 * Options of a coverage run.
 *
 * @example
 * ```ts
 * const options: CoverageOptions = { dir: 'step-coverage', threshold: { transitions: 80 }, formats: ['text', 'html'] };
 * ```
 */
export interface CoverageOptions {
  /** Where workers write their files and the reports go; default `step-coverage` (relative to the cwd). */
  dir?: string;
  /** Minimum total percentages; the run fails under them. */
  threshold?: CoverageThreshold;
  /** Report formats; default all. */
  formats?: readonly CoverageFormat[];
  /** Prints the text summary at the end; default true. */
  print?: boolean;
}

/**
 * The start and the end of a coverage run, for a test runner's global setup and teardown: `setup` empties the
 * directory of earlier files and switches recording on for the workers (`STEP_COVERAGE_DIR`); `teardown`
 * merges the workers' files, writes the reports, prints the summary and throws `CoverageThresholdError` when
 * the coverage is under the threshold (which fails the run).
 *
 * @example
 * ```ts
 * // vitest.step-coverage.ts, listed in vitest's test.globalSetup
 * import { createCoverageLifecycle } from '@step/testing/coverage';
 * export const { setup, teardown } = createCoverageLifecycle({ threshold: { transitions: 80 } });
 * ```
 */
export function createCoverageLifecycle(options: CoverageOptions = {}): { setup(): void; teardown(): void } {
  const dir = path.resolve(options.dir ?? 'step-coverage');
  return {
    setup(): void {
      let files: string[] = [];
      try {
        files = readdirSync(dir);
      } catch {
        // nothing to clean
      }
      for (const f of files) if (/^step-coverage-.*\.jsonl$/.test(f)) rmSync(path.join(dir, f));
      process.env[COVERAGE_DIR_ENV] = dir;
    },
    teardown(): void {
      const { report, text } = writeCoverageReports(dir, { formats: options.formats });
      if (options.print ?? true) process.stdout.write(`\n${text}`);
      if (options.threshold !== undefined) assertCoverage(report, options.threshold);
    },
  };
}
