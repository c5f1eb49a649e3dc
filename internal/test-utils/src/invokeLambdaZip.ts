import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readZip } from '@step/lambda/build';

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
export type LambdaInvocation =
  | { payload: string }
  | { errorType: string; errorMessage: string; trace: string[] };

/**
 * Unzips a Lambda zip into a fresh task root and invokes it once in a new Node process, the way the Node
 * Lambda runtime (aws-lambda-nodejs-runtime-interface-client) does.
 *
 * @remarks
 * The bootstrap mirrors the runtime's `UserFunction.load` and `Runtime.handleOnce`: it splits the handler setting
 * into module and function path, loads the module from `LAMBDA_TASK_ROOT` in the runtime's order (extensionless
 * and `.js` through `require` unless a package.json says `"type": "module"`, then `import()` of `.js`/`.mjs`,
 * then `.cjs`), calls `handler(JSON.parse(body), context, callback)` with the runtime's context fields, awaits a
 * returned promise, and answers with `JSON.stringify(result ?? null)` or with
 * `{errorType: error.name, errorMessage: error.message, trace}`. The process is spawned with a minimal
 * environment (`PATH` and the `AWS_LAMBDA_*` variables), so nothing from the workspace leaks into it.
 *
 * @example
 * ```ts
 * import { invokeLambdaZip } from '@step/test-utils';
 * const answer = await invokeLambdaZip(zip, { Task: 'Hello', Input: {} });
 * if ('payload' in answer) JSON.parse(answer.payload);
 * ```
 */
export async function invokeLambdaZip(zip: Buffer, event: unknown, options: InvokeLambdaZipOptions = {}): Promise<LambdaInvocation> {
  const work = mkdtempSync(path.join(tmpdir(), 'step-lambda-'));
  const taskRoot = path.join(work, 'task');
  const runtimeDir = path.join(work, 'runtime');
  const functionName = options.functionName ?? 'step-zip-test';
  try {
    mkdirSync(taskRoot);
    mkdirSync(runtimeDir);
    for (const file of readZip(zip)) {
      const target = path.join(taskRoot, file.name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.data);
    }
    const bootstrap = path.join(runtimeDir, 'bootstrap.mjs');
    writeFileSync(bootstrap, BOOTSTRAP);
    const stdout = await runNode(bootstrap, taskRoot, JSON.stringify(event), {
      PATH: process.env.PATH ?? '',
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: options.handler ?? 'index.handler',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef',
    });
    return JSON.parse(stdout) as LambdaInvocation;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runNode(script: string, cwd: string, body: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // `timeout` only stops a hung child from outliving the test run; a handler that answers never meets it.
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (line === undefined) reject(new Error(`the runtime bootstrap exited with ${code} and no answer:\n${stderr}${stdout}`));
      else resolve(line.slice(RESULT_PREFIX.length));
    });
    child.stdin.end(body);
  });
}

const RESULT_PREFIX = '@@step-runtime-answer@@';

// After aws-lambda-nodejs-runtime-interface-client: src/UserFunction.js (load), src/Runtime.js (handleOnce),
// src/InvokeContext.js (context fields), src/CallbackContext.js (callback, succeed/fail/done), src/Errors.js.
const BOOTSTRAP = `
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = ${JSON.stringify(RESULT_PREFIX)};
const answer = (value) => { process.stdout.write('\\n' + PREFIX + JSON.stringify(value) + '\\n', () => process.exit(0)); };
const toRapidResponse = (error) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\\n') }
    : { errorType: typeof error, errorMessage: String(error), trace: [] };

function hasPackageJsonTypeModule(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try { return JSON.parse(readFileSync(pj, 'utf8')).type === 'module'; } catch { return false; }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

async function loadUserApp(appRoot, moduleRoot, module) {
  const base = path.resolve(appRoot, moduleRoot, module);
  const require = createRequire(path.join(appRoot, 'noop.js'));
  const tryRequire = (ext = '') => (existsSync(base + ext) ? require(base + ext) : undefined);
  const tryImport = async (ext) => (existsSync(base + ext) ? import(pathToFileURL(base + ext).href) : undefined);
  const extensionless = tryRequire();
  if (extensionless) return extensionless;
  const typeModule = hasPackageJsonTypeModule(base);
  if (!typeModule) { const js = tryRequire('.js'); if (js) return js; }
  const loaded = (typeModule && (await tryImport('.js'))) || (await tryImport('.mjs')) || tryRequire('.cjs');
  if (!loaded) { const e = new Error("Cannot find module '" + module + "'"); e.name = 'Runtime.ImportModuleError'; throw e; }
  return loaded;
}

async function load(appRoot, fullHandlerString) {
  const moduleRoot = path.dirname(fullHandlerString);
  const match = /^([^.]*)\\.(.*)$/.exec(path.basename(fullHandlerString));
  if (!match) { const e = new Error('Bad handler ' + fullHandlerString); e.name = 'Runtime.MalformedHandlerName'; throw e; }
  const [, module, handlerPath] = match;
  const app = await loadUserApp(appRoot, moduleRoot, module);
  const handler = handlerPath.split('.').reduce((o, key) => (o == null ? undefined : o[key]), app);
  if (typeof handler !== 'function') {
    const e = new Error(fullHandlerString + ' is ' + (handler === undefined ? 'undefined or not exported' : 'not a function'));
    e.name = 'Runtime.HandlerNotFound';
    throw e;
  }
  return handler;
}

let body = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) body += chunk;

let handler;
try {
  handler = await load(process.env.LAMBDA_TASK_ROOT, process.env._HANDLER);
} catch (error) {
  answer(toRapidResponse(error));
}

if (handler) {
  const env = process.env;
  const deadline = Date.now() + 3000;
  let settled = false;
  const succeed = (result) => {
    if (settled) return;
    settled = true;
    answer({ payload: JSON.stringify(result === undefined ? null : result) });
  };
  const fail = (error) => {
    if (settled) return;
    settled = true;
    answer(toRapidResponse(error));
  };
  const callback = (error, result) => (error === undefined || error === null ? succeed(result) : fail(error));
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    succeed,
    fail,
    done: callback,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: 'arn:aws:lambda:' + env.AWS_REGION + ':123456789012:function:' + env.AWS_LAMBDA_FUNCTION_NAME,
    awsRequestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  // A handler that returns without a promise and never calls back answers null once the event loop is empty.
  process.on('beforeExit', () => succeed(undefined));
  try {
    const result = handler(JSON.parse(body), context, callback);
    if (result && typeof result.then === 'function') result.then(succeed, fail);
  } catch (error) {
    fail(error);
  }
}
`;
