import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdaZip } from '@step/lambda';
import { invokeLambdaZip, readZip } from '@step/test-utils';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.resolve(here, '../src/machine.ts');
const packages = path.resolve(here, '../../../packages');
// Bundle the workspace sources rather than their dist/, which may be older than the sources under test.
const alias = {
  '@step/lambda': path.join(packages, 'lambda/src/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
};

describe('hello-world lambda.zip (what `step-cli package src/machine.ts` builds)', () => {
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

    await expect(invokeLambdaZip(zip, { Task: 'Goodbye', Input: {} })).resolves.toMatchObject({ errorType: 'UnknownTaskError' });
  });
});
