// Proves every package is publishable: `pnpm pack` each of packages/*, install the tarballs with npm into a
// scratch project OUTSIDE the workspace, import every public entry point in a fresh node process, and run
// `step-cli --help` from node_modules/.bin. Needs the packages built (`pnpm build`) and the npm registry
// (third-party dependencies are fetched from it). Every child process has a deadline (runChild), so a registry
// that does not answer fails this test with the command, its cwd and its last output instead of hanging jest.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './helpers/runChild.js';
import { FIXTURES } from './helpers/runStep.js';

const PACKAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The entry points the packages promise (more are picked up from each exports map). */
const REQUIRED_ENTRIES = [
  '@step/asl',
  '@step/asl/graph',
  '@step/interpreter',
  '@step/lambda',
  '@step/lambda/middleware',
  '@step/deployer',
  '@step/local',
];
/** Setup files that only load inside a test runner (they extend its `expect`); packages/testing/test/guide.test.ts runs them there. */
const RUNNER_SETUP_ENTRIES = new Set(['@step/testing/jest', '@step/testing/vitest']);

interface PackageJson {
  name: string;
  private?: boolean;
  exports?: Record<string, unknown>;
}

/** npm must not see pnpm's `npm_*` variables (this test runs under `pnpm test`); keep registry and proxy settings. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|.*proxy|strict_ssl|cafile)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'step-pack-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('published packages', () => {
  it('install from their tarballs outside the workspace, import, and run step-cli --help and exec', async () => {
    // Prepare: pack every public package
    const dirs = readdirSync(PACKAGES_DIR).filter((d) => existsSync(path.join(PACKAGES_DIR, d, 'package.json')));
    const manifests = dirs.map((d) => ({
      dir: path.join(PACKAGES_DIR, d),
      pkg: JSON.parse(readFileSync(path.join(PACKAGES_DIR, d, 'package.json'), 'utf8')) as PackageJson,
    }));
    const published = manifests.filter((m) => !m.pkg.private);
    const unbuilt = published.filter((m) => !existsSync(path.join(m.dir, 'dist')));
    expect(unbuilt.map((m) => `${m.pkg.name} has no dist/: run "pnpm build" first`)).toEqual([]);
    const tarballs = path.join(scratch, 'tarballs');
    mkdirSync(tarballs);
    for (const { dir } of published)
      await runChild('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir, timeoutMs: 60_000 });
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(published.length);

    // Act: install them into a scratch project with npm
    const project = path.join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    await runChild(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files.map((f) => path.join(tarballs, f))],
      {
        cwd: project,
        env: npmEnv(),
        timeoutMs: 150_000,
      },
    );

    // Assess: every @step package came from our tarballs (none from the registry, none nested)
    const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const stepEntries = Object.entries(lock.packages).filter(([key]) => /(^|\/)node_modules\/@step\//.test(key));
    expect(stepEntries.map(([key, entry]) => [key, entry.resolved?.startsWith('file:')]).sort()).toEqual(
      published.map((m) => [`node_modules/${m.pkg.name}`, true]).sort(),
    );

    // Assess: every entry point imports in a fresh node process and exports something
    const entries = new Set(REQUIRED_ENTRIES);
    for (const { pkg } of published) {
      for (const subpath of Object.keys(pkg.exports ?? {})) {
        const entry = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
        if (subpath !== './package.json' && !RUNNER_SETUP_ENTRIES.has(entry)) entries.add(entry);
      }
    }
    const script =
      `const out = {};\n` +
      `for (const e of ${JSON.stringify([...entries])}) out[e] = Object.keys(await import(e)).length;\n` +
      `console.log(JSON.stringify(out));`;
    const { stdout: imported } = await runChild(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      timeoutMs: 30_000,
    });
    const counts = JSON.parse(imported) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([...entries].sort());
    for (const [entry, count] of Object.entries(counts))
      expect({ entry, exportsSomething: count > 0 }).toEqual({ entry, exportsSomething: true });

    const stepCli = path.join(project, 'node_modules', '.bin', 'step-cli');
    const { stdout: help } = await runChild(stepCli, ['--help'], { cwd: project, timeoutMs: 30_000 });
    expect(help).toContain('step-cli validate');
    expect(help).toContain('step-cli exec');

    // Assess: the installed binary runs an execution with its installed dependencies
    writeFileSync(path.join(project, 'hello.asl.json'), readFileSync(path.join(FIXTURES, 'hello.asl.json')));
    const { stdout: executed } = await runChild(
      stepCli,
      ['exec', 'hello.asl.json', '--input', '{"name":"Ada"}', '--json'],
      {
        cwd: project,
        timeoutMs: 30_000,
      },
    );
    expect(JSON.parse(executed)).toEqual({
      status: 'SUCCEEDED',
      output: { greeting: 'Hello, Ada!' },
      path: ['Greet', 'Done'],
    });
  }, 300_000);
});
