import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Options of {@link startFunctionProcess}.
 *
 * @example
 * ```ts
 * const options: FunctionProcessOptions = { codeDir: '/data/runtime/code/ab12', tmpDir: '/tmp/fn-1', handler: 'index.handler', memorySize: 128, environment: {} };
 * ```
 * @internal
 */
export interface FunctionProcessOptions {
  /** The unpacked code (`LAMBDA_TASK_ROOT`, the working directory); readable, not writable. */
  codeDir: string;
  /** The function's own `/tmp` (`TMPDIR`): the only folder it may write. */
  tmpDir: string;
  /** The handler setting, e.g. `index.handlers.main`. */
  handler: string;
  /** `MemorySize` in MB: bounds the V8 heap and the process's resident memory. */
  memorySize: number;
  /** The function's whole environment (its variables and Lambda's reserved ones); nothing of the server's is added. */
  environment: Record<string, string>;
  /** More folders the function may read (the AWS SDK packages Lambda's runtime provides). */
  readDirs?: readonly string[];
}

/** The runtime emulation every function process runs (a plain .js file next to this one, in src/ and dist/). */
const BOOTSTRAP = fileURLToPath(new URL('./lambdaBootstrap.js', import.meta.url));

/** Node 20 calls the permission model experimental; Node 22 and later spell the flag `--permission`. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission')
  ? '--permission'
  : '--experimental-permission';

/** The exit code the bootstrap uses when the process's resident memory passes `MemorySize`. */
export const OUT_OF_MEMORY_EXIT = 137;

/**
 * Starts one Lambda execution environment: a Node process running the runtime emulation, talking over IPC.
 *
 * @remarks
 * Isolated as far as Node allows without containers: its own process and process group, only the given
 * environment (`NODE_OPTIONS` is dropped: it could lift the restrictions), its code folder as working directory,
 * and Node's permission model, which limits reads to the code, the bootstrap and `readDirs`, writes to
 * `tmpDir`, and refuses child processes, worker threads, native addons and the inspector. The bootstrap allows
 * signals only to the function's own pid and exits with {@link OUT_OF_MEMORY_EXIT} past `MemorySize`. The
 * caller enforces the timeout (kill it) and reads `exit` for crashes.
 *
 * @example
 * ```ts
 * const child = startFunctionProcess(options);
 * child.on('message', (answer) => console.log(answer));
 * child.send({ id: 'r1', event: {}, context, deadline: Date.now() + 3000 });
 * ```
 * @internal
 */
export function startFunctionProcess(options: FunctionProcessOptions): ChildProcess {
  const { NODE_OPTIONS: _dropped, ...environment } = options.environment;
  const readable = [BOOTSTRAP, options.codeDir, options.tmpDir, ...(options.readDirs ?? [])];
  return spawn(
    process.execPath,
    [
      PERMISSION_FLAG,
      ...readable.map((dir) => `--allow-fs-read=${dir}`),
      `--allow-fs-write=${options.tmpDir}`,
      '--disable-warning=ExperimentalWarning',
      `--max-old-space-size=${options.memorySize}`,
      BOOTSTRAP,
    ],
    {
      cwd: options.codeDir,
      env: {
        ...environment,
        LAMBDA_TASK_ROOT: options.codeDir,
        _HANDLER: options.handler,
        TMPDIR: options.tmpDir,
        STEP_LOCAL_RSS_LIMIT_BYTES: String(options.memorySize * 1024 * 1024),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
      serialization: 'json',
    },
  );
}
