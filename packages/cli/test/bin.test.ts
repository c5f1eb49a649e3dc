// Spawn tests of the real binary (bin/step.js -> dist/index.js): run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIXTURES } from './helpers/runStep.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(PACKAGE_DIR, 'bin', 'step.js');
/** Each test spawns node; allow for a loaded CI machine. */
const SPAWN_TIMEOUT_MS = 30_000;

function step(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], {
    cwd: FIXTURES,
    encoding: 'utf8',
    env,
  });
  return { status, stdout, stderr };
}

/** An AWS endpoint that refuses connections at once (the discard port on loopback), with no SDK retries. */
const REFUSING_AWS: NodeJS.ProcessEnv = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'us-east-1',
};
/** The AWS SDK warns about Node versions older than this one (NodeVersionSupportWarning). */
const SDK_WARNS_ON_NODE = Number(process.versions.node.split('.')[0]) < 22;

describe('bin/step.js', () => {
  beforeAll(() => {
    if (!existsSync(path.join(PACKAGE_DIR, 'dist', 'index.js')))
      throw new Error('packages/cli is not built: run "pnpm build" first');
  });

  it(
    'prints help and exits 0',
    () => {
      const { status, stdout } = step(['--help']);

      expect(status).toBe(0);
      expect(stdout).toContain('step-cli exec <definition>');
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'loads no Step package, AWS SDK or bundler for --help (commands import their implementation lazily)',
    () => {
      // Prepare: a module hook that lists every URL the process loads. It appends to a file synchronously, inside
      // resolve(): the hook runs on Node's loader thread, whose process.stderr is forwarded to the main thread
      // asynchronously and loses what is still in flight when the process exits (nodejs/node#51668), which made
      // the list incomplete under load on Node 22 and 24. The main thread waits for resolve(), so the file is
      // complete when the process ends.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-trace-'));
      const hooks = path.join(dir, 'hooks.mjs');
      const register = path.join(dir, 'register.mjs');
      const log = path.join(dir, 'loaded.txt');
      writeFileSync(log, '');
      writeFileSync(
        hooks,
        `import { appendFileSync } from 'node:fs';\n` +
          `export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
      );
      writeFileSync(
        register,
        `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
      );

      // Act
      const { status } = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, '--help'], {
        encoding: 'utf8',
      });
      const loaded = readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url !== '');
      rmSync(dir, { recursive: true, force: true });

      // Assess
      expect(status).toBe(0);
      expect(loaded.some((url) => url.includes('/yargs'))).toBe(true);
      expect(
        loaded.filter((url) =>
          /\/packages\/(asl|interpreter|lambda|deployer)\/|@step\/|@aws-sdk|esbuild|jsonata/.test(url),
        ),
      ).toEqual([]);
    },
    SPAWN_TIMEOUT_MS,
  );

  it.each([
    {
      name: 'SUCCEEDED',
      args: ['exec', 'hello.asl.json', '--input', '{"name":"Ada"}', '--json'],
      code: 0,
      status: 'SUCCEEDED',
    },
    { name: 'FAILED', args: ['exec', 'fail.asl.json', '--json'], code: 1, status: 'FAILED' },
  ])(
    'sets the exit code of a $name execution',
    ({ args, code, status }) => {
      const result = step(args);

      expect(result.status).toBe(code);
      expect(JSON.parse(result.stdout)).toMatchObject({ status });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'runs a JSONata machine with TimeoutSeconds on the virtual clock while the JSONata module loads',
    () => {
      // Act: in a fresh process the module loads lazily, which a virtual clock once took for idle time
      const { status, stdout } = step(['exec', 'jsonata-timeout.asl.json', '--virtual-clock', '--json']);

      // Assess
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ status: 'SUCCEEDED', output: 2, path: ['A'] });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'exits 1 for an invalid definition under validate',
    () => {
      const { status, stdout } = step(['validate', 'dangling-next.asl.json']);

      expect(status).toBe(1);
      expect(stdout).toContain('(MISSING_TRANSITION_TARGET)');
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'exits 2 for bad usage',
    () => {
      const { status, stderr } = step(['exec']);

      expect(status).toBe(2);
      expect(stderr).toContain('--help');
    },
    SPAWN_TIMEOUT_MS,
  );

  describe("the AWS SDK's NodeVersionSupportWarning", () => {
    let zip: string;
    beforeAll(() => {
      zip = path.join(mkdtempSync(path.join(os.tmpdir(), 'step-cli-zip-')), 'empty.zip');
      writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])); // an empty zip
    });
    afterAll(() => rmSync(path.dirname(zip), { recursive: true, force: true }));
    const bootstrap = (): string[] => [
      'bootstrap',
      '--lambda',
      'hello',
      '--step',
      'hello',
      '--states',
      'hello.asl.json',
      '--zip',
      zip,
    ];

    it(
      'is not printed by bootstrap and deploy (step-cli turns it off)',
      () => {
        // Act: the first AWS call fails at once, after the SDK clients exist
        const { status, stderr } = step(bootstrap(), { PATH: process.env.PATH, ...REFUSING_AWS });

        // Assess
        expect(status).toBe(1);
        expect(stderr).toContain('ECONNREFUSED');
        expect(stderr).not.toContain('NodeVersionSupportWarning');
      },
      SPAWN_TIMEOUT_MS,
    );

    it(
      'is printed as the SDK prints it when the user sets AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
      () => {
        // Act
        const env = {
          PATH: process.env.PATH,
          ...REFUSING_AWS,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
        };
        const { stderr } = step(bootstrap(), env);

        // Assess: the SDK warns on Node 20 only
        expect(stderr.includes('NodeVersionSupportWarning')).toBe(SDK_WARNS_ON_NODE);
      },
      SPAWN_TIMEOUT_MS,
    );
  });
});
