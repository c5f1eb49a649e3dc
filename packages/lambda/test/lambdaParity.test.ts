import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdaZip } from '@step/lambda/build';
import { invokeLambdaZip } from '@step/test-utils';
import { machine } from './fixtures/parityMachine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = path.resolve(here, '../..');
const alias = {
  // what buildLambdaZip resolves "@step/lambda" to (its step-lambda-runtime export condition)
  '@step/lambda': path.join(packages, 'lambda/src/runtime/index.ts'),
  '@step/asl': path.join(packages, 'asl/src/index.ts'),
};

// machine.run() promises the handlers see, and return, what they would on Lambda. Check it against the packaged
// zip run as the Node runtime runs it: each TaskFn state is one Lambda invocation with the {Task, Input} envelope.
describe('a machine run locally and its packaged Lambda', () => {
  let zip: Buffer;
  beforeAll(async () => {
    ({ zip } = await buildLambdaZip({ entry: path.join(here, 'fixtures/parityMachine.ts'), alias }));
  });

  it('produce the same bytes for every task on the success path', async () => {
    // Act
    const local = await machine.run({ input: { sku: 'tea' } });
    const price = await invokeLambdaZip(zip, { Task: 'Price', Input: { sku: 'tea' } });
    const priced = 'payload' in price ? (JSON.parse(price.payload) as unknown) : price;
    const reserve = await invokeLambdaZip(zip, { Task: 'Reserve', Input: priced });

    // Assess
    expect(local.status).toBe('SUCCEEDED');
    expect(reserve).toEqual({ payload: JSON.stringify(local.output) });
  });

  it('report a handler error with the same error name and message', async () => {
    // Act
    const local = await machine.run({ input: { sku: 'none' } });
    const lambda = await invokeLambdaZip(zip, { Task: 'Reserve', Input: { sku: 'none' } });

    // Assess: Step Functions takes the error from errorType and puts the error payload in the cause
    expect(local).toMatchObject({ status: 'FAILED', error: 'OutOfStockError' });
    const cause = JSON.parse(local.cause ?? '') as { errorType: string; errorMessage: string };
    expect(lambda).toMatchObject({ errorType: cause.errorType, errorMessage: cause.errorMessage });
    expect(cause).toMatchObject({ errorType: 'OutOfStockError', errorMessage: 'no none left' });
  });
});
