import { createFakeWorld, OLD_MACHINE, runScenario, SCENARIOS, ZIP } from './scenarios.js';
import { sha256Base64 } from './helpers/FakeAws.js';

describe('the step-deployer state machine', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    // Prepare
    const world = createFakeWorld();

    // Act
    const run = await runScenario(scenario, world);

    // Assess
    expect(run.result.path).toEqual(scenario.path);
    const succeeded = scenario.path[scenario.path.length - 1] === 'Success';
    expect(run.result.status).toBe(succeeded ? 'SUCCEEDED' : 'FAILED');
    if (!succeeded) {
      expect(run.result.error).toBe(scenario.path.includes('FailureDirty') ? 'AlertError' : 'NotifyError');
    }
    if (scenario.error) {
      expect(run.finalInput.error?.Error).toBe(scenario.error);
      expect(run.finalInput.error?.Cause).toMatch(scenario.cause ?? /./);
    } else {
      expect(run.finalInput.error).toBeUndefined();
    }
    if (scenario.cleanupError) expect(run.finalInput.cleanup_error?.Error).toBe(scenario.cleanupError);
    if (scenario.rootLockReleased ?? true) {
      expect(run.rootLock).toBeUndefined();
    } else {
      expect(run.rootLock).toBeDefined();
    }
    if (scenario.releaseLockKept) expect(run.releaseLock).toBeDefined();
    if (scenario.unchanged ?? !succeeded) {
      expect(run.definition).toBe(run.before.definition);
      expect(run.codeSha).toBe(run.before.codeSha);
    } else if (succeeded) {
      expect(JSON.parse(run.definition)).toEqual({ StartAt: 'WIN', States: { WIN: { Type: 'Succeed' } } });
      expect(run.codeSha).toBe(sha256Base64(ZIP));
      expect(run.definition).not.toBe(OLD_MACHINE);
    }
  });

  it('marks a successful release, records what was live and keeps the release lock', async () => {
    // Prepare
    const world = createFakeWorld();

    // Act
    const run = await runScenario(SCENARIOS[0]!, world);

    // Assess
    const output = run.result.output as Record<string, unknown>;
    expect(output.success).toBe(true);
    expect(output.uuid).toMatch(/^uuid-/);
    expect(output.previous).toMatchObject({
      function_version: '$LATEST',
      function_code_sha256: sha256Base64(Buffer.from('old code')),
    });
    expect(run.releaseLock).toContain(String(output.uuid));
    expect(await world.readObject('111111111111/project/development/release-1/previous-state-machine.json')).toBe(
      OLD_MACHINE,
    );
  });
});
