import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExecutionOptions } from '@step/interpreter';
import { ExitError } from '../errors.js';
import type { CliIo } from '../io.js';

/**
 * The file name that means standard input. `runCli` turns a bare `-` argument of validate, graph and exec into it,
 * because yargs drops a bare `-`; it is also how diagnostics name the input (`<stdin>#/States/A/Next`).
 */
export const STDIN = '<stdin>';

/** File extensions loaded as machine modules (through `loadMachineModule` of `@step/lambda`). */
const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']);

/**
 * A definition read from disk: JSON text for ASL files, an object (plus its handlers) for modules.
 *
 * @example
 * ```ts
 * const source: DefinitionSource = await loadDefinitionSource('flow.asl.json', process.cwd());
 * const input = source.kind === 'json' ? source.text : source.definition;
 * ```
 */
export type DefinitionSource =
  | { kind: 'json'; file: string; text: string }
  | { kind: 'module'; file: string; definition: unknown; executionOptions: ExecutionOptions };

/**
 * Whether `file` is a machine module (`.ts`, `.js`, ...) rather than ASL JSON.
 *
 * @example
 * ```ts
 * isModuleFile('src/machine.ts'); // true
 * ```
 */
export function isModuleFile(file: string): boolean {
  return MODULE_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/**
 * Read a definition file (ASL JSON; `-` = standard input) or load a machine module, resolving `file` against `cwd`.
 *
 * @remarks
 * Throws `ExitError` (exit 2) when the file cannot be read or the module cannot be loaded. Does not validate.
 *
 * @example
 * ```ts
 * const source = await loadDefinitionSource('flow.asl.json', process.cwd());
 * ```
 */
export async function loadDefinitionSource(file: string, cwd: string, stdin?: CliIo['stdin']): Promise<DefinitionSource> {
  const absolute = path.resolve(cwd, file);
  if (file !== STDIN && isModuleFile(file)) {
    const { loadMachineModule } = await import('@step/lambda/build');
    try {
      const loaded = await loadMachineModule(absolute);
      return { kind: 'module', file, definition: loaded.definition, executionOptions: loaded.executionOptions };
    } catch (error) {
      throw new ExitError(`Cannot load the machine module "${file}": ${messageOf(error)}`, 2, { cause: error });
    }
  }
  return { kind: 'json', file, text: await readTextFile(file, cwd, 'definition', stdin) };
}

/**
 * Read a UTF-8 text file named on the command line (`-` = `stdin`), or throw an `ExitError` (exit 2) that names it.
 *
 * @example
 * ```ts
 * const text = await readTextFile('input.json', process.cwd(), '--input-file');
 * ```
 */
export async function readTextFile(file: string, cwd: string, what: string, stdin?: CliIo['stdin']): Promise<string> {
  if (file === STDIN) {
    if (!stdin) throw new ExitError(`Cannot read ${what} from standard input ("-") here: name a file instead.`, 2);
    return readAll(stdin);
  }
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : messageOf(error);
    throw new ExitError(`Cannot read ${what} "${file}": ${reason}. Check the path.`, 2, { cause: error });
  }
}

/**
 * Parse JSON text named on the command line, or throw an `ExitError` (exit 2) that says where it came from.
 *
 * @example
 * ```ts
 * parseJsonArgument('{"n": 1}', '--input'); // { n: 1 }
 * ```
 */
export function parseJsonArgument(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExitError(`${what} is not valid JSON: ${messageOf(error)}`, 2, { cause: error });
  }
}

/**
 * The message of an unknown thrown value.
 *
 * @example
 * ```ts
 * messageOf(new Error('boom')); // 'boom'
 * messageOf('plain'); // 'plain'
 * ```
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Read a whole stream as UTF-8 text. */
async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
