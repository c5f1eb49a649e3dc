import { format } from 'node:util';

/** The console methods that print on standard output (`warn`, `error` and `trace` already use standard error). */
const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'table'] as const;

/**
 * Send what task handlers print on standard output (`console.log`, `console.info`, `console.debug`, `console.dir`,
 * `console.table`, and `process.stdout.write` itself) to `stream` until the returned function is called, so that
 * `step-cli exec --json` keeps standard output for its JSON.
 */
export function redirectConsole(stream: { write(chunk: string): unknown }): () => void {
  const methods = console as unknown as Record<string, unknown>;
  const saved = STDOUT_METHODS.map((name) => [name, methods[name]] as const);
  for (const name of STDOUT_METHODS) {
    console[name] = (...args: unknown[]): void => {
      stream.write(`${format(...args)}\n`);
    };
  }
  const stdout = process.stdout as unknown as { write: unknown };
  const write = stdout.write;
  if ((stream as unknown) !== process.stdout) {
    // Keeps write's contract (chunk, encoding?, callback?) so that handlers that wait for the callback go on.
    stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function');
      // An encoding only applies to string chunks (as in Writable.write); bytes are shown as UTF-8 text.
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
      const text =
        typeof chunk !== 'string'
          ? Buffer.from(chunk).toString('utf8')
          : encoding === undefined || encoding === 'utf8' || encoding === 'utf-8'
            ? chunk
            : Buffer.from(chunk, encoding).toString('utf8');
      stream.write(text);
      if (callback) queueMicrotask(() => callback(null));
      return true;
    };
  }
  return () => {
    for (const [name, method] of saved) methods[name] = method;
    stdout.write = write;
  };
}
