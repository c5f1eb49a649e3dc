import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { TextLocation } from '../locateDiagnostics.js';
import type { DefinitionOrigin, TemplateOptions } from './extractStateMachine.js';
import { extractStateMachine } from './extractStateMachine.js';
import type { TemplateStateMachine } from './listStateMachines.js';
import { listStateMachines } from './listStateMachines.js';
import { parseTemplate } from './parseTemplate.js';
import { selectStateMachine } from './selectStateMachine.js';

/**
 * Options of {@link loadStateMachine}.
 *
 * @example
 * ```ts
 * const options: LoadStateMachineOptions = { machine: 'OrderFlow', cwd: process.cwd() };
 * ```
 */
export interface LoadStateMachineOptions extends TemplateOptions {
  /** Directory a relative `file` is resolved against; default `process.cwd()`. */
  cwd?: string;
}

/**
 * A state machine definition read out of a template: the JSON text, which resource it is and where it came from.
 *
 * @example
 * ```ts
 * const loaded = loadStateMachine('template.yaml');
 * if (loaded.ok) console.log(loaded.machine.logicalId, loaded.origin.property);
 * ```
 */
export interface LoadedStateMachine {
  ok: true;
  /** The template file that holds the machine (for a cloud assembly, the stack's template file), as given or relative to cwd. */
  file: string;
  /** The ASL definition as JSON text, intrinsics evaluated and substitutions applied (not yet validated). */
  definition: string;
  machine: TemplateStateMachine;
  origin: DefinitionOrigin;
  /** For `DefinitionUri`: the ASL file, resolved against the template's folder and shown like `file`. */
  definitionFile?: string;
  /** Warnings about the template (errors make `ok` false). */
  diagnostics: Diagnostic[];
  /** Line and column of each pointer of the template. */
  locations: Map<string, TextLocation>;
}

/**
 * The result of {@link loadStateMachine}.
 *
 * @example
 * ```ts
 * const result: LoadStateMachineResult = loadStateMachine('cdk.out', { machine: 'OrderFlow' });
 * ```
 */
export type LoadStateMachineResult = LoadedStateMachine | { ok: false; file: string; diagnostics: Diagnostic[] };

/** A stack of a cloud assembly: its template file and environment. */
interface AssemblyStack {
  stackName: string;
  templateFile: string;
  region?: string;
  accountId?: string;
  /**
   * Construct paths by logical id, from the stack's metadata in the assembly (`manifest.json` or its
   * `additionalMetadataFile`): what names a machine when the template carries no `aws:cdk:path` (an app synthesised
   * with `app.synth()` rather than the CDK CLI, or with path metadata turned off).
   */
  constructPaths?: Map<string, string>;
}

/**
 * Read one state machine definition out of a CloudFormation or SAM template (JSON or YAML) or a CDK cloud assembly
 * folder (`cdk.out`, after `cdk synth`).
 *
 * @remarks
 * Reads files synchronously (so a test module can build its machine at import time); the rest is
 * {@link parseTemplate}, {@link listStateMachines}, {@link selectStateMachine} and {@link extractStateMachine}.
 * In a cloud assembly, every `aws:cloudformation:stack` artifact of `manifest.json` (nested `cdk:cloud-assembly`
 * stages too) is searched, and its `environment` gives `AWS::Region` and `AWS::AccountId` unless the options do.
 * Never throws for a user's mistake: problems are diagnostics (JSON pointers into the template, with line and column).
 *
 * @example
 * ```ts
 * import { loadStateMachine } from '@step/asl/template';
 *
 * const result = loadStateMachine('template.yaml', { machine: 'OrderFlow' });
 * if (result.ok) console.log(JSON.parse(result.definition));
 * else for (const d of result.diagnostics) console.error(`${result.file}#${d.path}: ${d.message}`);
 * ```
 */
