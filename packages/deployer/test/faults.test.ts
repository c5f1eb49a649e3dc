import type { DeployerHandlers } from '../src/createDeployerHandlers.js';
import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import { releasePaths } from '../src/release.js';
import type { Release } from '../src/release.js';
import type { CallRecord } from './helpers/FakeAws.js';
import { sha256Base64 } from './helpers/FakeAws.js';
import {
  BUCKET,
  createCrossAccountWorld,
  createFakeWorld,
  defaultSetup,
  deployerHandlers,
  KEYS,
  mockRelease,
  NOW,
  OLD_MACHINE,
  REGION,
  runDeployer,
  ZIP,
} from './scenarios.js';

const KNOWN_ERRORS = new Set([
  'BadReleaseError',
  'LockExistsError',
  'LockError',
  'DeploySFNError',
  'DeployLambdaError',
  'DeployRollbackError',
  'UnlockError',
]);

/** A set-up whose function is tagged for another tool: the deploy goes through ReleaseLockFailure. */
function wrongTags(): ReturnType<typeof defaultSetup> {
  const setup = defaultSetup();
  setup.functionTags.DeployWith = 'terraform';
  return setup;
}

async function happyCalls(setup = defaultSetup()): Promise<CallRecord[]> {
  const world = createFakeWorld();
  await world.seed(setup);
  await runDeployer(world, mockRelease());
  return [...world.fake.calls];
}

function occurrence(calls: CallRecord[], index: number): number {
  const call = calls[index]!;
  return calls.slice(0, index).filter((c) => c.service === call.service && c.op === call.op && c.target === call.target)
    .length;
}

async function runWithFault(calls: CallRecord[], index: number, times: number | undefined, setup = defaultSetup()) {
  const call = calls[index]!;
  const world = createFakeWorld();
  await world.seed(setup);
  const escaped = call.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  world.fake.inject({
    service: call.service,
    op: call.op,
    target: new RegExp(`^${escaped}$`),
    skip: occurrence(calls, index),
    ...(times !== undefined ? { times } : {}),
  });
  const outcome = await runDeployer(world, mockRelease());
  return {
    ...outcome,
    world,
    rootLock: world.fake.getObjectText(BUCKET, KEYS.rootLock),
    definition: world.fake.stateMachines.values().next().value?.definition,
    codeSha: world.fake.functions.values().next().value?.codeSha256,
  };
}

