import type { DeployerHandlers } from '../src/createDeployerHandlers.js';
import { releasePaths } from '../src/release.js';
import type { Release } from '../src/release.js';
import {
  createFakeWorld,
  BUCKET,
  defaultSetup,
  deployerHandlers,
  KEYS,
  mockRelease,
  runDeployer,
  ZIP,
} from './scenarios.js';

/** Handlers whose Lock waits until `count` executions have reached it, so they all race for the locks. */
function withLockBarrier(handlers: DeployerHandlers, count: number): DeployerHandlers {
  let arrived = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    ...handlers,
    Lock: async (input) => {
      if (++arrived === count) open();
      await gate;
      return handlers.Lock(input);
    },
  };
}

describe('concurrent deploys', () => {
  it('lets exactly one of ten deploys of the same project/config take the root lock', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const releases = Array.from({ length: 10 }, (_, i) => mockRelease({ release_id: `release-c${i}` }));
    for (const release of releases) {
      const paths = releasePaths(release as Required<Release>);
      world.fake.putObject(BUCKET, paths.release, JSON.stringify(release));
      world.fake.putObject(BUCKET, paths.zip, ZIP);
    }
    const handlers = withLockBarrier(deployerHandlers(world), releases.length);

    // Act
    const outcomes = await Promise.all(releases.map((release) => runDeployer(world, release, handlers)));

    // Assess
    const winners = outcomes.filter((o) => o.result.path.includes('ValidateResources'));
    expect(winners).toHaveLength(1);
    expect(winners[0]!.result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    const losers = outcomes.filter((o) => !o.result.path.includes('ValidateResources'));
    expect(losers.map((o) => [o.result.path, o.finalInput.error?.Error])).toEqual(
      Array.from({ length: 9 }, () => [['Validate', 'Lock', 'FailureClean'], 'LockExistsError']),
    );
    expect(losers.every((o) => /S3 Lock Already Exists/.test(o.finalInput.error?.Cause ?? ''))).toBe(true);
    expect(world.fake.getObjectText(BUCKET, KEYS.rootLock)).toBeUndefined();
  });

  it('deploys a release replayed ten times at once exactly once', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const handlers = withLockBarrier(deployerHandlers(world), 10);

    // Act
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => runDeployer(world, mockRelease(), handlers)));

    // Assess
    const ends = outcomes.map((o) => o.result.path[o.result.path.length - 1]);
    expect(ends.filter((e) => e === 'Success')).toHaveLength(1);
    expect(ends.filter((e) => e === 'FailureClean')).toHaveLength(9);
    expect(outcomes.filter((o) => /Release lock already exists/.test(o.finalInput.error?.Cause ?? ''))).toHaveLength(9);
    expect(world.fake.functions.values().next().value?.updates).toBe(1);
  });
});
