// Shared jest configuration: every package's jest.config.js spreads it.
// TypeScript is compiled by @swc/jest to ESM; run jest with --experimental-vm-modules.
// `@step/*` imports resolve to the packages' sources, so tests never run against stale builds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

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
