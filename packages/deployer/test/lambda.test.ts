import { VirtualClock } from '@step/interpreter';
import { createLambdaContext } from '@step/test-utils';
import { createDeployerMachine } from '@step/deployer/lambda';
import type { Release } from '../src/release.js';
import { createFakeWorld, defaultSetup, mockRelease, ACCOUNT, REGION } from './scenarios.js';

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
    const definition = machine.deployableDefinition(arn) as unknown as { States: Record<string, { Type: string; Resource?: string }> };

    // Assess
    const tasks = Object.values(definition.States).filter((s) => s.Type === 'Task');
    expect(tasks).toHaveLength(5);
    expect(tasks.every((s) => s.Resource === arn)).toBe(true);
  });
});
