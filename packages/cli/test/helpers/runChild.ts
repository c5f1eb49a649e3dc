import { spawn } from 'node:child_process';

/** Options of {@link runChild}. */
export interface RunChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process (and everything it started) after this long. */
  timeoutMs: number;
}

/** How much of the end of a child's output a failure quotes. */
const TAIL_CHARS = 4000;

/**
 * Runs a command to completion and returns its output, or rejects with an error that says what it was doing: the
 * command line, its cwd, why it stopped (exit code, signal, or the deadline) and the tail of its output.
 *
 * @remarks
 * The child gets its own process group, and at the deadline the whole group is killed (SIGKILL), so an `npm
 * install` that retries an unreachable registry for minutes, or its own children, never keeps jest waiting.
 *
 * @example
 * ```ts
 * const { stdout } = await runChild('npm', ['--version'], { cwd: process.cwd(), timeoutMs: 30_000 });
 * ```
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: RunChildOptions,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output = (output + chunk).slice(-TAIL_CHARS);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      output = (output + chunk).slice(-TAIL_CHARS);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    const describe = (why: string): Error =>
      new Error(
        `"${[command, ...args].join(' ')}" (cwd ${options.cwd}) ${why}.\n` +
          `Last output:\n${output.trim() === '' ? '(none)' : output.trimEnd()}`,
      );
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(describe(`could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(describe(`did not finish within ${options.timeoutMs / 1000} s and was killed`));
      else if (code !== 0) reject(describe(signal === null ? `exited with code ${code}` : `was killed by ${signal}`));
      else resolve({ stdout, stderr });
    });
  });
}
