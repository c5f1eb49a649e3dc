import { format } from 'node:util';

/** The console methods that print on standard output (`warn`, `error` and `trace` already use standard error). */
const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'table'] as const;

/**
 * Send what task handlers print with `console.log`, `console.info`, `console.debug`, `console.dir` and `console.table` to
 * `stream` until the returned function is called, so that `step-cli exec --json` keeps standard output for its JSON.
 *
 * @remarks
 * Output written straight to `process.stdout.write` is not redirected.
 */
export function redirectConsole(stream: { write(chunk: string): unknown }): () => void {
  const methods = console as unknown as Record<string, unknown>;
  const saved = STDOUT_METHODS.map((name) => [name, methods[name]] as const);
  for (const name of STDOUT_METHODS) {
    console[name] = (...args: unknown[]): void => {
      stream.write(`${format(...args)}\n`);
    };
  }
  return () => {
    for (const [name, method] of saved) methods[name] = method;
  };
}
