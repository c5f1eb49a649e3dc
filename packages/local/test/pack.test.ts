// Proves the README's jest recipe from the published artefacts: `pnpm pack` @step/local and the @step packages it
// depends on, install the tarballs with npm into a scratch project OUTSIDE the workspace (no @step/cli), and run a
// jest project there whose globalSetup starts the server and whose test talks to it. Needs the packages built
// (`pnpm build`) and the npm registry (third-party dependencies are fetched from it).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** One child process may take this long before it is killed (npm install fetches from the registry). */
const CHILD_TIMEOUT_MS = 180_000;

/**
 * The environment of every child: ours without pnpm's `npm_*` variables (they would steer npm), but with
 * `npm_config_*` (registry, cache, proxy, CA), `NODE_EXTRA_CA_CERTS` and `SSL_CERT_FILE`; no jest worker state.
 */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => (!/^npm_/i.test(k) || /^npm_config_/i.test(k)) && !/^(JEST_WORKER_ID|NODE_OPTIONS)$/.test(k),
    ),
  );
}

/** Runs one child process, killed after `CHILD_TIMEOUT_MS`; a failure says what it was doing and what it printed. */
function runChild(what: string, file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, env: childEnv(), timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolve(`${stdout}${stderr}`);
        const why = error.killed
          ? `was killed after ${CHILD_TIMEOUT_MS} ms`
          : `failed (${error.message.split('\n')[0]})`;
        reject(
          new Error(`${what} ${why}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`),
        );
      },
    );
  });
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
}

const manifest = (dir: string): PackageJson =>
  JSON.parse(readFileSync(path.join(PACKAGES_DIR, dir, 'package.json'), 'utf8')) as PackageJson;

/** @step/local and, transitively, every @step package it depends on (their folders under packages/). */
function packagesToPack(): string[] {
  const byName = new Map(
    readdirSync(PACKAGES_DIR)
      .filter((d) => existsSync(path.join(PACKAGES_DIR, d, 'package.json')))
      .map((d) => [manifest(d).name, d]),
  );
  const out = new Set<string>();
  const visit = (name: string): void => {
    const dir = byName.get(name);
    if (dir === undefined || out.has(dir)) return;
    out.add(dir);
    for (const dep of Object.keys(manifest(dir).dependencies ?? {})) if (dep.startsWith('@step/')) visit(dep);
  };
  visit('@step/local');
  return [...out];
}

const GLOBAL_SETUP = `// The README recipe, verbatim apart from the seed.
import { createLocalServer } from '@step/local';

export default async function globalSetup() {
  const server = await createLocalServer({ port: 0, seed: { buckets: ['releases'] } });
  process.env.AWS_ENDPOINT_URL = server.url;
  globalThis.stepLocal = server;
}
`;
const GLOBAL_TEARDOWN = `export default async function globalTeardown() {
  await globalThis.stepLocal.close();
}
`;
const TEST = `test('the server the globalSetup started answers S3 ListBuckets', async () => {
  const res = await fetch(process.env.AWS_ENDPOINT_URL + '/', {
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<Name>releases</Name>');
});
`;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'step-local-pack-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('@step/local from its tarball', () => {
  it(
    'installs without @step/cli and starts from a jest globalSetup',
    async () => {
      // Prepare: pack @step/local and its @step dependencies
      const dirs = packagesToPack();
      const unbuilt = dirs.filter((d) => !existsSync(path.join(PACKAGES_DIR, d, 'dist')));
      expect(unbuilt.map((d) => `packages/${d} has no dist/: run "pnpm build" first`)).toEqual([]);
      const tarballs = path.join(scratch, 'tarballs');
      mkdirSync(tarballs);
      for (const dir of dirs) {
        await runChild(
          `pnpm pack in packages/${dir}`,
          'pnpm',
          ['pack', '--pack-destination', tarballs],
          path.join(PACKAGES_DIR, dir),
        );
      }
      const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
      expect(files).toHaveLength(dirs.length);
      const project = path.join(scratch, 'project');
      mkdirSync(project);
      writeFileSync(
        path.join(project, 'package.json'),
        JSON.stringify({
          name: 'scratch',
          private: true,
          type: 'module',
          jest: {
            globalSetup: './globalSetup.js',
            globalTeardown: './globalTeardown.js',
            transform: {},
            testMatch: ['**/*.test.cjs'],
          },
        }),
      );
      writeFileSync(path.join(project, 'globalSetup.js'), GLOBAL_SETUP);
      writeFileSync(path.join(project, 'globalTeardown.js'), GLOBAL_TEARDOWN);
      writeFileSync(path.join(project, 'local.test.cjs'), TEST);
      await runChild(
        'npm install of the tarballs',
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files.map((f) => path.join(tarballs, f))],
        project,
      );

      // Act: run jest (the workspace's binary; the setup resolves @step/local from the scratch project only)
      const jestBin = path.join(
        path.dirname(createRequire(import.meta.url).resolve('jest/package.json')),
        'bin',
        'jest.js',
      );
      const output = await runChild(
        'jest in the scratch project',
        process.execPath,
        [jestBin, '--rootDir', project, '--ci'],
        project,
      );

      // Assess
      expect(existsSync(path.join(project, 'node_modules', '@step', 'cli'))).toBe(false);
      expect(output).toContain('Tests:       1 passed, 1 total');
    },
    4 * CHILD_TIMEOUT_MS,
  );
});
