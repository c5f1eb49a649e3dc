// Setup file for jest: `setupFilesAfterEnv: ['@step/testing/jest']` adds the Step matchers to `expect`.
import { TestingSetupError } from '../errors.js';
import { stepMatchers, type StepMatchers } from '../matchers/stepMatchers.js';

/** The global `expect` jest provides to setup files. */
interface ExtendableExpect {
  extend(matchers: Record<string, unknown>): void;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R> extends StepMatchers<R> {}
  }
}

const globalExpect = (globalThis as { expect?: ExtendableExpect }).expect;
if (globalExpect === undefined) {
  throw new TestingSetupError(
    '@step/testing/jest must run where jest defines `expect`: list it in setupFilesAfterEnv (not setupFiles) of your jest config.',
  );
}
globalExpect.extend(stepMatchers);

export type { StepMatchers };
