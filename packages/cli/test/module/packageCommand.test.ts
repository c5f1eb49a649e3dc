import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '@step/test-utils';
import yargs from 'yargs';
import packageCommand from '../../src/commands/package.js';
import { ExitError } from '../../src/errors.js';
import type { CliIo } from '../../src/io.js';
import { packageMachine } from '../../src/module/packageMachine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const packages = path.resolve(here, '../../..');
const alias = {
  '@step/lambda': path.join(packages, 'lambda/src/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
  '@step/interpreter': path.join(packages, 'interpreter/src/index.ts'),
};

describe('packageMachine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'step-package-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip holding index.mjs and returns its SHA-256, the same on a second build', async () => {
    // Act
    const first = await packageMachine({ file: 'handlerOnly.ts', cwd: fixtures, out: path.join(dir, 'a.zip'), alias });
    const second = await packageMachine({ file: 'handlerOnly.ts', cwd: fixtures, out: path.join(dir, 'b.zip'), alias });

    // Assess
    const bytes = readFileSync(first.outFile);
    expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(second.sha256).toBe(first.sha256);
    expect(first.bytes).toBe(bytes.length);
    expect(readZip(bytes).map((f) => f.name)).toEqual(['index.mjs']);
  });

  it.each([
    { file: 'nope.ts', message: /the file does not exist/ },
    { file: path.join('..', '..', '..', 'src', 'io.ts'), message: /does not export "handler"/ },
  ])('fails with exit code 2 for $file', async ({ file, message }) => {
    const error = await packageMachine({ file, cwd: fixtures, out: path.join(dir, 'x.zip'), alias }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ExitError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toMatch(message);
  });
});

describe('step-cli package', () => {
  it('prints "<sha256>  <zip>" and writes the zip where --out says', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'step-package-'));
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      cwd: dir,
      env: {},
    };

    try {
      // Act: --external keeps the workspace packages out, so this bundles without their (possibly stale) dist/
      await yargs()
        .command(packageCommand)
        .strict()
        .exitProcess(false)
        .fail(false)
        .parseAsync(
          ['package', path.join(fixtures, 'handlerOnly.ts'), '--out', 'out/lambda.zip', '--external', '@step/*'],
          { io },
        );

      // Assess
      const zip = readFileSync(path.join(dir, 'out/lambda.zip'));
      expect(stdout).toBe(`${createHash('sha256').update(zip).digest('hex')}  ${path.join(dir, 'out/lambda.zip')}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints {"sha256","outFile","bytes"} with --json, the same hash on a second run', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'step-package-'));
    const outputs: string[] = [];
    const run = async (out: string) => {
      let stdout = '';
      const io: CliIo = {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: () => true },
        cwd: dir,
        env: {},
      };
      await yargs()
        .command(packageCommand)
        .strict()
        .exitProcess(false)
        .fail(false)
        .parseAsync(
          ['package', path.join(fixtures, 'handlerOnly.ts'), '--out', out, '--external', '@step/*', '--json'],
          { io },
        );
      outputs.push(stdout);
    };

    try {
      // Act
      await run('a.zip');
      await run('b.zip');

      // Assess
      const [first, second] = outputs.map((o) => JSON.parse(o) as { sha256: string; outFile: string; bytes: number });
      const zip = readFileSync(path.join(dir, 'a.zip'));
      expect(first).toEqual({
        sha256: createHash('sha256').update(zip).digest('hex'),
        outFile: path.join(dir, 'a.zip'),
        bytes: zip.length,
      });
      expect(second?.sha256).toBe(first?.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
