import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { runExecution, VirtualClock } from '@step/interpreter';
import { createDeployerHandlers, DEPLOYER_DEFINITION } from '@step/deployer';
import type { AwsClientsFactory } from '@step/deployer';
import { reportError } from '../../src/cli.js';
import bootstrapCommand from '../../src/commands/bootstrap.js';
import deployCommand from '../../src/commands/deploy.js';
import deployerPolicyCommand from '../../src/commands/deployerPolicy.js';
import type { CliIo } from '../../src/io.js';
import { FakeAws, sha256Base64 } from '../../../deployer/test/helpers/FakeAws.js';
import { createFakeExecutions } from '../../../deployer/test/helpers/fakeStepFunctions.js';
import type { FakeExecutions } from '../../../deployer/test/helpers/fakeStepFunctions.js';
import { createMockedClients } from '../../../deployer/test/helpers/mockedClients.js';

const REGION = 'us-east-1';
const ACCOUNT = '111111111111';
const TAGS = { ProjectName: 'shop', ConfigName: 'prod', DeployWith: 'step-deployer' };
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:hello`;
const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:hello`;
const dir = mkdtempSync(path.join(tmpdir(), 'step-cli-deploy-'));
writeFileSync(path.join(dir, 'lambda.zip'), 'zip bytes');
writeFileSync(
  path.join(dir, 'hello.asl.json'),
  JSON.stringify({
    StartAt: 'Hello',
    States: {
      Hello: {
        Type: 'TaskFn',
        Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
        End: true,
      },
    },
  }),
);

// The README's hello example, a TaskFn without Resource, and a module that does not compile.
writeFileSync(
  path.join(dir, 'hello-bare.asl.json'),
  JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true } } }),
);
writeFileSync(path.join(dir, 'broken.ts'), 'export const machine = defineMachine({ definition: {\n');

function world(roleArn = `arn:aws:iam::${ACCOUNT}:role/step/shop/prod/hello`): {
  fake: FakeAws;
  clients: AwsClientsFactory;
  executions: FakeExecutions;
} {
  const fake = new FakeAws({ region: REGION, account: ACCOUNT });
  fake.addFunction(FUNCTION_ARN, { ...TAGS });
  fake.addStateMachine(MACHINE_ARN, {
    definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
    roleArn,
    tags: { ...TAGS },
  });
  const deployerClients = createMockedClients(fake);
  const executions = createFakeExecutions((input) =>
    runExecution(DEPLOYER_DEFINITION, {
      input,
      handlers: createDeployerHandlers({ clients: deployerClients, region: REGION, accountId: ACCOUNT }),
      clock: new VirtualClock(),
    }),
  );
  return { fake, clients: createMockedClients(fake, executions.overrides), executions };
}

async function run(
  args: string[],
  clients: AwsClientsFactory,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: {},
  };
  let code = 0;
  try {
    let help = '';
    await yargs()
      .command(deployCommand)
      .command(bootstrapCommand)
      .command(deployerPolicyCommand)
      .strict()
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        throw error ?? new Error(message);
      })
      .parseAsync(
        args,
        { io, awsClients: clients, sleep: () => new Promise<void>((resolve) => setImmediate(resolve)) },
        (_e: unknown, _a: unknown, output: string) => {
          help = output;
        },
      );
    stdout += help;
  } catch (e) {
    const err = e as Error & { exitCode?: number };
    code = err.name === 'ExitError' ? (err.exitCode ?? 1) : 2;
    if (err.message) stderr += `${err.message}\n`;
  }
  return { code, stdout, stderr };
}

const SLEEPLESS = ['--timeout', '900'];

