import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExecution, VirtualClock } from '@step/interpreter';
import { AslValidationError } from '@step/asl';
import { bootstrap, MAX_INLINE_ZIP_BYTES } from '../src/client/bootstrap.js';
import { deploy, MAX_EXECUTION_INPUT_BYTES, unwrapCause } from '../src/client/deploy.js';
import type { DeployProgress } from '../src/client/deploy.js';
import { followExecution } from '../src/client/followExecution.js';
import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import { DEPLOYER_DEFINITION } from '../src/deployerDefinition.js';
import { DeployClientError } from '../src/errors.js';
import { awsError, FakeAws, sha256Base64 } from './helpers/FakeAws.js';
import { createFakeExecutions } from './helpers/fakeStepFunctions.js';
import { createMockedClients } from './helpers/mockedClients.js';
import type { Overrides } from './helpers/mockedClients.js';
import {
  ACCOUNT,
  BUCKET,
  FUNCTION_ARN,
  GOOD_ROLE,
  GOOD_TAGS,
  MACHINE_ARN,
  OLD_MACHINE,
  REGION,
  ZIP,
} from './scenarios.js';

const dir = mkdtempSync(path.join(tmpdir(), 'step-deployer-client-'));
const zipFile = path.join(dir, 'lambda.zip');
writeFileSync(zipFile, ZIP);
const HELLO = JSON.stringify({
  StartAt: 'Hello',
  States: {
    Hello: {
      Type: 'TaskFn',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      End: true,
    },
  },
});
const statesFile = path.join(dir, 'hello.asl.json');
writeFileSync(statesFile, HELLO);

/** A FakeAws with the target function/state machine and a step-deployer whose executions run in-process. */
function setUp(options: { functionTags?: Record<string, string>; overrides?: Overrides; failDeploy?: Error } = {}) {
  const fake = new FakeAws({ region: REGION, account: ACCOUNT });
  fake.addFunction(FUNCTION_ARN, options.functionTags ?? { ...GOOD_TAGS });
  fake.addStateMachine(MACHINE_ARN, { definition: OLD_MACHINE, roleArn: GOOD_ROLE, tags: { ...GOOD_TAGS } });
  const deployerClients = createMockedClients(fake);
  const executions = createFakeExecutions((input) =>
    runExecution(DEPLOYER_DEFINITION, {
      input,
      handlers: {
        ...createDeployerHandlers({ clients: deployerClients, region: REGION, accountId: ACCOUNT }),
        ...(options.failDeploy ? { Deploy: () => Promise.reject(options.failDeploy!) } : {}),
      },
      clock: new VirtualClock(),
    }),
  );
  const clients = createMockedClients(fake, { ...executions.overrides, ...options.overrides });
  return { fake, clients, executions };
}

