import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/io.js';

/** Folder of the CLI's test fixtures. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** What one in-process run of step-cli produced. */
export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run step-cli in-process with `args`, relative paths resolved against `cwd` (default: the fixtures);
 * `stdin` is what standard input (`-`) reads.
 */
export async function runStep(args: string[], cwd: string = FIXTURES, stdin?: string): Promise<StepRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env: {},
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