describe('step-cli deploy', () => {
  it('prints each state entered and the outcome, and exits 0 on Success', async () => {
    // Prepare
    const { fake, clients } = world();

    // Act
    const result = await run(
      ['deploy', '--lambda', 'hello', '--step', 'hello', '--states', 'hello.asl.json', ...SLEEPLESS],
      clients,
    );

    // Assess
    expect(result.stderr).toMatch(
      /Uploaded s3:\/\/step-deployer-111111111111\/111111111111\/shop\/prod\/release-.*\/lambda\.zip/,
    );
    expect(result.stderr).toContain('  → Validate\n  → Lock\n  → ValidateResources\n  → Deploy\n  → Success\n');
    expect(result.stdout).toMatch(/^Deployed release-\S+: Validate → Lock → ValidateResources → Deploy → Success\n$/);
    expect(result.code).toBe(0);
    expect(fake.functions.get(FUNCTION_ARN)?.codeSha256).toBe(sha256Base64(Buffer.from('zip bytes')));
  });

  it('prints one JSON object and exits 1 when the deployer refuses the release', async () => {
    // Prepare
    const { clients } = world(`arn:aws:iam::${ACCOUNT}:role/elsewhere/hello`);

    // Act
    const result = await run(
      ['deploy', '--lambda', 'hello', '--step', 'hello', '--states', 'hello.asl.json', '--json'],
      clients,
    );

    // Assess
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: false,
      status: 'FAILED',
      endState: 'FailureClean',
      error: { Error: 'BadReleaseError' },
    });
    expect(String((out.error as { Cause: string }).Cause)).toMatch(/Role Path/);
    expect(result.stderr).toBe('');
  });

  it("uses the original's flags as given: project, config, bucket, region, account, zip and deployer", async () => {
    // Prepare
    const { fake, clients, executions } = world();
    const flags = [
      '--project',
      'shop',
      '--config',
      'prod',
      '--bucket',
      'my-releases',
      '--region',
      REGION,
      '--account',
      ACCOUNT,
    ];

    // Act
    const result = await run(
      [
        'deploy',
        '--lambda',
        'hello',
        '--step',
        'hello',
        '--states',
        'hello.asl.json',
        '--zip',
        'lambda.zip',
        '--deployer',
        'my-deployer',
        ...flags,
        '--json',
      ],
      clients,
    );

    // Assess
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, endState: 'Success' });
    expect(result.code).toBe(0);
    expect(executions.started.map((e) => e.stateMachineArn)).toEqual([
      `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:my-deployer`,
    ]);
    const name = executions.started[0]?.name ?? '';
    const uploads = fake.calls.filter((c) => c.op === 'PutObject').map((c) => c.target);
    expect(uploads.slice(0, 2)).toEqual([
      `my-releases/${ACCOUNT}/shop/prod/${name}/lambda.zip`,
      `my-releases/${ACCOUNT}/shop/prod/${name}/release`,
    ]);
    // account and project were given: no STS lookup, and ListTags only by the deployer's ValidateResources
    expect(fake.calls.filter((c) => c.op === 'GetCallerIdentity')).toEqual([]);
    expect(fake.calls.filter((c) => c.op === 'ListTags')).toHaveLength(1);
  });

  it('asks for a state machine when neither --states nor --module is given', async () => {
    // Act
    const result = await run(['deploy', '--lambda', 'hello', '--step', 'hello'], world().clients);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--states FILE .* or --module FILE/);
  });

  it('exits 1 with a fix when the zip is missing', async () => {
    // Act
    const result = await run(
      ['deploy', '--lambda', 'hello', '--step', 'hello', '--states', 'hello.asl.json', '--zip', 'nope.zip'],
      world().clients,
    );

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ERROR Cannot read the Lambda zip .*nope\.zip.*step-cli package/);
  });

  it('documents every option with examples in --help', async () => {
    // Act
    const result = await run(['deploy', '--help'], world().clients);

    // Assess
    for (const flag of [
      '--lambda',
      '--step',
      '--states',
      '--module',
      '--zip',
      '--bucket',
      '--project',
      '--config',
      '--region',
      '--account',
      '--deployer',
      '--json',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('Examples:');
  });
});

