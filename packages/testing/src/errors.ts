import { StepError } from '@step/asl';

/**
 * Thrown when `@step/testing` is set up where it cannot work (a matcher setup file loaded where there is no
 * `expect`, a coverage directory that cannot be written).
 *
 * @example
 * ```ts
 * throw new TestingSetupError('list @step/testing/jest in setupFilesAfterEnv');
 * ```
 */
export class TestingSetupError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TestingSetupError';
  }
}

/**
 * Thrown (or reported, by the jest reporter and vitest teardown) when state-machine coverage is below its
 * threshold; `shortfalls` lists each metric under its minimum.
 *
 * @example
 * ```ts
 * try { assertCoverage(report, { states: 100 }); } catch (e) { if (e instanceof CoverageThresholdError) console.log(e.shortfalls); }
 * ```
 */
export class CoverageThresholdError extends StepError {
  /** Each metric under its threshold: `{ machine, metric, actual, threshold }` (`machine` undefined: the total). */
  readonly shortfalls: readonly { machine?: string; metric: string; actual: number; threshold: number }[];

  constructor(message: string, shortfalls: CoverageThresholdError['shortfalls'], options?: ErrorOptions) {
    super(message, options);
    this.name = 'CoverageThresholdError';
    this.shortfalls = shortfalls;
  }
}
