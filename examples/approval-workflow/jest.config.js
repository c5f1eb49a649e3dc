import preset from '../../jest.preset.js';

// The Step matchers, and a state-machine coverage run over the whole suite (report in step-coverage/).
export default {
  ...preset,
  setupFilesAfterEnv: ['@step/testing/jest'],
  globalSetup: '@step/testing/jest/globalSetup',
  globalTeardown: '@step/testing/jest/globalTeardown',
  globals: { stepCoverage: { dir: 'step-coverage', formats: ['text', 'json', 'html'] } },
};
