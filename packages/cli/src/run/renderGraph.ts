import path from 'node:path';
import type { Definition, Diagnostic } from '@step/asl';
import { expandTaskFn, validate } from '@step/asl';
import { toDot, toMermaid } from '@step/asl/graph';
import { ExitError } from '../errors.js';
import { formatFileDiagnostic } from '../output.js';
import type { CliIo } from '../io.js';
import type { TemplateOptions } from '@step/asl/template';
import { STDIN, definitionInputOf, loadDefinitionSource, locateSourceDiagnostics } from './loadDefinitionSource.js';

/**
 * Diagnostic codes that a diagram shows rather than hides: a target that names no state (drawn as a red
 * `missing:` node), an unreachable state (drawn dashed and grey) and a scope with no terminal state (a loop
 * you can see). A definition whose only errors have these codes is still drawn.
 *
 * @example
 * ```ts
 * DRAWABLE_ERROR_CODES.has('MISSING_TRANSITION_TARGET'); // true
 * ```
 */
export const DRAWABLE_ERROR_CODES: ReadonlySet<string> = new Set(['MISSING_TRANSITION_TARGET', 'MISSING_END_STATE']);

/**
 * Options of {@link renderGraph}.
 */
export interface RenderGraphOptions {
  cwd: string;
  format: 'dot' | 'mermaid';
  /** DOT graph title; defaults to the file's base name. */
  title?: string;
  /** Read when `file` is `-`. */
  stdin?: CliIo['stdin'];
  /** Which state machine of a template or cdk.out, and its parameters (`--machine`, `--parameter`). */
  template?: TemplateOptions;
}

/**
 * A drawn definition: the diagram text and what validation said about the definition.
 */
export interface GraphRendering {
  /** Graphviz DOT or Mermaid text. */
  text: string;
  /** false when the definition has errors the diagram shows (see {@link DRAWABLE_ERROR_CODES}). */
  valid: boolean;
  /** Every diagnostic of the definition, warnings included. */
  diagnostics: Diagnostic[];
  /** The file the diagnostics point into (for a template: the template, or its DefinitionUri file). */
  file: string;
}

/**
 * Render a definition file's state graph as Graphviz DOT or Mermaid text.
 *
 * @remarks
 * A definition whose only errors are graph errors (unreachable states, targets that name no state, no terminal
 * state) is drawn with those problems marked and `valid: false`: that is when a picture helps most. Any other
 * error throws `ExitError` (exit 2) listing the diagnostics, as does a file that cannot be read.
 */
export async function renderGraph(file: string, options: RenderGraphOptions): Promise<GraphRendering> {
  const source = await loadDefinitionSource(file, options.cwd, options.stdin, options.template);
  const result = validate(definitionInputOf(source));
  const located = locateSourceDiagnostics(source, result.diagnostics);
  let definition: Definition;
  if (result.ok) {
    definition = result.definition;
  } else {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (!errors.every((d) => DRAWABLE_ERROR_CODES.has(d.code))) {
      const lines = located.diagnostics.map((d) => formatFileDiagnostic(located.file, d));
      throw new ExitError(`Cannot draw "${file}": the definition is invalid.\n${lines.join('\n')}`, 2);
    }
    // Only graph errors: the input parsed to an object with a sound structure.
    const parsed: unknown = source.kind === 'module' ? source.definition : JSON.parse(source.text);
    definition = expandTaskFn(parsed as Definition);
  }
  const title =
    source.kind === 'template' ? source.loaded.machine.logicalId : file === STDIN ? 'stdin' : path.basename(file);
  const text =
    options.format === 'mermaid' ? toMermaid(definition) : toDot(definition, { title: options.title ?? title });
  return { text, valid: result.ok, diagnostics: located.diagnostics, file: located.file };
}
