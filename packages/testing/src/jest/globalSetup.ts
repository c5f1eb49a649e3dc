// jest `globalSetup: '@step/testing/jest/globalSetup'`: starts a state-machine coverage run. Options come from
// the jest config's `globals.stepCoverage` (see CoverageOptions).
import { createCoverageLifecycle, type CoverageOptions } from '../coverage/createCoverageLifecycle.js';

/**
 * Starts a coverage run with the options of `globals.stepCoverage` in the jest config.
 *
 * @example
 * ```ts
 * // jest.config.js
 * export default { globalSetup: '@step/testing/jest/globalSetup', globals: { stepCoverage: { dir: 'step-coverage' } } };
 * ```
 */
export default function globalSetup(
  _globalConfig: unknown,
  projectConfig?: { globals?: { stepCoverage?: CoverageOptions } },
): void {
  createCoverageLifecycle(projectConfig?.globals?.stepCoverage).setup();
}
