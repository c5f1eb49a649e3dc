import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readZip } from '@step/lambda/build';
import { startFunctionProcess } from '@step/local';

/**
 * Options of {@link invokeLambdaZip}.
 *
 * @example
 * ```ts
 * import type { InvokeLambdaZipOptions } from '@step/test-utils';
 * const options: InvokeLambdaZipOptions = { handler: 'index.handler', functionName: 'hello' };
 * ```
 */
export interface InvokeLambdaZipOptions {
  /** The function's handler setting. Default `'index.handler'`. */
  handler?: string;
  /** `AWS_LAMBDA_FUNCTION_NAME` and the name in `invokedFunctionArn`. Default `'step-zip-test'`. */
  functionName?: string;
}

/**
 * What the Lambda runtime would send back for one invocation: the response payload (JSON text), or the error
 * document it posts for a failed invocation.
 *
 * @example
 * ```ts
 * import type { LambdaInvocation } from '@step/test-utils';
 * const errorType = (r: LambdaInvocation) => ('errorType' in r ? r.errorType : undefined);
 * ```
 */
export type LambdaInvocation = { payload: string } | { errorType: string; errorMessage: string; trace: string[] };

/**
 * Unzips a Lambda zip into a fresh task root and invokes it once in a new Node process, the way the Node
 * Lambda runtime (aws-lambda-nodejs-runtime-interface-client) does.
 *
 * @remarks
 * Runs the same runtime emulation as `@step/local` (its `startFunctionProcess` and `lambdaBootstrap.js`), so a
 * zip that passes here runs there: the handler setting is split into module and (nested) function path, the
 * module is loaded from `LAMBDA_TASK_ROOT` in the runtime's order (extensionless and `.js` through `require`
 * unless a package.json says `"type": "module"`, then `import()` of `.js`/`.mjs`, then `.cjs`), and the answer
 * is `JSON.stringify(result ?? null)` or `{errorType, errorMessage, trace}`. The process gets a minimal
 * environment (`PATH` and the `AWS_LAMBDA_*` variables), 128 MB and Node's permission model.
 *
 * @example
 * ```ts
 * import { invokeLambdaZip } from '@step/test-utils';
 * const answer = await invokeLambdaZip(zip, { Task: 'Hello', Input: {} });
 * if ('payload' in answer) JSON.parse(answer.payload);
 * ```
 */
export async function invokeLambdaZip(
  zip: Buffer,
  event: unknown,
  options: InvokeLambdaZipOptions = {},
): Promise<LambdaInvocation> {
  const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'step-lambda-')));
  const taskRoot = path.join(work, 'task');
  const tmpDir = path.join(work, 'tmp');
  const functionName = options.functionName ?? 'step-zip-test';
  try {
    mkdirSync(taskRoot);
    mkdirSync(tmpDir);
    for (const file of readZip(zip)) {
      const target = path.join(taskRoot, file.name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.data);
    }
    const child = startFunctionProcess({
      codeDir: taskRoot,
      tmpDir,
      handler: options.handler ?? 'index.handler',
      memorySize: 128,
      environment: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
        AWS_LAMBDA_LOG_STREAM_NAME: LOG_STREAM,
      },
    });
    return await invokeOnce(child, event, {
      functionName,
      functionVersion: '$LATEST',
      memoryLimitInMB: '128',
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: LOG_STREAM,
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
      awsRequestId: REQUEST_ID,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const LOG_STREAM = '2026/01/01/[$LATEST]0123456789abcdef';
const REQUEST_ID = '8476a536-e9f4-11e8-9739-2dfe598c3fcd';
/** Only stops a hung child from outliving the test run; a handler that answers never meets it. */
const HUNG_MS = 60_000;

function invokeOnce(
  child: ReturnType<typeof startFunctionProcess>,
  event: unknown,
  context: Record<string, string>,
): Promise<LambdaInvocation> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const hung = setTimeout(() => child.kill('SIGKILL'), HUNG_MS);
    child.on(
      'message',
      (answer: {
        ok: boolean;
        payload?: string;
        error?: { errorType: string; errorMessage: string; trace?: string[] };
      }) => {
        clearTimeout(hung);
        child.kill('SIGKILL');
        resolve(answer.ok ? { payload: answer.payload ?? 'null' } : { trace: [], ...answer.error! });
      },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(hung);
      reject(new Error(`the runtime exited (${signal ?? code}) without an answer:\n${output}`));
    });
    child.send({ id: REQUEST_ID, event, context, deadline: Date.now() + 3000 });
  });
}
