import path from 'node:path';
import { toDot, toMermaid, validate } from '@step/asl';
import { ExitError } from '../errors.js';
import { formatFileDiagnostic } from '../output.js';
import type { CliIo } from '../io.js';
import { STDIN, loadDefinitionSource } from './loadDefinitionSource.js';

/**
 * Options of {@link renderGraph}.
 *
 * @example
 * ```ts
 * const options: RenderGraphOptions = { cwd: process.cwd(), format: 'dot', title: 'Orders' };
 * ```
 */
export interface RenderGraphOptions {
  cwd: string;
  format: 'dot' | 'mermaid';
  /** DOT graph title; defaults to the file's base name. */
  title?: string;
  /** Read when `file` is `-`. */
  stdin?: CliIo['stdin'];
}

/**
 * Render a definition file's state graph as Graphviz DOT or Mermaid text.
 *
 * @remarks
 * Throws `ExitError` (exit 2) listing the diagnostics when the definition is invalid.
 *
 * @example
 * ```ts
 * const dot = await renderGraph('flow.asl.json', { cwd: process.cwd(), format: 'dot' });
 * ```
 */
export async function renderGraph(file: string, options: RenderGraphOptions): Promise<string> {
  const source = await loadDefinitionSource(file, options.cwd, options.stdin);
  const result = validate(source.kind === 'json' ? source.text : source.definition);
  if (!result.ok) {
    const lines = result.diagnostics.map((d) => formatFileDiagnostic(file, d));
    throw new ExitError(`Cannot draw "${file}": the definition is invalid.\n${lines.join('\n')}`, 2);
  }
  return options.format === 'mermaid'
    ? toMermaid(result.definition)
    : toDot(result.definition, { title: options.title ?? (file === STDIN ? 'stdin' : path.basename(file)) });
}
