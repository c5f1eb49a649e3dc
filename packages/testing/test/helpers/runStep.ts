import { execFile } from 'node:child_process';

/** What a finished child process printed. */
export interface StepOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs one step of a slow test as a child process with a timeout that kills it; a failure names the step, the
 * command, how it ended and the end of its output.
 */
export function runStep(
  what: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<StepOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr });
          return;
        }
        const how = error.killed
          ? `was killed after ${options.timeoutMs / 1000}s`
          : error.code === 'ENOENT'
            ? `could not start: "${command}" is not on the PATH (run the test through pnpm)`
            : `exited with ${String(error.code)}`;
        const tail = (s: string) => s.split('\n').slice(-40).join('\n');
        reject(
          new Error(
            `${what}: \`${command} ${args.join(' ')}\` in ${options.cwd} ${how}.\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
          ),
        );
      },
    );
  });
}

/**
 * The environment for npm and the test runners of a scratch project: registry, proxy and certificate settings
 * (`npm_config_*`, `NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE`) pass through; pnpm's other `npm_*` variables, the
 * workspace's `NODE_OPTIONS` and a coverage run's `STEP_COVERAGE_DIR` do not.
 */
export function scratchEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_/i;
  const drop = new Set(['NODE_OPTIONS', 'STEP_COVERAGE_DIR', 'JEST_WORKER_ID', 'INIT_CWD']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !drop.has(k) && (!/^npm_/i.test(k) || keep.test(k))),
  );
}
