import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readZip } from '@step/lambda/build';
import { QUOTAS } from './quotas.js';
import { declaredUnzippedSize } from './runtime/declaredUnzippedSize.js';
import { OUT_OF_MEMORY_EXIT, startFunctionProcess } from './runtime/startFunctionProcess.js';

/**
 * What one invocation returns: the payload text, or the error Lambda's Node runtime would report.
 * @internal
 */
export type InvocationResult = (
  { ok: true; payload: string } | { ok: false; error: { errorType: string; errorMessage: string; trace?: string[] } }
) & {
  /** What the handler wrote to stdout and stderr during this invocation. */
  log?: string;
};

/**
 * Everything the runtime needs to run one function version.
 * @internal
 */
export interface FunctionSpec {
  /** Function name, for log lines. */
  name: string;
  /** Identity of the warm environment: a new key (new code or configuration) means a cold start. */
  key: string;
  /** SHA-256 (hex) of the zip; the unpacked code is cached under it. */
  codeSha256: string;
  zip: () => Buffer;
  handler: string;
  timeoutSeconds: number;
  memorySize: number;
  /** The complete environment the handler sees (Lambda's reserved variables included). */
  environment: Record<string, string>;
}

/**
 * The `context` fields passed to a handler (functions such as `getRemainingTimeInMillis` are added in the worker).
 * @internal
 */
export interface InvocationContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
}

/**
 * Schedules a callback; returns a canceller. Injected by tests so timeouts cost no real time.
 * @internal
 */
export type TimerFn = (fn: () => void, ms: number) => () => void;

const realTimer: TimerFn = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

interface WarmWorker {
  worker: ChildProcess;
  key: string;
  /** The environment's own /tmp, removed when it ends. */
  tmpDir: string;
  /** Output of the invocation in progress. */
  output: string;
}

/**
 * Receives each line a function writes to stdout or stderr.
 * @internal
 */
export type FunctionLogSink = (functionName: string, line: string) => void;

/** A package and its dependencies: everything under the outermost `node_modules` of the package's real path. */
function outermostNodeModules(real: string): string {
  const parts = real.split(path.sep);
  const at = parts.indexOf('node_modules');
  return at < 0 ? real : parts.slice(0, at + 1).join(path.sep);
}