describe('fault injection', () => {
  it('calls S3, Lambda and SFN in a known order on the happy path', async () => {
    // Act
    const calls = await happyCalls();

    // Assess
    expect(calls.map((c) => `${c.service}.${c.op}`)).toEqual([
      'S3.GetObject', // release copy
      'S3.GetObject', // lambda.zip
      'S3.GetObject', // user lock
      'S3.PutObject', // release lock
      'S3.PutObject', // root lock
      'Lambda.ListTags',
      'SFN.DescribeStateMachine',
      'SFN.ListTagsForResource',
      'S3.GetObject', // root lock still ours
      'SFN.DescribeStateMachine',
      'S3.PutObject', // previous definition
      'Lambda.GetFunctionConfiguration',
      'SFN.UpdateStateMachine',
      'Lambda.UpdateFunctionCode',
      'Lambda.GetFunctionConfiguration', // LastUpdateStatus settled
      'S3.DeleteObject', // root lock, If-Match its ETag
    ]);
  });

  it('ends as promised for one fault at every AWS call', async () => {
    // Prepare
    const calls = await happyCalls();
    const updateCode = calls.findIndex((c) => c.op === 'UpdateFunctionCode');

    for (let i = 0; i < calls.length; i++) {
      // Act
      const run = await runWithFault(calls, i, 1);

      // Assess
      const label = `${i}: ${calls[i]!.service}.${calls[i]!.op} ${calls[i]!.target}`;
      const end = run.result.path[run.result.path.length - 1];
      // after the function is updated, one fault is absorbed by the unlock's retries
      expect(`${label} -> ${end}`).toBe(`${label} -> ${i > updateCode ? 'Success' : 'FailureClean'}`);
      expect(run.rootLock).toBeUndefined();
      if (end === 'FailureClean') {
        expect(KNOWN_ERRORS.has(run.finalInput.error?.Error ?? '')).toBe(true);
        expect(run.definition).toBe(OLD_MACHINE);
        expect(run.codeSha).toBe(sha256Base64(Buffer.from('old code')));
      }
    }
  });

  it('ends clean for one fault at every AWS call of a refused deploy, ReleaseLockFailure included', async () => {
    // Prepare
    const calls = await happyCalls(wrongTags());
    expect(calls.filter((c) => c.op === 'DeleteObject')).toHaveLength(1);

    for (let i = 0; i < calls.length; i++) {
      // Act
      const run = await runWithFault(calls, i, 1, wrongTags());

      // Assess
      const label = `${i}: ${calls[i]!.service}.${calls[i]!.op}`;
      expect([label, run.result.path.at(-1)]).toEqual([label, 'FailureClean']);
      expect(run.rootLock).toBeUndefined();
      expect(run.definition).toBe(OLD_MACHINE);
    }
  });

  it('ends clean or dirty, never in between, when an AWS call keeps failing', async () => {
    // Prepare
    const calls = await happyCalls();

    for (let i = 0; i < calls.length; i++) {
      // Act
      const run = await runWithFault(calls, i, undefined);

      // Assess
      const label = `${i}: ${calls[i]!.service}.${calls[i]!.op}`;
      const end = run.result.path[run.result.path.length - 1];
      expect([label, end]).toEqual([label, expect.stringMatching(/^Failure(Clean|Dirty)$/)]);
      expect(KNOWN_ERRORS.has(run.finalInput.error?.Error ?? '')).toBe(true);
      if (end === 'FailureClean') {
        expect(run.rootLock).toBeUndefined();
        expect(run.definition).toBe(OLD_MACHINE);
      } else {
        const advice = `${run.finalInput.error?.Cause ?? ''} ${run.finalInput.cleanup_error?.Cause ?? ''}`;
        expect(advice).toMatch(/aws s3 rm s3:\/\//);
      }
    }
  });

  // An unexpected error in Deploy may have changed anything: FailureDirty keeps the lock for a person.
  const STEP_ENDS: [string, string[], boolean][] = [
    ['Validate', ['Validate', 'FailureClean'], true],
    ['Lock', ['Validate', 'Lock', 'ReleaseLockFailure', 'FailureClean'], true],
    ['ValidateResources', ['Validate', 'Lock', 'ValidateResources', 'ReleaseLockFailure', 'FailureClean'], true],
    ['Deploy', ['Validate', 'Lock', 'ValidateResources', 'Deploy', 'FailureDirty'], false],
  ];

  it.each(STEP_ENDS)('routes an unexpected error in %s to its promised end', async (step, path, lockReleased) => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const handlers: DeployerHandlers = { ...deployerHandlers(world) };
    handlers[step] = () => Promise.reject(new TypeError('a bug'));

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease(), handlers);

    // Assess
    expect(result.path).toEqual(path);
    expect(finalInput.error?.Error).toBe('TypeError');
    expect(world.fake.getObjectText(BUCKET, KEYS.rootLock) === undefined).toBe(lockReleased);
  });

  it('releases its own root lock when a retried Lock cannot read it back', async () => {
    // Prepare: the first Lock invocation takes both locks but its answer is lost; on the retry the root lock
    // cannot be read, so whose it is stays unknown.
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const handlers = { ...deployerHandlers(world) };
    const lock = handlers.Lock;
    let invocations = 0;
    handlers.Lock = async (input) => {
      if (invocations++ > 0) return lock(input);
      await lock(input);
      world.fake.inject({ service: 'S3', op: 'GetObject', target: /development\/lock$/, times: 1 });
      const e = new Error('invocation failed');
      e.name = 'Lambda.ServiceException';
      throw e;
    };

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease(), handlers);

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ReleaseLockFailure', 'FailureClean']);
    expect(finalInput.error?.Error).toBe('LockError');
    expect(world.fake.getObjectText(BUCKET, KEYS.rootLock)).toBeUndefined();
  });

  it('retries a handler whose Lambda invocation was throttled', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const handlers = { ...deployerHandlers(world) };
    let throttled = 0;
    const deploy = handlers.Deploy;
    handlers.Deploy = (input) => {
      if (throttled++ === 0) {
        const e = new Error('Rate exceeded');
        e.name = 'Lambda.TooManyRequestsException';
        return Promise.reject(e);
      }
      return deploy(input);
    };

    // Act
    const { result } = await runDeployer(world, mockRelease(), handlers);

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    expect(throttled).toBe(2);
  });

  it('ends dirty when lambda.zip is replaced after Validate in an unversioned bucket', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const zipKey = releasePaths(mockRelease() as Required<Release>).zip;
    world.fake.before = (_service, op) => {
      if (op === 'GetFunctionConfiguration') world.fake.putObject(BUCKET, zipKey, 'evil code');
    };
    const handlers = deployerHandlers(world);
    const validate = handlers.Validate;
    handlers.Validate = async (input) => {
      const out = await validate(input);
      delete out.lambda_s3_version; // as S3 answers for an unversioned bucket
      return out;
    };

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease(), handlers);

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'FailureDirty']);
    expect(finalInput.error?.Error).toBe('DeployRollbackError');
    expect(finalInput.error?.Cause).toMatch(/changed after Validate.*state machine .* was rolled back/);
  });

  it('ends clean when lambda.zip is replaced after Validate in a versioned bucket', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const zipKey = releasePaths(mockRelease() as Required<Release>).zip;
    world.fake.before = (_service, op) => {
      if (op === 'GetFunctionConfiguration') world.fake.putObject(BUCKET, zipKey, 'evil code');
    };

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease());

    // Assess
    expect(result.path).toEqual([
      'Validate',
      'Lock',
      'ValidateResources',
      'Deploy',
      'ReleaseLockFailure',
      'FailureClean',
    ]);
    expect(finalInput.error?.Error).toBe('DeployLambdaError');
    expect(world.fake.stateMachines.values().next().value?.definition).toBe(OLD_MACHINE);
  });

  it('rolls back and ends clean when Lambda fails to apply the code update', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    for (const fn of world.fake.functions.values()) fn.settlesAs = 'Failed';

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease());

    // Assess
    expect(result.path).toEqual([
      'Validate',
      'Lock',
      'ValidateResources',
      'Deploy',
      'ReleaseLockFailure',
      'FailureClean',
    ]);
    expect(finalInput.error?.Error).toBe('DeployLambdaError');
    expect(finalInput.error?.Cause).toMatch(/failed to apply the code update/);
    expect(world.fake.stateMachines.values().next().value?.definition).toBe(OLD_MACHINE);
    expect(world.fake.functions.values().next().value?.codeSha256).toBe(sha256Base64(Buffer.from('old code')));
  });

  it('ends dirty, saying what to check, when the code update never settles', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    for (const fn of world.fake.functions.values()) fn.settlesAs = 'InProgress';

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease());

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'FailureDirty']);
    expect(finalInput.error?.Error).toBe('DeployRollbackError');
    expect(finalInput.error?.Cause).toMatch(
      /still InProgress after 5 polls.*get-function-configuration.*was rolled back.*aws s3 rm/,
    );
  });

  it('changes nothing when the root lock was taken away before Deploy', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    world.fake.before = (service, op) => {
      if (service === 'SFN' && op === 'ListTagsForResource') {
        world.fake.putObject(BUCKET, KEYS.rootLock, JSON.stringify({ uuid: 'someone-else' }));
      }
    };

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease());

    // Assess
    expect(result.path).toEqual([
      'Validate',
      'Lock',
      'ValidateResources',
      'Deploy',
      'ReleaseLockFailure',
      'FailureClean',
    ]);
    expect(finalInput.error?.Cause).toMatch(/no longer held by this deploy/);
    expect(world.fake.getObjectText(BUCKET, KEYS.rootLock)).toContain('someone-else');
    expect(world.fake.stateMachines.values().next().value?.definition).toBe(OLD_MACHINE);
  });
});

