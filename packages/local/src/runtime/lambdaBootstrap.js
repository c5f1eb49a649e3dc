// The Lambda Node.js runtime emulation: the entry script of every function process that @step/local and
// @step/test-utils start (see startFunctionProcess.ts). Plain JavaScript so that it runs as it is, from src/
// under jest and from dist/ once built, in a process with nothing of the server but this file.
//
// Follows aws-lambda-nodejs-runtime-interface-client: src/UserFunction.js (handler string split, load order
// from LAMBDA_TASK_ROOT, nested handler paths), src/Runtime.js (one invocation at a time, promise or callback,
// null once the event loop empties), src/InvokeContext.js and src/CallbackContext.js (context fields,
// succeed/fail/done), src/Errors.js (toRapidResponse). The server talks to it over the IPC channel:
// it receives `{ id, event, context, deadline }` and answers `{ id, ok: true, payload }` or `{ id, ok: false, error }`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Before any user code: a function may signal itself only (process.kill reads process._kill at call time).
// Node's permission model refuses child processes, workers, native addons and files outside the function's
// folders, but not signals; without this a function could kill the server with process.kill(process.ppid).
const ownPid = process.pid;
const rawKill = process._kill;
const EPERM = -1;
Object.defineProperty(process, '_kill', {
  value: (pid, signal) => (pid === ownPid ? rawKill.call(process, pid, signal) : EPERM),
  writable: false,
  configurable: false,
});

// MemorySize bounds the whole process, not only the V8 heap (--max-old-space-size): Buffers live outside it.
const rssLimit = Number(process.env.STEP_LOCAL_RSS_LIMIT_BYTES ?? 0);
delete process.env.STEP_LOCAL_RSS_LIMIT_BYTES;
const rss = process.memoryUsage.rss;
const OUT_OF_MEMORY_EXIT = 137;
if (rssLimit > 0) {
  setInterval(() => {
    if (rss() > rssLimit) process.exit(OUT_OF_MEMORY_EXIT);
  }, 50).unref();
}
// The server went away (closed or killed): this environment ends with it.
process.on('disconnect', () => process.exit(0));

function runtimeError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

function toRapidResponse(error) {
  try {
    if (error instanceof Error) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack ?? '').split('\n') };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** existsSync that answers false where the permission model refuses to look (outside the function's folders). */
function exists(file) {
  try {
    return existsSync(file);
  } catch {
    return false;
  }
}

/** Whether the nearest package.json up to the task root (/var/task on Lambda) says "type": "module". */
function hasPackageJsonTypeModule(file, appRoot) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (exists(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (dir === appRoot || path.dirname(dir) === dir) return false;
  }
}

async function loadUserApp(appRoot, moduleRoot, module) {
  const base = path.resolve(appRoot, moduleRoot, module);
  const require = createRequire(path.join(appRoot, 'noop.js'));
  const tryRequire = (ext = '') => (exists(base + ext) ? require(base + ext) : undefined);
  const tryImport = async (ext) => (exists(base + ext) ? import(pathToFileURL(base + ext).href) : undefined);
  const extensionless = tryRequire();
  if (extensionless) return extensionless;
  const typeModule = hasPackageJsonTypeModule(base, path.resolve(appRoot));
  if (!typeModule) {
    const js = tryRequire('.js');
    if (js) return js;
  }
  const loaded = (typeModule && (await tryImport('.js'))) || (await tryImport('.mjs')) || tryRequire('.cjs');
  if (!loaded) throw runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${module}'`);
  return loaded;
}

async function loadHandler(appRoot, fullHandlerString) {
  const moduleRoot = path.dirname(fullHandlerString);
  const match = /^([^.]*)\.(.*)$/.exec(path.basename(fullHandlerString));
  if (!match) throw runtimeError('Runtime.MalformedHandlerName', `Bad handler ${fullHandlerString}`);
  const [, module, handlerPath] = match;
  let app;
  try {
    app = await loadUserApp(appRoot, moduleRoot, module);
  } catch (error) {
    if (error instanceof Error && error.name === 'Runtime.ImportModuleError') throw error;
    throw runtimeError(
      error instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError',
      String(error?.stack ?? error),
    );
  }
  const handler = handlerPath.split('.').reduce((o, key) => (o === null || o === undefined ? undefined : o[key]), app);
  if (typeof handler !== 'function') {
    throw runtimeError(
      'Runtime.HandlerNotFound',
      `${fullHandlerString} is ${handler === undefined ? 'undefined or not exported' : 'not a function'}`,
    );
  }
  return handler;
}

const handlerSetting = process.env._HANDLER ?? 'index.handler';
let loading;
/** The invocation in progress: settles once (result, error, or the event loop emptying). */
let current;

function settle(answer) {
  if (current === undefined) return;
  const { id } = current;
  current = undefined;
  process.channel?.ref();
  process.send({ id, ...answer });
}
const succeed = (result) =>
  settle({ ok: true, payload: JSON.stringify(result === undefined ? null : result) ?? 'null' });
const fail = (error) => settle({ ok: false, error: toRapidResponse(error) });

// A handler that returns no promise and never calls back answers null once the event loop is empty; the IPC
// channel is unreferenced while an invocation runs so that "empty" can happen.
process.on('beforeExit', () => succeed(undefined));
// As the runtime does, an error nobody caught fails the invocation in progress (and ends an idle environment).
const uncaught = (error) => {
  if (current === undefined) process.exit(1);
  fail(error);
};
process.on('uncaughtException', uncaught);
process.on('unhandledRejection', uncaught);

process.on('message', async ({ id, event, context, deadline }) => {
  current = { id };
  process.channel?.unref();
  let handler;
  try {
    handler = await (loading ??= loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), handlerSetting));
  } catch (error) {
    fail(error);
    return;
  }
  const callback = (error, result) => (error === undefined || error === null ? succeed(result) : fail(error));
  const ctx = {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    succeed,
    fail,
    done: callback,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = handler(event, ctx, callback);
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') result.then(succeed, fail);
  } catch (error) {
    fail(error);
  }
});
