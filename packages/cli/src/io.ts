/**
 * Where a command writes, and what it reads its relative paths against.
 *
 * @remarks
 * `runCli` passes it to every command handler as the yargs context key `io`; read it with {@link getIo}.
 * Tests pass their own to capture output without spawning a process.
 */
export interface CliIo {
  /** Results (what scripts pipe on). */
  stdout: { write(chunk: string): unknown };
  /** Messages for people: diagnostics, errors, progress. */
  stderr: { write(chunk: string): unknown };
  /** Directory that relative file arguments are resolved against. */
  cwd: string;
  /** Environment variables visible to the command. */
  env: Record<string, string | undefined>;
  /** Standard input, read when a file argument is `-` (absent: `-` is refused). */
  stdin?: AsyncIterable<string | Uint8Array>;
}

/**
 * The process's own streams, working directory and environment.
 */
export function processIo(): CliIo {
  // process.stdin is touched only when read: creating it for every command could hold a terminal open.
  const stdin: AsyncIterable<string | Uint8Array> = {
    [Symbol.asyncIterator]: () => (process.stdin as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator](),
  };
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, stdin };
}

/**
 * The {@link CliIo} of the current run, read from a command handler's parsed arguments.
 *
 * @remarks
 * Falls back to {@link processIo} when the handler runs outside `runCli`.
 */
export function getIo(argv: object): CliIo {
  const io = (argv as { io?: unknown }).io;
  return isCliIo(io) ? io : processIo();
}

function isCliIo(value: unknown): value is CliIo {
  return typeof value === 'object' && value !== null && 'stdout' in value && 'stderr' in value && 'cwd' in value;
}
