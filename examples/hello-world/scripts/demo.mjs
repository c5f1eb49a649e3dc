#!/usr/bin/env node
// The README's main job, on one machine and without an AWS account:
//   1. package the step-deployer Lambda and the hello-world Lambda (reproducible zips),
//   2. start `step-cli local` (S3, Lambda, Step Functions, STS on 127.0.0.1) seeded with the resources that
//      Terraform would create in a real account,
//   3. `step-cli bootstrap` the deployer into it, then `step-cli deploy` hello-world through the deployer,
//   4. run the deployed hello-world machine with the AWS SDK and print its output and path,
//   5. stop local.
// Run it with `pnpm demo` at the repository root (it builds first).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = path.resolve(here, '..');
const root = path.resolve(example, '../..');
const stepBin = path.join(root, 'packages/cli/bin/step.js');
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'step-demo-'));
// Any credentials work locally. The SDK's notice that its 2027 releases need Node 22 is silenced for the demo only.
const credentials = {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: REGION,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
Object.assign(process.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });

const say = (line) => process.stdout.write(`\n\u001b[1m== ${line}\u001b[0m\n`);

/** Runs step-cli, streaming its output; rejects when it exits non-zero. */
function step(args, env = {}) {
  process.stdout.write(`$ step-cli ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [stepBin, ...args], {
      cwd: example,
      env: { ...process.env, ...credentials, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`step-cli ${args[0]} exited with ${code}`))));
  });
}

/** Starts `step-cli local` on a free port and resolves with its endpoint once it listens. */
function startLocal(seedFile) {
  const child = spawn(process.execPath, [stepBin, 'local', '--port', '0', '--memory', '--seed', seedFile], {
    cwd: work,
    env: { ...process.env, ...credentials },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(`  [local] ${d}`));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`step-cli local exited early with ${code}`)));
  });
}

const role = (project, config, name) => `arn:aws:iam::${ACCOUNT}:role/step/${project}/${config}/${name}`;
const helloTags = { ProjectName: 'hello', ConfigName: 'dev', DeployWith: 'step-deployer' };

let local;
try {
  say('1. Package the two Lambdas');
  const deployerZip = path.join(work, 'deployer.zip');
  const helloZip = path.join(work, 'hello.zip');
  await step([
    'package',
    path.join(root, 'packages/deployer/dist/lambda/index.js'),
    '--out',
    deployerZip,
    '--external',
    '@aws-sdk/*',
  ]);
  await step(['package', 'src/machine.ts', '--out', helloZip, '--external', '@aws-sdk/*']);

  say('2. Start step-cli local, seeded with what Terraform would create');
  const seedFile = path.join(work, 'seed.json');
  fs.writeFileSync(
    seedFile,
    JSON.stringify({
      accountId: ACCOUNT,
      region: REGION,
      buckets: [`step-deployer-${ACCOUNT}`],
      functions: [
        { name: 'step-deployer', role: role('step-deployer', 'development', 'lambda'), timeout: 60, memorySize: 512 },
        { name: 'hello', role: role('hello', 'dev', 'lambda'), tags: helloTags },
      ],
      stateMachines: [
        { name: 'step-deployer', roleArn: role('step-deployer', 'development', 'sfn') },
        { name: 'hello', roleArn: role('hello', 'dev', 'sfn'), tags: helloTags },
      ],
    }),
  );
  local = await startLocal(seedFile);
  const endpoint = { AWS_ENDPOINT_URL: local.url };
  console.log(`step-cli local listens on ${local.url}`);

  say('3. Bootstrap the step-deployer (direct upload, once)');
  await step(
    [
      'bootstrap',
      '--lambda',
      'step-deployer',
      '--step',
      'step-deployer',
      '--states',
      path.join(root, 'packages/deployer/asl/deployer.asl.json'),
      '--zip',
      deployerZip,
    ],
    endpoint,
  );

  say('4. Deploy hello-world through the deployer');
  await step(
    [
      'deploy',
      '--lambda',
      'hello',
      '--step',
      'hello',
      '--states',
      'hello.asl.json',
      '--zip',
      helloZip,
      '--project',
      'hello',
      '--config',
      'dev',
    ],
    endpoint,
  );

  say('5. Run the deployed hello-world machine with the AWS SDK');
  const sfn = new SFNClient({
    endpoint: local.url,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:hello`,
      input: '{}',
    }),
  );
  let described;
  for (let i = 0; i < 600; i++) {
    described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  const statePath = events.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails.name);
  sfn.destroy();
  console.log(`status: ${described.status}`);
  console.log(`path:   ${JSON.stringify(statePath)}`);
  console.log(`output: ${described.output}`);
  if (described.status !== 'SUCCEEDED') throw new Error(`the hello-world execution ended ${described.status}`);
  say('Done: deployed through the step-deployer and ran, all on this machine.');
} catch (e) {
  process.exitCode = 1;
  console.error(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  if (local) {
    local.child.kill('SIGTERM');
    await new Promise((r) => local.child.once('exit', r));
  }
  fs.rmSync(work, { recursive: true, force: true });
}
