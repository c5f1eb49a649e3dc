// Shared jest configuration: every package's jest.config.js spreads it.
// TypeScript is compiled by @swc/jest to ESM; run jest with --experimental-vm-modules.
// `@step/*` imports resolve to the packages' sources, so tests never run against stale builds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Line, branch, function and statement coverage, collected and enforced only when `STEP_COVERAGE=1`: the root
 * test command sets it for its Node 20 pass, so the Node 22 and 24 passes of `.ci/run` do not pay for it twice.
 * Istanbul counting (`coverageProvider: 'babel'`, instrumenting what @swc/jest emits), not v8's: v8 counts
 * type-only files and declarations as uncovered lines (decision 023).
 * @param {{lines: number, branches: number, functions: number, statements: number}} threshold the package's floor
 * @returns {import('jest').Config}
 */
export function coverage(threshold) {
  if (process.env.STEP_COVERAGE !== '1') return {};
  return {
    collectCoverage: true,
    coverageProvider: 'babel',
    collectCoverageFrom: ['src/**/*.ts'],
    coverageReporters: ['text-summary'],
    coverageThreshold: { global: threshold },
  };
}

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: {
    '^@step/test-utils$': `${root}/internal/test-utils/src/index.ts`,
    '^@step/([a-z-]+)$': `${root}/packages/$1/src/index.ts`,
    '^@step/([a-z-]+)/([a-z-]+)$': `${root}/packages/$1/src/$2/index.ts`,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  clearMocks: true,
  restoreMocks: true,
  prettierPath: null,
  reporters: ['default', `${root}/scripts/jestResultsReporter.cjs`],
};
