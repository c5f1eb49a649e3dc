import fc from 'fast-check';
import { DeployerError } from '../src/errors.js';
import { RELEASE_KEYS } from '../src/release.js';
import type { Release } from '../src/release.js';
import {
  createFakeWorld,
  defaultSetup,
  deployerHandlers,
  EMPTY_MACHINE,
  mockRelease,
  NOW,
  runDeployer,
} from './scenarios.js';

const DEPLOYER_ERRORS = new Set([
  'BadReleaseError',
  'LockExistsError',
  'LockError',
  'DeploySFNError',
  'DeployLambdaError',
]);

const fieldValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '111111111111',
    'us-east-1',
    'project',
    'development',
    'release-1',
    '../x',
    'arn:aws:lambda:us-east-1:1:function:f',
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string(), fc.string()),
  fc.constant(NOW.toISOString()),
  fc.constant(EMPTY_MACHINE),
  fc.anything(),
);

/** Releases near the valid one: some fields replaced by anything, some dropped, maybe an unknown key. */
const releaseArb = fc
  .record({
    replace: fc.dictionary(fc.constantFrom(...RELEASE_KEYS), fieldValue, { maxKeys: 4 }),
    drop: fc.subarray([...RELEASE_KEYS], { maxLength: 3 }),
    extra: fc.option(fc.dictionary(fc.string({ minLength: 1 }), fc.anything(), { maxKeys: 2 })),
  })
  .map(({ replace, drop, extra }) => {
    const release: Record<string, unknown> = { ...mockRelease(), ...replace, ...(extra ?? {}) };
    for (const key of drop) delete release[key];
    return release;
  });

describe('fuzzed release bundles', () => {
  it('never crash a handler: each returns a release or throws a DeployerError', async () => {
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const handlers = deployerHandlers(world);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(releaseArb, fc.anything()),
        fc.constantFrom('Validate', 'Lock', 'ValidateResources', 'Deploy', 'ReleaseLockFailure'),
        async (input, step) => {
          try {
            const out = await handlers[step](input);
            expect(typeof out).toBe('object');
          } catch (e) {
            expect(e).toBeInstanceOf(DeployerError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always end the deployer in one of its end states with a deployer error', async () => {
    await fc.assert(
      fc.asyncProperty(releaseArb, async (input) => {
        // Prepare
        const world = createFakeWorld();
        const setup = defaultSetup();
        setup.input = input;
        setup.s3Release = JSON.stringify(input);
        await world.seed(setup);

        // Act
        const { result, finalInput } = await runDeployer(world, input);

        // Assess
        const end = result.path[result.path.length - 1];
        expect(['Success', 'FailureClean']).toContain(end);
        if (end === 'FailureClean') {
          expect(DEPLOYER_ERRORS.has(finalInput.error?.Error ?? '')).toBe(true);
        } else {
          expect((result.output as Release).success).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
