import { VirtualClock } from '@step/interpreter';
import { createLambdaContext } from '@step/test-utils';
import { createDeployerMachine } from '@step/deployer/lambda';
import type { Release } from '../src/release.js';
import { awsError } from './helpers/FakeAws.js';
import { createCrossAccountWorld, createFakeWorld, defaultSetup, mockRelease, ACCOUNT, REGION } from './scenarios.js';

const ENV = { AWS_REGION: REGION, STEP_DEPLOYER_ACCOUNT_ID: ACCOUNT };

describe('the deployer Lambda', () => {
  it('runs the whole deployer through the @step/lambda dispatcher', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const machine = createDeployerMachine({ env: ENV, clients: world.clients });

    // Act
    const result = await machine.run({ input: mockRelease(), clock: new VirtualClock() });

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    expect((result.output as Release).success).toBe(true);
  });

  it('answers a Step Functions envelope as the Node Lambda runtime invokes it', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    const machine = createDeployerMachine({ env: ENV, clients: world.clients });

    // Act
    const out = (await machine.handler({ Task: 'Validate', Input: mockRelease() }, createLambdaContext())) as Release;

    // Assess
    expect(out.uuid).toMatch(/^release-/);
    expect(out.started_at).toBeDefined();
  });

  it('fails an envelope with the deployer error as the error type', async () => {
    // Prepare
    const machine = createDeployerMachine({ env: ENV, clients: createFakeWorld().clients });

    // Act
    const attempt = machine.handler({ Task: 'Validate', Input: { asd: 1 } }, createLambdaContext());

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'BadReleaseError' });
  });

  it('deploys with the Lambda ARN as every Resource', () => {
    // Prepare
    const machine = createDeployerMachine({ env: ENV, clients: createFakeWorld().clients });
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:step-deployer`;

    // Act
    const definition = machine.deployableDefinition(arn) as unknown as {
      States: Record<string, { Type: string; Resource?: string }>;
    };

    // Assess
    const tasks = Object.values(definition.States).filter((s) => s.Type === 'Task');
    expect(tasks).toHaveLength(5);
    expect(tasks.every((s) => s.Resource === arn)).toBe(true);
  });

  it('assumes the role named by STEP_DEPLOYER_ASSUME_ROLE in another account', async () => {
    // Prepare
    const target = '222222222222';
    const { fake, world, release } = createCrossAccountWorld(target);
    const machine = createDeployerMachine({
      env: { ...ENV, STEP_DEPLOYER_ASSUME_ROLE: 'ops-deployer' },
      clients: world.clients,
    });

    // Act
    const out = (await machine.handler(
      { Task: 'ValidateResources', Input: { ...release, uuid: 'u' } },
      createLambdaContext(),
    )) as Release;

    // Assess
    expect(out.aws_account_id).toBe(target);
    expect(fake.assumedRoles).toEqual([`arn:aws:iam::${target}:role/ops-deployer`]);
  });

  it('asks STS for its account again after a failed lookup', async () => {
    // Prepare
    const world = createFakeWorld();
    await world.seed(defaultSetup());
    world.fake.inject({
      service: 'STS',
      op: 'GetCallerIdentity',
      times: 1,
      error: awsError('ServiceUnavailable', 503),
    });
    const machine = createDeployerMachine({ env: { AWS_REGION: REGION }, clients: world.clients });
    const invoke = () => machine.handler({ Task: 'Validate', Input: mockRelease() }, createLambdaContext());

    // Act
    const first = invoke();
    await expect(first).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    const second = (await invoke()) as Release;

    // Assess
    expect(second.aws_account_id).toBe(ACCOUNT);
    expect(world.fake.calls.filter((c) => c.op === 'GetCallerIdentity')).toHaveLength(2);
  });
});
