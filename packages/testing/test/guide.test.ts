// Proves docs/testing.md: for each setup of the guide (jest with ts-jest, jest with @swc/jest, vitest), pack the
// @step/* packages it installs, install the tarballs and the guide's packages from the registry into a scratch
// project outside the workspace (one install per setup), write the guide's files verbatim, and run its tests.
// Needs the packages built (`pnpm build`) and the npm registry. Slow by nature: minutes, not milliseconds.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGuide } from './helpers/readGuide.js';
import { runStep, scratchEnv } from './helpers/runStep.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const GUIDE = path.join(ROOT, 'docs', 'testing.md');
const PACKED = ['asl', 'interpreter', 'lambda', 'testing'];
const INSTALL_TIMEOUT = 300_000;
const RUN_TIMEOUT = 120_000;

/** pnpm as the workspace runs it: the one running this test, else the one on the PATH. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath === undefined || !/pnpm/.test(execPath)) return ['pnpm', []];
  // pnpm ships as a script or (since pnpm 11) as a native executable.
  return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
}

let scratch: string;
const tarballs = new Map<string, string>();
const blocks = readGuide(GUIDE);

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'step-guide-'));
  const out = path.join(scratch, 'tarballs');
  mkdirSync(out);
  const [pnpm, pre] = pnpmCommand();
  for (const dir of PACKED) {
    const cwd = path.join(ROOT, 'packages', dir);
    const name = (JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')) as { name: string }).name;
    const before = new Set(readdirSync(out));
    await runStep(`packing ${name}`, pnpm, [...pre, 'pack', '--pack-destination', out], {
      cwd,
      timeoutMs: RUN_TIMEOUT,
    });
    const file = readdirSync(out).find((f) => !before.has(f));
    if (file === undefined) throw new Error(`packing ${name} wrote no tarball in ${out}`);
    tarballs.set(name, path.join(out, file));
  }
}, 4 * RUN_TIMEOUT);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('docs/testing.md', () => {
  it.each(['ts-jest', 'swc-jest', 'vitest'])(
    'the %s setup installs from the tarballs and runs its tests with coverage',
    async (setup) => {
      // Prepare: the guide's files for this setup, verbatim
      const project = path.join(scratch, setup);
      const files = blocks.filter(
        (b) => b.file !== undefined && (b.setups.includes(setup) || b.setups.includes('all')),
      );
      for (const b of files) {
        const file = path.join(project, b.file!);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, b.body);
      }
      const install = blocks.find((b) => b.lang === 'sh' && b.setups.includes(setup));
      expect(install).toBeDefined();
      const packages = install!.body
        .split('\n')
        .filter((l) => l.startsWith('npm install'))
        .flatMap((l) =>
          l
            .split(/\s+/)
            .slice(2)
            .filter((a) => !a.startsWith('-')),
        )
        .map((p) => tarballs.get(p) ?? p);
      expect(packages.filter((p) => p.startsWith('@step/'))).toEqual([]);
      // Their own @step/* dependencies (@step/asl) come from the tarballs too, in the same install.
      for (const file of tarballs.values()) if (!packages.includes(file)) packages.push(file);

      // Act: one install, then the guide's test script (and its typecheck where it has one)
      const env = scratchEnv();
      await runStep(
        `installing the ${setup} setup`,
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages],
        {
          cwd: project,
          env,
          timeoutMs: INSTALL_TIMEOUT,
        },
      );
      const tested = await runStep(`running the ${setup} setup's tests`, 'npm', ['test'], {
        cwd: project,
        env,
        timeoutMs: RUN_TIMEOUT,
      });
      const scripts = (
        JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
      ).scripts;
      if (scripts.typecheck !== undefined) {
        await runStep(`type-checking the ${setup} setup`, 'npm', ['run', 'typecheck'], {
          cwd: project,
          env,
          timeoutMs: RUN_TIMEOUT,
        });
      }

      // Assess: the tests passed, and the coverage run reported the greeter machine fully covered
      const output = tested.stdout + tested.stderr;
      expect(output).toMatch(/2 passed/);
      expect(output).toContain('State machine coverage');
      expect(output).toContain('greeter (2 runs)');
      const report = JSON.parse(readFileSync(path.join(project, 'step-coverage', 'coverage.json'), 'utf8')) as {
        machines: { name: string; metrics: Record<string, { pct: number }> }[];
      };
      expect(report.machines.map((m) => [m.name, m.metrics.states?.pct, m.metrics.retriers?.pct])).toEqual([
        ['greeter', 100, 100],
      ]);
      expect(readdirSync(path.join(project, 'step-coverage')).filter((f) => f.endsWith('.mmd'))).toHaveLength(1);
    },
    INSTALL_TIMEOUT + 3 * RUN_TIMEOUT,
  );
});