describe('step-cli bootstrap', () => {
  it('updates the pair directly and says so', async () => {
    // Prepare
    const { fake, clients } = world();

    // Act
    const result = await run(
      ['bootstrap', '--lambda', 'hello', '--step', 'hello', '--states', 'hello.asl.json'],
      clients,
    );

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Bootstrapped ${MACHINE_ARN} and ${FUNCTION_ARN} (zip sha256 ${sha256Hex('zip bytes')})\n`,
    );
    expect(fake.stateMachines.get(MACHINE_ARN)?.updates).toBe(1);
  });
});

describe('step-cli bootstrap --json', () => {
  it('prints one JSON object naming what it updated', async () => {
    // Prepare
    const { fake, clients } = world();

    // Act
    const result = await run(
      ['bootstrap', '--lambda', 'hello', '--step', 'hello', '--states', 'hello.asl.json', '--json'],
      clients,
    );

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      stateMachineArn: MACHINE_ARN,
      functionArn: FUNCTION_ARN,
      lambdaSha256: sha256Hex('zip bytes'),
    });
    expect(fake.functions.get(FUNCTION_ARN)?.codeSha256).toBe(sha256Base64(Buffer.from('zip bytes')));
  });
});

describe('step-cli deployer-policy', () => {
  it('prints the deployer role policy for the bucket and account', async () => {
    // Act
    const result = await run(
      ['deployer-policy', '--account', ACCOUNT, '--target-account', '222222222222'],
      world().clients,
    );

    // Assess
    const policy = JSON.parse(result.stdout) as { Statement: { Sid: string; Resource?: unknown }[] };
    expect(policy.Statement.map((s) => s.Sid)).toContain('UpdateCodeOfStepDeployerFunctions');
    expect(policy.Statement.find((s) => s.Sid === 'ReleaseBucketObjects')?.Resource).toBe(
      `arn:aws:s3:::step-deployer-${ACCOUNT}/*`,
    );
    expect(policy.Statement.find((s) => s.Sid === 'AssumeDeployRoleInTargetAccounts')?.Resource).toEqual([
      'arn:aws:iam::222222222222:role/step-deployer-assumed',
    ]);
  });

  it('finds the account through STS when not given', async () => {
    // Act
    const result = await run(['deployer-policy', '--bucket', 'my-releases'], world().clients);

    // Assess
    expect(result.stdout).toContain('arn:aws:s3:::my-releases/*');
    expect(result.stdout).toContain(`arn:aws:lambda:*:${ACCOUNT}:function:*`);
  });
});

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Clients whose every call fails as the SDK does when nothing listens on the endpoint. */
const unreachable: AwsClientsFactory = (() =>
  new Proxy(
    {},
    {
      get: () => ({
        send: () =>
          Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' })),
      }),
    },
  )) as unknown as AwsClientsFactory;

/** Runs deploy or bootstrap as step-cli does, failures reported by the CLI's own reportError (exit 2, 1 or 70). */
async function runReported(
  args: string[],
  clients: AwsClientsFactory,
  env: CliIo['env'] = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env,
  };
  try {
    await yargs()
      .command(deployCommand)
      .command(bootstrapCommand)
      .strict()
      .exitProcess(false)
      .parseAsync(args, {
        io,
        awsClients: clients,
        sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
      });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const code = await reportError(error, args, io);
    return { code, stdout, stderr };
  }
}

const PAIR = ['--lambda', 'hello', '--step', 'hello', '--region', REGION, '--account', ACCOUNT];

describe('deploy and bootstrap with a user mistake', () => {
  it.each([
    { command: 'deploy', module: 'missing.ts' },
    { command: 'bootstrap', module: 'missing.ts' },
    { command: 'deploy', module: 'broken.ts' },
    { command: 'bootstrap', module: 'broken.ts' },
  ])('$command --module $module exits 2 naming the file, not as a bug', async ({ command, module }) => {
    // Act
    const result = await runReported([command, ...PAIR, '--module', module], world().clients);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(module);
    expect(result.stderr).not.toContain('This is a bug');
  });

  it('bootstrap --states fills the Lambda ARN of a TaskFn without Resource, as --module does', async () => {
    // Prepare
    const { fake, clients } = world();
    // Act
    const result = await runReported(['bootstrap', ...PAIR, '--states', 'hello-bare.asl.json'], clients);
    // Assess
    expect(result.code).toBe(0);
    const installed = JSON.parse(fake.stateMachines.get(MACHINE_ARN)?.definition ?? '{}') as {
      States: { Hello: { Resource: string } };
    };
    expect(installed.States.Hello.Resource).toBe(FUNCTION_ARN);
  });

  it('deploy --states with a TaskFn without Resource reaches Success', async () => {
    // Act
    const result = await runReported(
      [
        'deploy',
        ...PAIR,
        '--project',
        'shop',
        '--config',
        'prod',
        '--states',
        'hello-bare.asl.json',
        '--timeout',
        '900',
      ],
      world().clients,
    );
    // Assess
    expect(result.stderr).not.toContain('{{aws_region}}');
    expect(result.code).toBe(0);
  });

  it('names the endpoint, not the credentials, when nothing answers there', async () => {
    // Act
    const result = await runReported(
      ['deploy', '--lambda', 'hello', '--step', 'hello', '--region', REGION, '--states', 'hello-bare.asl.json'],
      unreachable,
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      },
    );
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach http://127.0.0.1:4566 (ECONNREFUSED)');
    expect(result.stderr).toContain('Check that it is running');
  });
});