describe('cross-account deploys', () => {
  it('assumes the configured role in the release account for the function and state machine', async () => {
    // Prepare
    const target = '222222222222';
    const { fake, world, release } = createCrossAccountWorld(target);
    const handlers = createDeployerHandlers({
      clients: world.clients,
      region: REGION,
      accountId: '111111111111',
      assumeRoleName: 'deployer-in-target',
      now: () => NOW,
    });

    // Act
    const { result } = await runDeployer(world, release, handlers);

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    const roleArn = `arn:aws:iam::${target}:role/deployer-in-target`;
    const targetCalls = fake.calls.filter((c) => c.service !== 'S3');
    expect(targetCalls.length).toBeGreaterThan(0);
    expect(targetCalls.every((c) => c.roleArn === roleArn && c.account === target)).toBe(true);
    expect(
      fake.calls
        .filter((c) => c.service === 'S3')
        .every((c) => c.roleArn === undefined && c.account === '111111111111'),
    ).toBe(true);
  });
});

describe('faults whose call took effect (the answer was lost)', () => {
  it('ends dirty, saying what to check, when a failed code update cannot be confirmed either way', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    world.fake.inject({ service: 'Lambda', op: 'UpdateFunctionCode', times: 1 });
    world.fake.inject({ service: 'Lambda', op: 'GetFunctionConfiguration', skip: 1 });

    // Act
    const { result, finalInput } = await runDeployer(world, mockRelease());

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'FailureDirty']);
    expect(finalInput.error?.Error).toBe('DeployRollbackError');
    expect(finalInput.error?.Cause).toMatch(
      /could not be learnt.*get-function-configuration.*was rolled back.*aws s3 rm/,
    );
    expect(world.fake.stateMachines.values().next().value?.definition).toBe(OLD_MACHINE);
  });

  it('ends clean, lock released, for a lost answer at every AWS call of a refused deploy, ReleaseLockFailure included', async () => {
    // Prepare
    const calls = await happyCalls(wrongTags());

    for (let i = 0; i < calls.length; i++) {
      // Act
      const call = calls[i]!;
      const world = createFakeWorld();
      await world.seed(wrongTags());
      const escaped = call.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      world.fake.inject({
        service: call.service,
        op: call.op,
        target: new RegExp(`^${escaped}$`),
        skip: occurrence(calls, i),
        times: 1,
        after: true,
      });
      const run = await runDeployer(world, mockRelease());

      // Assess
      const label = `${i}: ${call.service}.${call.op} ${call.target}`;
      expect([label, run.result.path.at(-1)]).toEqual([label, 'FailureClean']);
      expect([label, world.fake.getObjectText(BUCKET, KEYS.rootLock)]).toEqual([label, undefined]);
      expect([label, world.fake.stateMachines.values().next().value?.definition]).toEqual([label, OLD_MACHINE]);
    }
  });

  it('never ends clean with a resource changed, nor succeeds without the release live', async () => {
    // Prepare
    const calls = await happyCalls();
    const ends: string[] = [];

    for (let i = 0; i < calls.length; i++) {
      // Act
      const call = calls[i]!;
      const world = createFakeWorld();
      await world.seed(defaultSetup());
      const escaped = call.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      world.fake.inject({
        service: call.service,
        op: call.op,
        target: new RegExp(`^${escaped}$`),
        skip: occurrence(calls, i),
        times: 1,
        after: true,
      });
      const run = await runDeployer(world, mockRelease());

      // Assess
      const label = `${i}: ${call.service}.${call.op} ${call.target}`;
      const end = run.result.path.at(-1);
      const definition = world.fake.stateMachines.values().next().value?.definition;
      const codeSha = world.fake.functions.values().next().value?.codeSha256;
      const live =
        definition === OLD_MACHINE && codeSha === sha256Base64(Buffer.from('old code'))
          ? 'old'
          : codeSha === sha256Base64(ZIP) && definition !== OLD_MACHINE
            ? 'new'
            : 'mixed';
      // Success only with the release live, FailureClean only with everything as before; FailureDirty says what to clean.
      const allowed = end === 'Success' ? 'new' : end === 'FailureClean' ? 'old' : live;
      expect([label, end, live]).toEqual([
        label,
        expect.stringMatching(/^(Success|FailureClean|FailureDirty)$/),
        allowed,
      ]);
      if (end === 'FailureDirty')
        expect([label, run.finalInput.error?.Cause]).toEqual([label, expect.stringMatching(/aws /)]);
      if (end !== 'FailureDirty')
        expect([label, world.fake.getObjectText(BUCKET, KEYS.rootLock)]).toEqual([label, undefined]);
      ends.push(`${call.service}.${call.op}: ${end ?? ''}`);
    }
    // A state machine update whose answer was lost is rolled back; a code update whose answer was lost is kept.
    expect(ends).toContain('SFN.UpdateStateMachine: FailureClean');
    expect(ends).toContain('Lambda.UpdateFunctionCode: Success');
    expect(ends.filter((e) => e.endsWith('FailureDirty'))).toEqual([]);
  });
});