const yieldOnce = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('deploy', () => {
  it('uploads the release, starts the deployer named after it and follows it to Success', async () => {
    // Prepare
    const { fake, clients, executions } = setUp();
    const progress: DeployProgress[] = [];

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: statesFile,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
      onProgress: (p) => progress.push(p),
    });

    // Assess
    expect(result).toMatchObject({ ok: true, status: 'SUCCEEDED', endState: 'Success' });
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    expect(progress.filter((p) => p.type === 'state').map((p) => (p as { name: string }).name)).toEqual(result.path);
    const id = String(result.release.release_id);
    expect(executions.started).toEqual([
      expect.objectContaining({
        name: id,
        stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:step-deployer`,
      }),
    ]);
    expect(fake.hasObject(BUCKET, `${ACCOUNT}/project/development/${id}/lambda.zip`)).toBe(true);
    expect(fake.hasObject(BUCKET, `${ACCOUNT}/project/development/${id}/release`)).toBe(true);
    expect(fake.functions.get(FUNCTION_ARN)?.codeSha256).toBe(sha256Base64(ZIP));
    const deployed = JSON.parse(fake.stateMachines.get(MACHINE_ARN)?.definition ?? '{}') as {
      States: { Hello: unknown };
    };
    expect(deployed.States.Hello).toEqual({
      Type: 'Task',
      Resource: FUNCTION_ARN,
      Parameters: { Task: 'Hello', 'Input.$': '$' },
      End: true,
    });
  });

  it('fills the Lambda ARN of a TaskFn without Resource, in branches too (the README hello example)', async () => {
    // Prepare
    const { fake, clients } = setUp();
    const bare = JSON.stringify({
      StartAt: 'Hello',
      States: {
        Hello: { Type: 'TaskFn', Next: 'Both' },
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'TaskFn', End: true } } }],
        },
      },
    });

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: bare,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result).toMatchObject({ ok: true, status: 'SUCCEEDED' });
    const deployed = fake.stateMachines.get(MACHINE_ARN)?.definition ?? '';
    expect(deployed).not.toContain('{{');
    expect(JSON.parse(deployed)).toMatchObject({
      States: {
        Hello: { Type: 'Task', Resource: FUNCTION_ARN, Parameters: { Task: 'Hello', 'Input.$': '$' } },
        Both: { Branches: [{ States: { Inner: { Type: 'Task', Resource: FUNCTION_ARN } } }] },
      },
    });
  });

  it('takes project and config from the function tags', async () => {
    // Prepare
    const { clients } = setUp();

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: HELLO,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result.release).toMatchObject({
      project_name: 'project',
      config_name: 'development',
      aws_account_id: ACCOUNT,
      aws_region: REGION,
    });
  });

  it('reports a failed deploy with its error and is not ok', async () => {
    // Prepare
    const { clients } = setUp();

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: HELLO,
      zip: zipFile,
      project: 'project',
      config: 'production',
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result).toMatchObject({
      ok: false,
      status: 'FAILED',
      endState: 'FailureClean',
      error: { Error: 'BadReleaseError' },
    });
    expect(result.message).toMatch(/nothing was changed \(FailureClean\). BadReleaseError: .*ConfigName tag incorrect/);
  });

  it('says exactly what to clean up after an unexpected FailureDirty', async () => {
    // Prepare
    const { fake, clients } = setUp({ failDeploy: new TypeError('a bug') });

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: HELLO,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result).toMatchObject({
      ok: false,
      status: 'FAILED',
      endState: 'FailureDirty',
      error: { Error: 'TypeError' },
    });
    const id = result.release.release_id ?? '';
    const prefix = `${ACCOUNT}/project/development`;
    expect(result.message).toContain(`aws s3 cp s3://${BUCKET}/${prefix}/${id}/previous-state-machine.json`);
    expect(result.message).toContain(`aws lambda get-function-configuration`);
    expect(result.message).toContain(`aws s3 rm s3://${BUCKET}/${prefix}/lock`);
    expect(fake.getObjectText(BUCKET, `${prefix}/lock`)).toBeDefined();
  });

  it("gives the deployer's own clean-up steps, without repeating them, after a FailureDirty it explained", async () => {
    // Prepare: the function update fails and so does every rollback of the state machine
    const { clients, fake } = setUp();
    fake.inject({ service: 'Lambda', op: 'UpdateFunctionCode' });
    fake.inject({ service: 'SFN', op: 'UpdateStateMachine', skip: 1 });

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: HELLO,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result).toMatchObject({ endState: 'FailureDirty', error: { Error: 'DeployRollbackError' } });
    expect(result.message).not.toContain('Clean up: compare');
    expect(result.message.match(/aws s3 rm/g)).toHaveLength(1);
  });

  it('deploys the definition of a machine module with the function ARN as Resource', async () => {
    // Prepare
    const { fake, clients } = setUp();
    const module = fileURLToPath(new URL('../../../examples/hello-world/src/machine.ts', import.meta.url));

    // Act
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      module,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });

    // Assess
    expect(result.ok).toBe(true);
    expect(JSON.parse(fake.stateMachines.get(MACHINE_ARN)?.definition ?? '{}')).toMatchObject({
      States: { Hello: { Type: 'Task', Resource: FUNCTION_ARN, Parameters: { Task: 'Hello', 'Input.$': '$' } } },
    });
  });

  it('refuses an invalid definition before uploading anything', async () => {
    // Prepare
    const { fake, clients } = setUp();

    // Act
    const attempt = deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: '{"StartAt":"Nope","States":{}}',
      zip: zipFile,
      clients,
    });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(AslValidationError);
    expect(fake.calls.filter((c) => c.op === 'PutObject')).toEqual([]);
  });

  it("refuses a release over Step Functions' 256 KiB execution input limit before uploading anything", async () => {
    // Prepare
    const { fake, clients } = setUp();
    const big = JSON.stringify({
      Comment: 'x'.repeat(MAX_EXECUTION_INPUT_BYTES),
      StartAt: 'A',
      States: { A: { Type: 'Succeed' } },
    });

    // Act
    const attempt = deploy({ lambda: 'lambdaname', step: 'stepfnname', states: big, zip: zipFile, clients });

    // Assess
    await expect(attempt).rejects.toThrow(/over Step Functions' 262144-byte execution input limit/);
    expect(fake.calls.filter((c) => c.op === 'PutObject')).toEqual([]);
  });

  it('explains how to fix a function without project tags', async () => {
    // Prepare
    const { clients } = setUp({ functionTags: {} });

    // Act
    const attempt = deploy({ lambda: 'lambdaname', step: 'stepfnname', states: HELLO, zip: zipFile, clients });

    // Assess
    await expect(attempt).rejects.toThrow(
      new DeployClientError(
        `${FUNCTION_ARN} has no ProjectName/ConfigName tags; tag it or pass --project and --config`,
      ),
    );
  });
});

describe('unwrapCause', () => {
  it.each([
    [
      {
        Error: 'BadReleaseError',
        Cause: '{"errorType":"BadReleaseError","errorMessage":"Lambda SHA mismatch","trace":[]}',
      },
      'Lambda SHA mismatch',
    ],
    [{ Error: 'BadReleaseError', Cause: 'Lambda SHA mismatch' }, 'Lambda SHA mismatch'],
    [{ Error: 'States.Timeout', Cause: '' }, ''],
  ])('reads the message of %j', (info, cause) => {
    expect(unwrapCause(info)?.Cause).toBe(cause);
  });
});

