// Spawn tests of the real binary (bin/step.js -> dist/index.js): run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIXTURES } from './helpers/runStep.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(PACKAGE_DIR, 'bin', 'step.js');
/** Each test spawns node; allow for a loaded CI machine. */
const SPAWN_TIMEOUT_MS = 30_000;

function step(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES, encoding: 'utf8' });
  return { status, stdout, stderr };
}

describe('bin/step.js', () => {
  beforeAll(() => {
    if (!existsSync(path.join(PACKAGE_DIR, 'dist', 'index.js'))) throw new Error('packages/cli is not built: run "pnpm build" first');
  });

  it('prints help and exits 0', () => {
    const { status, stdout } = step(['--help']);

    expect(status).toBe(0);
    expect(stdout).toContain('step-cli exec <definition>');
  }, SPAWN_TIMEOUT_MS);

  it('loads no Step package, AWS SDK or bundler for --help (commands import their implementation lazily)', () => {
    // Prepare: a module hook that lists every URL the process loads
    const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-trace-'));
    const hooks = path.join(dir, 'hooks.mjs');
    const register = path.join(dir, 'register.mjs');
    writeFileSync(hooks, `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n`);
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

    // Act
    const { status, stderr } = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, '--help'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });

    // Assess
    expect(status).toBe(0);
    const loaded = stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
    expect(loaded.some((url) => url.includes('/yargs'))).toBe(true);
    expect(loaded.filter((url) => /\/packages\/(asl|interpreter|lambda|deployer)\/|@step\/|@aws-sdk|esbuild|jsonata/.test(url))).toEqual([]);
  }, SPAWN_TIMEOUT_MS);

  it.each([
    { name: 'SUCCEEDED', args: ['exec', 'hello.asl.json', '--input', '{"name":"Ada"}', '--json'], code: 0, status: 'SUCCEEDED' },
    { name: 'FAILED', args: ['exec', 'fail.asl.json', '--json'], code: 1, status: 'FAILED' },
  ])('sets the exit code of a $name execution', ({ args, code, status }) => {
    const result = step(args);

    expect(result.status).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({ status });
  }, SPAWN_TIMEOUT_MS);

  it('runs a JSONata machine with TimeoutSeconds on the virtual clock while the JSONata module loads', () => {
    // Act: in a fresh process the module loads lazily, which a virtual clock once took for idle time
    const { status, stdout } = step(['exec', 'jsonata-timeout.asl.json', '--virtual-clock', '--json']);

    // Assess
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ status: 'SUCCEEDED', output: 2, path: ['A'] });
  }, SPAWN_TIMEOUT_MS);

  it('exits 1 for an invalid definition under validate', () => {
    const { status, stdout } = step(['validate', 'dangling-next.asl.json']);

    expect(status).toBe(1);
    expect(stdout).toContain('(MISSING_TRANSITION_TARGET)');
  }, SPAWN_TIMEOUT_MS);

  it('exits 2 for bad usage', () => {
    const { status, stderr } = step(['exec']);

    expect(status).toBe(2);
    expect(stderr).toContain('--help');
  }, SPAWN_TIMEOUT_MS);
});
