import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '@step/asl';
import { locateDiagnostics } from '@step/asl';
import type { LoadedStateMachine, TemplateOptions } from '@step/asl/template';
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

/** File extensions read as CloudFormation/SAM templates (a `.json` file is one when it has `Resources` and no `States`). */
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.template']);

/**
 * A definition read from disk: JSON text for ASL files, an object (plus its handlers) for modules, and for a
 * CloudFormation/SAM template or CDK cloud assembly the JSON text of the chosen state machine and where it came from.
 */
export type DefinitionSource =
  | { kind: 'json'; file: string; text: string }
  | {
      kind: 'template';
      file: string;
      text: string;
      loaded: LoadedStateMachine;
      /** `toTemplateDiagnostics` of `@step/asl/template` (loaded only when a template is read). */
      locate: (diagnostics: Diagnostic[]) => { file: string; diagnostics: Diagnostic[] };
    }
  | { kind: 'module'; file: string; definition: unknown; executionOptions: ExecutionOptions };

/**
 * What to hand to `validate` or `compileMachine` for a source: JSON text (so parse errors get a line) or the module's object.
 */
export function definitionInputOf(source: DefinitionSource): unknown {
  return source.kind === 'module' ? source.definition : source.text;
}

/**
 * The diagnostics of a source's definition, pointed into the file the user edits (for a template: JSON pointers and lines
 * of the template itself, or the DefinitionUri file), with the name to print them with.
 */
export function locateSourceDiagnostics(
  source: DefinitionSource,
  diagnostics: Diagnostic[],
): { file: string; diagnostics: Diagnostic[] } {
  if (source.kind === 'json') return { file: source.file, diagnostics: locateDiagnostics(source.text, diagnostics) };
  if (source.kind === 'module') return { file: source.file, diagnostics };
  const located = source.locate(diagnostics);
  return { file: located.file, diagnostics: [...source.loaded.diagnostics, ...located.diagnostics] };
}

/**
 * Whether `file` is a machine module (`.ts`, `.js`, ...) rather than ASL JSON.
 */
export function isModuleFile(file: string): boolean {
  return MODULE_EXTENSIONS.has(path.extname(file).toLowerCase());
}

/**
 * Read a definition file (ASL JSON; `-` = standard input), a CloudFormation/SAM template (YAML or JSON) or CDK cloud
 * assembly folder (`cdk.out`), or load a machine module, resolving `file` against `cwd`.
 *
 * @remarks
 * Throws `ExitError` (exit 2) when the file cannot be read, the module cannot be loaded, or no state machine can be read
 * out of the template (the message lists the template's diagnostics, such as the machines to choose from with
 * `--machine`). Does not validate the definition.
 */
export async function loadDefinitionSource(
  file: string,
  cwd: string,
  stdin?: CliIo['stdin'],
  template: TemplateOptions = {},
): Promise<DefinitionSource> {
  const absolute = path.resolve(cwd, file);
  if (file !== STDIN && (TEMPLATE_EXTENSIONS.has(path.extname(file).toLowerCase()) || (await isDirectory(absolute)))) {
    return loadTemplateSource(file, cwd, template);
  }
  if (file !== STDIN && isModuleFile(file)) {
    const { loadMachineModule } = await import('@step/lambda/build');
    try {
      const loaded = await loadMachineModule(absolute);
      return { kind: 'module', file, definition: loaded.definition, executionOptions: loaded.executionOptions };
    } catch (error) {
      throw new ExitError(`Cannot load the machine module "${file}": ${messageOf(error)}`, 2, { cause: error });
    }
  }
  const text = await readTextFile(file, cwd, 'definition', stdin);
  if (file !== STDIN && looksLikeTemplate(text)) return loadTemplateSource(file, cwd, template);
  if (template.machine !== undefined) {
    throw new ExitError(
      `--machine chooses a state machine of a CloudFormation/SAM template or cdk.out, and "${file}" is a definition; drop --machine.`,
      2,
    );
  }
  return { kind: 'json', file, text };
}

/** Whether JSON text is a CloudFormation template rather than an ASL definition: an object with `Resources` and no `States`. */
function looksLikeTemplate(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && 'Resources' in value && !('States' in value);
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

async function loadTemplateSource(file: string, cwd: string, options: TemplateOptions): Promise<DefinitionSource> {
  const { loadStateMachine, toTemplateDiagnostics } = await import('@step/asl/template');
  const loaded = loadStateMachine(file, { ...options, cwd });
  if (!loaded.ok) {
    const { formatFileDiagnostic } = await import('../output.js');
    const lines = loaded.diagnostics.map((d) => `  ${formatFileDiagnostic(loaded.file, d)}`);
    throw new ExitError(`Cannot read a state machine out of "${file}"; fix this:\n${lines.join('\n')}`, 2);
  }
  return {
    kind: 'template',
    file,
    text: loaded.definition,
    loaded,
    locate: (diagnostics) => toTemplateDiagnostics(loaded, diagnostics),
  };
}

/**
 * The template options of `--machine` and `--parameter Name=Value`, or an `ExitError` (exit 2) for a malformed parameter.
 */
export function toTemplateOptions(args: { machine?: string; parameter?: string[] }): TemplateOptions {
  const options: TemplateOptions = {};
  if (args.machine !== undefined) options.machine = args.machine;
  if (args.parameter !== undefined) {
    const parameters: Record<string, string> = {};
    for (const entry of args.parameter) {
      const at = entry.indexOf('=');
      if (at <= 0)
        throw new ExitError(`--parameter "${entry}" is not Name=Value; write it as --parameter Stage=test.`, 2);
      parameters[entry.slice(0, at)] = entry.slice(at + 1);
    }
    options.parameters = parameters;
  }
  return options;
}

/**
 * Read a UTF-8 text file named on the command line (`-` = `stdin`), or throw an `ExitError` (exit 2) that names it.
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
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : messageOf(error);
    throw new ExitError(`Cannot read ${what} "${file}": ${reason}. Check the path.`, 2, { cause: error });
  }
}

/**
 * Parse JSON text named on the command line, or throw an `ExitError` (exit 2) that says where it came from.
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