export function loadStateMachine(file: string, options: LoadStateMachineOptions = {}): LoadStateMachineResult {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const show = (p: string): string => (path.isAbsolute(file) ? p : path.relative(cwd, p) || '.');
  let stacks: AssemblyStack[] | undefined;
  if (isDirectory(absolute)) {
    const assembly = readCloudAssembly(absolute, show);
    if (!assembly.ok) return { ok: false, file: assembly.file, diagnostics: assembly.diagnostics };
    stacks = assembly.stacks;
  }
  const templates: { file: string; stack?: AssemblyStack }[] = stacks
    ? stacks.map((stack) => ({ file: stack.templateFile, stack }))
    : [{ file: absolute }];
  const parsed = [];
  for (const t of templates) {
    const text = readText(t.file);
    if (typeof text !== 'string') return { ok: false, file: show(t.file), diagnostics: [text] };
    const result = parseTemplate(text);
    if (!result.ok) return { ok: false, file: show(t.file), diagnostics: result.diagnostics };
    parsed.push({
      ...t,
      ...result,
      machines: listStateMachines(result.template, {
        file: show(t.file),
        ...(t.stack ? { stackName: t.stack.stackName } : {}),
      }).map((machine) => {
        const cdkPath = t.stack?.constructPaths?.get(machine.logicalId);
        return machine.cdkPath === undefined && cdkPath !== undefined ? { ...machine, cdkPath } : machine;
      }),
    });
  }
  const picked = selectStateMachine(
    parsed.flatMap((p) => p.machines),
    options.machine,
    `"${file}"`,
  );
  if (!picked.ok) {
    const only = parsed.length === 1 ? parsed[0] : undefined;
    const diagnostics = only === undefined ? picked.diagnostics : locateInTemplate(picked.diagnostics, only.locations);
    return { ok: false, file: show(only?.file ?? absolute), diagnostics };
  }
  const { machine } = picked;
  const source = parsed.find((p) => p.machines.includes(machine));
  if (source === undefined) throw new Error('unreachable: the selected machine comes from a parsed template');
  const folder = path.dirname(source.file);
  const extracted = extractStateMachine(source.template, machine, {
    ...options,
    ...(options.region === undefined && source.stack?.region !== undefined ? { region: source.stack.region } : {}),
    ...(options.accountId === undefined && source.stack?.accountId !== undefined
      ? { accountId: source.stack.accountId }
      : {}),
    readDefinitionUri: (uri) => readFileSync(path.resolve(folder, uri), 'utf8'),
  });
  const locate = (diagnostics: Diagnostic[]): Diagnostic[] => locateInTemplate(diagnostics, source.locations);
  if (!extracted.ok) return { ok: false, file: show(source.file), diagnostics: locate(extracted.diagnostics) };
  const loaded: LoadedStateMachine = {
    ok: true,
    file: show(source.file),
    definition: extracted.definition,
    machine,
    origin: extracted.origin,
    diagnostics: locate(extracted.diagnostics),
    locations: source.locations,
  };
  if (extracted.origin.uri !== undefined) loaded.definitionFile = show(path.resolve(folder, extracted.origin.uri));
  return loaded;
}

/**
 * The diagnostics of validating a loaded definition, pointed into the file to fix: for an inline `Definition`, pointers and
 * lines of the template itself; for `DefinitionUri`, the ASL file; for `DefinitionString`, pointers into the string.
 *
 * @remarks
 * Pure. Returns the label to print each diagnostic with (`file#pointer`).
 *
 * @example
 * ```ts
 * const loaded = loadStateMachine('template.yaml');
 * if (loaded.ok) {
 *   const { file, diagnostics } = toTemplateDiagnostics(loaded, validate(loaded.definition).diagnostics);
 * }
 * ```
 */
export function toTemplateDiagnostics(
  loaded: LoadedStateMachine,
  diagnostics: readonly Diagnostic[],
): { file: string; diagnostics: Diagnostic[] } {
  const { origin } = loaded;
  if (origin.property === 'DefinitionUri')
    return { file: loaded.definitionFile ?? loaded.file, diagnostics: [...diagnostics] };
  if (origin.property === 'DefinitionString') {
    return {
      file: `${loaded.file} (DefinitionString of "${loaded.machine.logicalId}")`,
      diagnostics: [...diagnostics],
    };
  }
  const rebased = diagnostics.map((d) => {
    const { line: _line, column: _column, ...rest } = d;
    return { ...rest, path: `${origin.pointer}${d.path}` };
  });
  return { file: loaded.file, diagnostics: locateInTemplate(rebased, loaded.locations) };
}

