// jest `globalTeardown: '@step/testing/jest/globalTeardown'`: merges the workers' coverage files, writes the
// reports and fails the run under the threshold of `globals.stepCoverage`.
import { createCoverageLifecycle, type CoverageOptions } from '../coverage/createCoverageLifecycle.js';

/**
 * Ends a coverage run: reports, and throws `CoverageThresholdError` under the threshold.
 *
 * @example
 * ```ts
 * // jest.config.js
 * export default { globalTeardown: '@step/testing/jest/globalTeardown', globals: { stepCoverage: { threshold: { states: 100 } } } };
 * ```
 */
export default function globalTeardown(
  _globalConfig: unknown,
  projectConfig?: { globals?: { stepCoverage?: CoverageOptions } },
): void {
  createCoverageLifecycle(projectConfig?.globals?.stepCoverage).teardown();
}
