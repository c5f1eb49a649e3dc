import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdaZip, LambdaPackageError } from '@step/lambda';
import { readZip } from '@step/test-utils';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const packages = path.resolve(here, '../..');
// The workspace packages' dist/ may be stale while tests run on sources: bundle the sources instead.
const alias = {
  '@step/lambda': path.join(packages, 'lambda/src/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
  '@step/interpreter': path.join(packages, 'interpreter/src/index.ts'),
};

/** Loads index.mjs from the unzipped bundle in a fresh Node process and invokes handler(event, context) there. */
function invokeInFreshNode(zip: Buffer, event: unknown): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'step-zip-'));
  try {
    for (const file of readZip(zip)) writeFileSync(path.join(dir, file.name), file.data);
    const script = `
      const { handler } = await import('./index.mjs');
      const context = { functionName: 'fresh', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 };
      try { process.stdout.write(JSON.stringify({ ok: await handler(${JSON.stringify(event)}, context) })); }
      catch (e) { process.stdout.write(JSON.stringify({ errorType: e.name, errorMessage: e.message })); }`;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    return JSON.parse(stdout) as unknown;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildLambdaZip', () => {
  it('gives the same bytes and SHA-256 when built twice', async () => {
    // Act
    const first = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias });
    const second = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias });

    // Assess
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(second.sha256).toBe(first.sha256);
    expect(second.zip.equals(first.zip)).toBe(true);
    expect(createHash('sha256').update(first.zip).digest('hex')).toBe(first.sha256);
  });

  it('holds a single index.mjs with a fixed timestamp', async () => {
    const { zip } = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias });

    expect(readZip(zip).map((f) => [f.name, f.dosDate, f.dosTime])).toEqual([['index.mjs', 33, 0]]);
  });

  it('bundles a handler that answers envelopes in a fresh Node process', async () => {
    const { zip } = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias });

    expect(invokeInFreshNode(zip, { Task: 'Hello', Input: {} })).toEqual({ ok: { Greeting: 'Hello World!', functionName: 'fresh' } });
    expect(invokeInFreshNode(zip, { Task: 'Nope', Input: {} })).toMatchObject({ errorType: 'UnknownTaskError' });
  });

  it('bundles a whole defineMachine module (ASL validation included) that answers in a fresh Node process', async () => {
    const { zip } = await buildLambdaZip({ entry: path.join(fixtures, 'helloMachine.ts'), alias });

    expect(readZip(zip)[0]!.data.toString()).not.toMatch(/from ['"]esbuild['"]/);
    expect(invokeInFreshNode(zip, { Task: 'Hello', Input: { Greeting: 'Hi' } })).toEqual({ ok: { Greeting: 'Hi' } });
  });

  it('writes the zip to outFile', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'step-out-'));
    const outFile = path.join(dir, 'nested', 'lambda.zip');

    try {
      // Act
      const result = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias, outFile });

      // Assess
      expect(result.outFile).toBe(outFile);
      expect(readFileSync(outFile).equals(result.zip)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    { entry: path.join(fixtures, 'noExports.ts'), message: /does not export "handler"/ },
    { entry: path.join(fixtures, 'missing.ts'), message: /the file does not exist/ },
  ])('rejects $entry with LambdaPackageError', async ({ entry, message }) => {
    const error = await buildLambdaZip({ entry, alias }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LambdaPackageError);
    expect((error as Error).message).toMatch(message);
  });
});