/** Adds the line and column of each diagnostic's pointer (or its nearest located parent). */
function locateInTemplate(diagnostics: readonly Diagnostic[], locations: Map<string, TextLocation>): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    let pointer = d.path;
    let at = locations.get(pointer);
    while (at === undefined && pointer !== '') {
      pointer = pointer.slice(0, pointer.lastIndexOf('/'));
      at = locations.get(pointer);
    }
    return at === undefined ? d : { ...d, line: at.line, column: at.column };
  });
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readText(file: string): string | Diagnostic {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : error instanceof Error
            ? error.message
            : String(error);
    return {
      code: 'TEMPLATE_UNREADABLE',
      severity: 'error',
      path: '',
      message: `cannot read the template (${reason}); check the path`,
    };
  }
}

type AssemblyResult = { ok: true; stacks: AssemblyStack[] } | { ok: false; file: string; diagnostics: Diagnostic[] };

/** The stacks of a CDK cloud assembly folder, from its manifest.json (nested assemblies of stages included). */
function readCloudAssembly(dir: string, show: (p: string) => string): AssemblyResult {
  const manifestFile = path.join(dir, 'manifest.json');
  const fail = (message: string, pointer = ''): AssemblyResult => ({
    ok: false,
    file: show(manifestFile),
    diagnostics: [{ code: 'CLOUD_ASSEMBLY_INVALID', severity: 'error', path: pointer, message }],
  });
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as unknown;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? fail(
          `"${show(dir)}" is a folder without manifest.json; name a CDK cloud assembly (the cdk.out folder "cdk synth" writes) or a template file`,
        )
      : fail(
          `manifest.json is not valid JSON (${error instanceof Error ? error.message : String(error)}); run "cdk synth" again`,
        );
  }
  const artifacts = (manifest as { artifacts?: unknown } | null)?.artifacts;
  if (typeof artifacts !== 'object' || artifacts === null)
    return fail('manifest.json has no "artifacts"; run "cdk synth" again', '/artifacts');
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts as Record<string, unknown>)) {
    const a = artifact as {
      type?: unknown;
      environment?: unknown;
      properties?: Record<string, unknown>;
      metadata?: unknown;
      additionalMetadataFile?: unknown;
    } | null;
    if (a?.type === 'aws:cloudformation:stack') {
      const templateFile = a.properties?.templateFile;
      if (typeof templateFile !== 'string')
        return fail(`stack artifact "${id}" has no properties.templateFile; run "cdk synth" again`, `/artifacts/${id}`);
      const stack: AssemblyStack = {
        stackName: typeof a.properties?.stackName === 'string' ? a.properties.stackName : id,
        templateFile: path.join(dir, templateFile),
      };
      const constructPaths = readConstructPaths(dir, a);
      if (constructPaths.size > 0) stack.constructPaths = constructPaths;
      const env = typeof a.environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(a.environment) : null;
      if (env?.[1] !== undefined && env[1] !== 'unknown-account') stack.accountId = env[1];
      if (env?.[2] !== undefined && env[2] !== 'unknown-region') stack.region = env[2];
      stacks.push(stack);
    } else if (a?.type === 'cdk:cloud-assembly' && typeof a.properties?.directoryName === 'string') {
      const nested = readCloudAssembly(path.join(dir, a.properties.directoryName), show);
      if (!nested.ok) return nested;
      stacks.push(...nested.stacks);
    }
  }
  return { ok: true, stacks };
}

/**
 * Logical id → construct path (`OrdersStack/OrderFlow/Resource`) from a stack artifact's `aws:cdk:logicalId`
 * metadata entries: in `manifest.json` itself (older CDK) or in its `additionalMetadataFile` (CDK 2.17x and later).
 * A metadata file that cannot be read only loses the paths, never the machines.
 */
function readConstructPaths(
  dir: string,
  artifact: { metadata?: unknown; additionalMetadataFile?: unknown },
): Map<string, string> {
  const paths = new Map<string, string>();
  const add = (metadata: unknown): void => {
    if (typeof metadata !== 'object' || metadata === null) return;
    for (const [constructPath, entries] of Object.entries(metadata as Record<string, unknown>)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries as { type?: unknown; data?: unknown }[]) {
        if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string')
          paths.set(entry.data, constructPath.replace(/^\//, ''));
      }
    }
  };
  add(artifact.metadata);
  if (typeof artifact.additionalMetadataFile === 'string') {
    try {
      add(JSON.parse(readFileSync(path.join(dir, artifact.additionalMetadataFile), 'utf8')) as unknown);
    } catch {
      // The paths are a convenience for choosing a machine; the logical id and name still work.
    }
  }
  return paths;
}
