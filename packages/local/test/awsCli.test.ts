// The AWS CLI (any version: `--endpoint-url`) against step-cli local. Runs wherever `aws` is on the PATH; on a
// machine without it the one test is reported as skipped, with that reason in its name.
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalServer } from '../src/index.js';
import { startServer } from './helpers.js';

const run = promisify(execFile);
const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const hasAws = version.status === 0;
/** AWS CLI 1.29+ and 2.13+ read AWS_ENDPOINT_URL (what the banner and the README suggest). */
const readsEndpointEnv = ((): boolean => {
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(`${version.stdout ?? ''}${version.stderr ?? ''}`);
  if (m === null) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 13) || (major === 1 && minor >= 29);
})();
/** Each `aws` call starts Python; allow for a loaded CI machine. */
const SLOW = 60_000;

let server: LocalServer;
let stop: () => Promise<void>;
let dataDir: string;

/** Runs `aws --endpoint-url <server> ...args`. */
async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return awsWith(['--endpoint-url', server.url, ...args], {});
}

/** Runs `aws ...args` with `extra` environment variables (throw-away credentials, no user AWS config); never rejects. */
async function awsWith(
  args: string[],
  extra: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')),
  );
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(dataDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  });
  try {
    const { stdout, stderr } = await run('aws', ['--output', 'json', ...args], { env, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

beforeAll(async () => {
  ({ server, stop, dataDir } = await startServer());
});

afterAll(async () => {
  await stop();
});

const withAws = hasAws ? it : it.skip;

describe('the AWS CLI against step-cli local', () => {
  withAws(
    hasAws
      ? 'runs a state machine and copies S3 objects with aws --endpoint-url (and AWS_ENDPOINT_URL on CLI 1.29+/2.13+)'
      : 'SKIPPED: the AWS CLI is not installed on this machine (no `aws` on the PATH)',
    async () => {
      // Prepare
      const definition = JSON.stringify({
        StartAt: 'Greet',
        States: {
          Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, End: true },
        },
      });
      const upload = path.join(dataDir, 'upload.txt');
      writeFileSync(upload, 'hello from the aws cli\n');

      // Act
      const created = await aws(
        'stepfunctions',
        'create-state-machine',
        '--name',
        'cli',
        '--role-arn',
        'arn:aws:iam::000000000000:role/step/cli/dev/sfn',
        '--definition',
        definition,
      );
      const listed = await aws('stepfunctions', 'list-state-machines');
      // The banner's way: AWS_ENDPOINT_URL and AWS_REGION + AWS_DEFAULT_REGION, no --endpoint-url.
      const fromEnv = readsEndpointEnv
        ? await awsWith(['stepfunctions', 'list-state-machines'], {
            AWS_ENDPOINT_URL: server.url,
            AWS_REGION: 'us-east-1',
          })
        : listed;
      const started = await aws(
        'stepfunctions',
        'start-execution',
        '--state-machine-arn',
        'arn:aws:states:us-east-1:000000000000:stateMachine:cli',
        '--input',
        '{"name":"CLI"}',
      );
      const { executionArn } = JSON.parse(started.stdout) as { executionArn: string };
      await server.waitForExecution(executionArn);
      const described = await aws('stepfunctions', 'describe-execution', '--execution-arn', executionArn);
      const missing = await aws(
        'stepfunctions',
        'describe-state-machine',
        '--state-machine-arn',
        'arn:aws:states:us-east-1:000000000000:stateMachine:nope',
      );
      const bucket = await aws('s3', 'mb', 's3://cli-bucket');
      const put = await aws('s3', 'cp', upload, 's3://cli-bucket/dir/upload.txt');
      const ls = await aws('s3', 'ls', 's3://cli-bucket/dir/');
      const got = await aws('s3', 'cp', 's3://cli-bucket/dir/upload.txt', '-');
      const noKey = await aws(
        's3api',
        'get-object',
        '--bucket',
        'cli-bucket',
        '--key',
        'nope',
        path.join(dataDir, 'nope.txt'),
      );

      // Assess
      expect(created).toMatchObject({ code: 0 });
      expect(JSON.parse(listed.stdout)).toEqual({
        stateMachines: [
          expect.objectContaining({
            name: 'cli',
            stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:cli',
          }),
        ],
      });
      expect(JSON.parse(fromEnv.stdout)).toEqual(JSON.parse(listed.stdout));
      expect(JSON.parse(described.stdout)).toMatchObject({ status: 'SUCCEEDED', output: '{"greeting":"Hello, CLI!"}' });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('(StateMachineDoesNotExist)');
      expect([bucket.code, put.code, ls.code, got.code]).toEqual([0, 0, 0, 0]);
      expect(ls.stdout).toMatch(/\s23 upload\.txt\n$/);
      expect(got.stdout).toBe('hello from the aws cli\n');
      expect(noKey.code).not.toBe(0);
      expect(noKey.stderr).toContain('(NoSuchKey)');
    },
    SLOW,
  );
});