describe('followExecution', () => {
  it('keeps following through API errors', async () => {
    // Prepare
    const { clients, executions } = setUp();
    let failures = 0;
    const flaky = createMockedClients(new FakeAws(), {
      ...executions.overrides,
      'SFN.DescribeExecution': (input) => {
        if (failures++ < 2) throw awsError('ThrottlingException', 400);
        return executions.overrides['SFN.DescribeExecution']!(input);
      },
    });
    const result = await deploy({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: HELLO,
      zip: zipFile,
      clients,
      sleep: yieldOnce,
    });
    const warnings: string[] = [];

    // Act
    const followed = await followExecution(flaky(REGION).sfn, result.executionArn, {
      sleep: yieldOnce,
      onWarning: (w) => warnings.push(w),
    });

    // Assess
    expect(followed.status).toBe('SUCCEEDED');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/ThrottlingException/);
  });

  it('gives up with status UNKNOWN after its timeout', async () => {
    // Prepare
    const { clients } = setUp({
      overrides: {
        'SFN.DescribeExecution': () => ({ status: 'RUNNING' }),
        'SFN.GetExecutionHistory': () => ({ events: [] }),
      },
    });
    let now = 0;

    // Act
    const followed = await followExecution(clients(REGION).sfn, 'arn:aws:states:us-east-1:1:execution:x:y', {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
      timeoutMs: 60_000,
    });

    // Assess
    expect(followed.status).toBe('UNKNOWN');
    expect(followed.problem).toMatch(/Still running after 60 s; follow it with: aws stepfunctions describe-execution/);
    expect(now).toBeGreaterThanOrEqual(60_000);
  });
});

describe('bootstrap', () => {
  it('updates the state machine and the function directly', async () => {
    // Prepare
    const { fake, clients } = setUp();

    // Act
    const result = await bootstrap({
      lambda: 'lambdaname',
      step: 'stepfnname',
      states: statesFile,
      zip: zipFile,
      clients,
    });

    // Assess
    expect(result).toMatchObject({
      stateMachineArn: MACHINE_ARN,
      functionArn: FUNCTION_ARN,
      codeSha256: sha256Base64(ZIP),
    });
    expect(JSON.parse(fake.stateMachines.get(MACHINE_ARN)?.definition ?? '{}')).toMatchObject({
      States: { Hello: { Type: 'Task', Resource: FUNCTION_ARN } },
    });
    expect(fake.calls.map((c) => `${c.service}.${c.op}`)).toEqual([
      'STS.GetCallerIdentity',
      'SFN.UpdateStateMachine',
      'Lambda.UpdateFunctionCode',
    ]);
  });

  it('says which update failed', async () => {
    // Prepare
    const { fake, clients } = setUp();
    fake.inject({ service: 'Lambda', op: 'UpdateFunctionCode', error: awsError('AccessDeniedException', 403) });

    // Act
    const attempt = bootstrap({ lambda: 'lambdaname', step: 'stepfnname', states: statesFile, zip: zipFile, clients });

    // Assess
    await expect(attempt).rejects.toThrow(
      /UpdateFunctionCode of .* failed: AccessDeniedException.*already updated, run bootstrap again/,
    );
  });

  describe('with a zip over the 50 MB inline limit', () => {
    const bigZip = path.join(dir, 'big.zip');
    beforeAll(() => writeFileSync(bigZip, Buffer.alloc(MAX_INLINE_ZIP_BYTES + 1)));
    afterAll(() => rmSync(bigZip, { force: true }));

    it('changes nothing without --bucket', async () => {
      // Prepare
      const { fake, clients } = setUp();

      // Act
      const attempt = bootstrap({ lambda: 'lambdaname', step: 'stepfnname', states: statesFile, zip: bigZip, clients });

      // Assess
      await expect(attempt).rejects.toThrow(/over Lambda's 50 MB inline limit; pass --bucket/);
      expect(fake.calls.filter((c) => c.op.startsWith('Update'))).toEqual([]);
    });

    it('sends it through S3 with --bucket', async () => {
      // Prepare
      const { fake, clients } = setUp();

      // Act
      await bootstrap({
        lambda: 'lambdaname',
        step: 'stepfnname',
        states: statesFile,
        zip: bigZip,
        bucket: BUCKET,
        clients,
      });

      // Assess
      expect(fake.calls.map((c) => `${c.service}.${c.op}`)).toEqual([
        'STS.GetCallerIdentity',
        'SFN.UpdateStateMachine',
        'S3.PutObject',
        'Lambda.UpdateFunctionCode',
      ]);
      expect(fake.functions.get(FUNCTION_ARN)?.codeSha256).toBe(sha256Base64(Buffer.alloc(MAX_INLINE_ZIP_BYTES + 1)));
    });
  });
});
