import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdaZip } from '@step/lambda/build';
import { invokeLambdaZip, readZip } from '@step/test-utils';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.resolve(here, '../src/machine.ts');
const packages = path.resolve(here, '../../../packages');
// Bundle the workspace sources rather than their dist/, which may be older than the sources under test.
const alias = {
  // what buildLambdaZip resolves "@step/lambda" to (its step-lambda-runtime export condition)
  '@step/lambda': path.join(packages, 'lambda/src/runtime/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
};

/**
 * The SHA-256 of hello-world's lambda.zip. The matrix (.ci/run) runs this test on Node 20, 22 and 24, so it proves
 * the zip is the same bytes on each: the deployer trusts this hash. It changes, on purpose, when what the bundle
 * carries changes (hello-world's sources, @step/lambda's dispatch-only entry, the esbuild or fflate version): then
 * check that the new bundle is right and paste the new hash here, in the same commit.
 */
const EXPECTED_SHA256 = '9f995bd1a387c19f7f637d286818ec2ff5fc60716a65c50707c41ae71fd805c8';

describe('hello-world lambda.zip (what `step-cli package src/machine.ts` builds)', () => {
  it('has the expected SHA-256 on every Node version', async () => {
    // Act
    const { sha256 } = await buildLambdaZip({ entry, alias });

    // Assess
    expect(sha256).toBe(EXPECTED_SHA256);
  });

  it('is the same bytes, so the same SHA-256, when built twice', async () => {
    // Act
    const first = await buildLambdaZip({ entry, alias });
    const second = await buildLambdaZip({ entry, alias });

    // Assess
    expect(second.sha256).toBe(first.sha256);
    expect(readZip(first.zip).map((f) => f.name)).toEqual(['index.mjs']);
  });

  it('answers the Hello envelope when the Node Lambda runtime loads index.handler from the unzipped bundle', async () => {
    // Prepare
    const { zip } = await buildLambdaZip({ entry, alias });

    // Act
    const answer = await invokeLambdaZip(zip, { Task: 'Hello', Input: { Greeting: '' } }, { handler: 'index.handler' });

    // Assess
    expect(answer).toEqual({ payload: '{"Greeting":"Hello World"}' });
  });

  it('fails an unknown task with errorType UnknownTaskError', async () => {
    const { zip } = await buildLambdaZip({ entry, alias });

    await expect(invokeLambdaZip(zip, { Task: 'Goodbye', Input: {} })).resolves.toMatchObject({
      errorType: 'UnknownTaskError',
    });
  });
});
