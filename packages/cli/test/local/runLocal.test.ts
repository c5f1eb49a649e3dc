import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalServer } from '@step/local';
import { defaultDataDir, formatLocalBanner, runLocal } from '../../src/run/runLocal.js';
import { tempDir } from '../../../local/test/helpers.js';

/** Tests that start Lambda workers get more than jest's 5 s: cold starts are slow on a shared CI machine. */
const SLOW = 30_000;

describe('runLocal', () => {
  it(
    'prints the endpoint and the environment hints, then stops when aborted',
    async () => {
      // Prepare
      const out: string[] = [];
      const err: string[] = [];
      const stop = new AbortController();
      let listening: LocalServer | undefined;

      // Act
      const running = runLocal(
        { port: 0, dataDir: undefined },
        { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
        stop.signal,
        (s) => {
          listening = s;
          stop.abort();
        },
      );
      await running;

      // Assess
      expect(out.join('')).toContain(`export AWS_ENDPOINT_URL=${listening!.url}`);
      expect(out.join('')).toContain('memory only');
      expect(err.join('')).toContain('stopping');
    },
    SLOW,
  );

  it(
    'says what the seed file holds',
    async () => {
      // Prepare
      const temp = tempDir();
      const seedFile = path.join(temp.dir, 'seed.json');
      writeFileSync(
        seedFile,
        JSON.stringify({ buckets: ['one-bucket', 'two-bucket'], stateMachines: [{ name: 'm' }] }),
      );
      const err: string[] = [];
      const stop = new AbortController();

      // Act
      await runLocal(
        { port: 0, dataDir: undefined, seed: seedFile },
        { stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s) } },
        stop.signal,
        () => stop.abort(),
      );
      temp.remove();

      // Assess
      expect(err.join('')).toContain('2 buckets, 0 functions, 1 state machine (created where missing)');
    },
    SLOW,
  );

  it(
    'formats the banner with the data directory',
    () => {
      const text = formatLocalBanner({ url: 'http://127.0.0.1:4599', accountId: '000000000000' }, '/data');
      expect(text).toContain('Data: /data');
      expect(text).toContain('aws --endpoint-url http://127.0.0.1:4599 s3 ls');
    },
    SLOW,
  );

  it.each([
    {
      name: '$XDG_CACHE_HOME',
      env: { XDG_CACHE_HOME: '/xdg', HOME: '/home/me' },
      platform: 'linux' as const,
      dir: '/xdg/step/local',
    },
    {
      name: '~/.cache on Linux',
      env: { HOME: '/home/me' },
      platform: 'linux' as const,
      dir: '/home/me/.cache/step/local',
    },
    {
      name: '~/Library/Caches on macOS',
      env: { HOME: '/Users/me' },
      platform: 'darwin' as const,
      dir: '/Users/me/Library/Caches/step/local',
    },
  ])(
    'puts the default data directory under $name',
    ({ env, platform, dir }) => {
      expect(defaultDataDir(env, platform)).toBe(dir);
    },
    SLOW,
  );
});

describe('step-cli local command', () => {
  it(
    'documents every option in --help',
    async () => {
      // Prepare
      const { runCli } = await import('../../src/cli.js');
      const out: string[] = [];
      const io = {
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => out.push(s) },
        cwd: process.cwd(),
        env: {},
      };

      // Act
      const code = await runCli(['local', '--help'], io);

      // Assess
      expect(code).toBe(0);
      for (const option of [
        '--port',
        '--host',
        '--data-dir',
        '--memory',
        '--seed',
        '--account-id',
        '--lambda-concurrency',
        '--allow-origin',
        '--mock-config',
        '--time',
        '--verbose',
      ]) {
        expect(out.join('')).toContain(option);
      }
    },
    SLOW,
  );

  it(
    'exits 2 with a hint when the seed file is missing',
    async () => {
      // Prepare
      const { runCli } = await import('../../src/cli.js');
      const err: string[] = [];
      const io = {
        stdout: { write: () => true },
        stderr: { write: (s: string) => err.push(s) },
        cwd: process.cwd(),
        env: {},
      };

      // Act
      const code = await runCli(['local', '--port', '0', '--memory', '--seed', 'no/such/seed.json'], io);

      // Assess
      expect(code).toBe(2);
      expect(err.join('')).toContain('cannot be read');
    },
    SLOW,
  );
});