/** Kills an environment and resolves once it has exited. */
function end(warm: WarmWorker): Promise<void> {
  const child = warm.worker;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Environments per function that run at once: the machine's parallelism (cold starts are CPU-bound). */
function defaultConcurrency(): number {
  return Math.max(2, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Packages Lambda's Node.js runtime provides to every function (the AWS SDK v3 clients Step uses). */
const RUNTIME_PACKAGES = ['@aws-sdk/client-s3', '@aws-sdk/client-lambda', '@aws-sdk/client-sfn', '@aws-sdk/client-sts'];

/**
 * Runs Lambda handlers from their zips, each warm environment in its own Node process (see `startFunctionProcess`).
 *
 * @remarks
 * As on Lambda, an environment serves one invocation at a time and is reused while the function's code and
 * configuration stay the same (module state survives between invocations); concurrent invocations get more
 * environments. A timeout kills the environment; so does passing `MemorySize`. The AWS SDK v3 clients are resolvable from the code,
 * as Lambda's Node.js runtime provides them.
 * @internal
 */
export class LambdaRuntime {
  readonly #dir: string;
  readonly #timer: TimerFn;
  readonly #onLog: FunctionLogSink | undefined;
  readonly #concurrency: number;
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();
  readonly #idle = new Map<string, WarmWorker[]>();
  readonly #busy = new Set<WarmWorker>();
  /** Folders every function may read besides its code: the runtime's AWS SDK packages (set on first start). */
  #readDirs: string[] | undefined;
  #closed = false;

  constructor(dir: string, options: { timer?: TimerFn; onLog?: FunctionLogSink; concurrency?: number } = {}) {
    this.#dir = dir;
    this.#timer = options.timer ?? realTimer;
    this.#onLog = options.onLog;
    this.#concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  }

  /** Invocations of one function that run at once. */
  get concurrency(): number {
    return this.#concurrency;
  }

  /** Waits for a free environment slot of a function (at most `concurrency` run at once; the rest queue, FIFO). */
  async #acquire(name: string): Promise<void> {
    while (!this.#closed && (this.#active.get(name) ?? 0) >= this.#concurrency) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(name) ?? [];
        queue.push(resolve);
        this.#waiting.set(name, queue);
      });
    }
    this.#active.set(name, (this.#active.get(name) ?? 0) + 1);
  }

  #release(name: string): void {
    this.#active.set(name, (this.#active.get(name) ?? 1) - 1);
    this.#waiting.get(name)?.shift()?.();
  }

  /** Runs one invocation and resolves with its payload or its error (never rejects for a function's failure). */
  async invoke(spec: FunctionSpec, event: unknown, context: InvocationContext): Promise<InvocationResult> {
    await this.#acquire(spec.name);
    try {
      return await this.#invoke(spec, event, context);
    } finally {
      this.#release(spec.name);
    }
  }

  async #invoke(spec: FunctionSpec, event: unknown, context: InvocationContext): Promise<InvocationResult> {
    if (this.#closed)
      return { ok: false, error: { errorType: 'ServiceException', errorMessage: 'the local server is closing' } };
    let warm: WarmWorker;
    try {
      warm = this.#idle.get(spec.key)?.pop() ?? this.#start(spec);
    } catch (e) {
      return { ok: false, error: { errorType: 'Runtime.ImportModuleError', errorMessage: (e as Error).message } };
    }
    this.#busy.add(warm);
    warm.output = '';
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    const result = await new Promise<InvocationResult & { reusable: boolean }>((resolve) => {
      const worker = warm.worker;
      const cleanup = (): void => {
        cancel();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (msg: { id: string } & InvocationResult): void => {
        if (msg.id !== context.awsRequestId) return;
        cleanup();
        resolve(
          msg.ok ? { ok: true, payload: msg.payload, reusable: true } : { ok: false, error: msg.error, reusable: true },
        );
      };
      const onError = (err: Error): void => {
        cleanup();
        resolve({
          ok: false,
          error: {
            errorType: 'Runtime.ExitError',
            errorMessage: `RequestId: ${context.awsRequestId} Error: ${err.message}`,
          },
          reusable: false,
        });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        cleanup();
        // Past MemorySize: the bootstrap's RSS check exits 137, V8's heap limit aborts.
        const outOfMemory = code === OUT_OF_MEMORY_EXIT || signal === 'SIGABRT' || code === 134;
        resolve({
          ok: false,
          error: outOfMemory
            ? {
                errorType: 'Runtime.OutOfMemory',
                errorMessage: `RequestId: ${context.awsRequestId} Error: Runtime exited with error: signal: killed`,
              }
            : {
                errorType: 'Runtime.ExitError',
                errorMessage: `RequestId: ${context.awsRequestId} Error: Runtime exited with error: ${signal === null ? `exit status ${code}` : `signal: ${signal}`}`,
              },
          reusable: false,
        });
      };
      const cancel = this.#timer(() => {
        cleanup();
        resolve({
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${context.awsRequestId} Error: Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`,
          },
          reusable: false,
        });
      }, spec.timeoutSeconds * 1000);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.send({ id: context.awsRequestId, event, context, deadline }, (err) => {
        if (err !== null) onError(err);
      });
    });
    this.#busy.delete(warm);
    if (result.reusable && !this.#closed) {
      const list = this.#idle.get(warm.key) ?? [];
      list.push(warm);
      this.#idle.set(warm.key, list);
    } else {
      void end(warm);
    }
    const { reusable: _r, ...answer } = result;
    return { ...answer, log: warm.output };
  }

  /** Ends the warm environments whose key starts with a prefix (after a code or configuration change). */
  retire(prefix: string): void {
    for (const [key, list] of this.#idle) {
      if (!key.startsWith(prefix)) continue;
      for (const w of list) void end(w);
      this.#idle.delete(key);
    }
  }

  /** Terminates every environment. */
  async close(): Promise<void> {
    this.#closed = true;
    // Queued invocations wake up and answer that the server is closing.
    for (const queue of this.#waiting.values()) for (const wake of queue.splice(0)) wake();
    const environments = [...this.#busy, ...[...this.#idle.values()].flat()];
    this.#idle.clear();
    this.#busy.clear();
    await Promise.all(environments.map(end));
  }

  #start(spec: FunctionSpec): WarmWorker {
    const codeDir = this.#unpack(spec);
    const readDirs = (this.#readDirs ??= this.#linkRuntimePackages());
    const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'step-local-fn-'));
    const worker = startFunctionProcess({
      codeDir: realpathSync(codeDir),
      tmpDir: realpathSync(tmpDir),
      handler: spec.handler,
      memorySize: spec.memorySize,
      environment: spec.environment,
      readDirs,
    });
    worker.unref();
    worker.channel?.unref();
    const warm: WarmWorker = { worker, key: spec.key, tmpDir, output: '' };
    let partial = '';
    const sink = (chunk: Buffer | string): void => {
      const text = chunk.toString();
      if (warm.output.length < 1_000_000) warm.output += text;
      if (this.#onLog === undefined) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.#onLog(spec.name, line);
    };
    worker.stdout?.on('data', sink);
    worker.stderr?.on('data', sink);
    // An environment that dies between invocations (a late unhandled rejection, process.exit) is never reused.
    worker.once('exit', () => {
      const list = this.#idle.get(warm.key);
      const at = list?.indexOf(warm) ?? -1;
      if (list !== undefined && at >= 0) list.splice(at, 1);
      rmSync(tmpDir, { recursive: true, force: true });
    });
    worker.on('error', () => undefined);
    return warm;
  }

  /** Links the AWS SDK packages into the runtime folder; returns the folders functions need to read them. */
  #linkRuntimePackages(): string[] {
    const readDirs = new Set<string>();
    mkdirSync(path.join(this.#dir, 'node_modules'), { recursive: true });
    readDirs.add(realpathSync(path.join(this.#dir, 'node_modules')));
    const require = createRequire(import.meta.url);
    for (const name of RUNTIME_PACKAGES) {
      const link = path.join(this.#dir, 'node_modules', name);
      if (existsSync(link)) {
        readDirs.add(outermostNodeModules(realpathSync(link)));
        continue;
      }
      // A dangling link (the install moved since the data directory was made) is replaced.
      rmSync(link, { force: true });
      let dir: string;
      try {
        dir = path.dirname(require.resolve(name));
      } catch {
        continue;
      }
      const [scope, pkg] = name.split('/') as [string, string];
      while (!(path.basename(dir) === pkg && path.basename(path.dirname(dir)) === scope) && path.dirname(dir) !== dir) {
        dir = path.dirname(dir);
      }
      readDirs.add(outermostNodeModules(realpathSync(dir)));
      mkdirSync(path.dirname(link), { recursive: true });
      try {
        symlinkSync(dir, link, process.platform === 'win32' ? 'junction' : 'dir');
      } catch {
        // another server sharing the folder linked it first
      }
    }
    return [...readDirs];
  }

  #unpack(spec: FunctionSpec): string {
    const codeDir = path.join(this.#dir, 'code', spec.codeSha256);
    const marker = path.join(codeDir, '.step-unpacked');
    if (existsSync(marker)) return codeDir;
    const zip = spec.zip();
    // Code stored before the CreateFunction check existed is held to the same cap.
    if ((declaredUnzippedSize(zip) ?? 0) > QUOTAS.lambdaUnzippedCodeBytes) {
      throw new Error(`Unzipped size must be smaller than ${QUOTAS.lambdaUnzippedCodeBytes} bytes`);
    }
    const entries = readZip(zip);
    for (const { name, data } of entries) {
      const target = path.resolve(codeDir, name);
      if (!target.startsWith(codeDir + path.sep)) throw new Error(`zip entry "${name}" escapes the code folder`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    mkdirSync(codeDir, { recursive: true });
    writeFileSync(marker, '');
    return codeDir;
  }
}
