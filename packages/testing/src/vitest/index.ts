// Setup file for vitest: `test.setupFiles: ['@step/testing/vitest']` adds the Step matchers to `expect`.
import { expect } from 'vitest';
import { stepMatchers, type StepMatchers } from '../matchers/stepMatchers.js';

declare module 'vitest' {
  // vitest's own declaration is `Assertion<T = any>`; an augmentation must repeat its type parameters.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends StepMatchers<void> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends StepMatchers<void> {}
}

expect.extend(stepMatchers);

export type { StepMatchers };
