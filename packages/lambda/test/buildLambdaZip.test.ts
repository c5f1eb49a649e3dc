import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdaZip, LambdaPackageError, readZip } from '@step/lambda/build';
import { MachineHandlersError } from '@step/lambda';
import { invokeLambdaZip, type LambdaInvocation } from '@step/test-utils';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const packages = path.resolve(here, '../..');
// The workspace packages' dist/ may be stale while tests run on sources: bundle the sources instead.
const alias = {
  // what buildLambdaZip resolves "@step/lambda" to (its step-lambda-runtime export condition)
  '@step/lambda': path.join(packages, 'lambda/src/runtime/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
  '@step/interpreter': path.join(packages, 'interpreter/src/index.ts'),
};

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

  // The zip is unzipped into a fresh task root and invoked in a new Node process the way the Node Lambda runtime
  // does it: handler setting index.handler, import() of index.mjs, handler(JSON.parse(body), context, callback).
  describe('the bundle, run as the Node Lambda runtime runs it', () => {
    let zip: Buffer;
    beforeAll(async () => {
      ({ zip } = await buildLambdaZip({ entry: path.join(fixtures, 'taskHandler.ts'), alias }));
    });

    it.each<{ case: string; event: unknown; answer: LambdaInvocation | { payload: unknown } }>([
      {
        case: 'dispatches an envelope and gives the handler the runtime context',
        event: { Task: 'Hello', Input: {} },
        answer: { payload: { Greeting: 'Hello World!', functionName: 'fresh' } },
      },
      {
        case: 'runs a validated task',
        event: { Task: 'Reserve', Input: { sku: 'tea' } },
        answer: { payload: { reserved: 'tea' } },
      },
      {
        case: 'sends an event without Task to the default handler',
        event: { hi: 1 },
        answer: { payload: { default: { hi: 1 } } },
      },
    ])('$case', async ({ event, answer }) => {
      // Act
      const result = await invokeLambdaZip(zip, event, { functionName: 'fresh' });

      // Assess
      expect('payload' in result ? { payload: JSON.parse(result.payload) as unknown } : result).toEqual(answer);
    });

    it.each([
      { event: { Task: 'Nope', Input: {} }, errorType: 'UnknownTaskError', message: /Task "Nope" has no handler/ },
      {
        event: { Task: 'Reserve', Input: { sku: 7 } },
        errorType: 'InvalidTaskInputError',
        message: /Task "Reserve" received invalid input/,
      },
      { event: { Task: 'Reserve', Input: { sku: 'none' } }, errorType: 'OutOfStockError', message: /^no none left$/ },
    ])('reports errorType $errorType, as Step Functions will see it', async ({ event, errorType, message }) => {
      // Act
      const result = await invokeLambdaZip(zip, event);

      // Assess
      expect(result).toMatchObject({ errorType, errorMessage: expect.stringMatching(message) as unknown });
    });

    it('is loaded by the handler setting, so a setting the bundle does not export fails as on Lambda', async () => {
      const result = await invokeLambdaZip(zip, { Task: 'Hello' }, { handler: 'index.main' });

      expect(result).toMatchObject({
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'index.main is undefined or not exported',
      });
    });
  });

  it('bundles a defineMachine module that answers in a fresh Node process, carrying only what dispatch needs', async () => {
    // Act
    const { zip } = await buildLambdaZip({ entry: path.join(fixtures, 'helloMachine.ts'), alias });

    // Assess: no bundler, no validator, no JSONata, no interpreter in the bundle
    const bundle = readZip(zip)[0]!.data.toString();
    expect(bundle).not.toMatch(/from ['"]esbuild['"]/);
    expect(['assertValid', 'jsonata', 'compileMachine'].filter((name) => bundle.includes(name))).toEqual([]);
    expect(await invokeLambdaZip(zip, { Task: 'Hello', Input: { Greeting: 'Hi' } })).toEqual({
      payload: '{"Greeting":"Hi"}',
    });
  });

  it('validates the machine at build time: a handler without a TaskFn state fails the build', async () => {
    // Act
    const error = await buildLambdaZip({ entry: path.join(fixtures, 'mismatchedHandlerMachine.ts'), alias }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(MachineHandlersError);
    expect((error as Error).message).toContain('"Goodbye"');
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
