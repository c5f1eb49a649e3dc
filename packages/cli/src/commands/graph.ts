import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';
import type { TemplateArgs } from './templateOptions.js';
import { withTemplateOptions } from './templateOptions.js';

/**
 * Arguments of `step-cli graph`.
 */
export interface GraphArgs extends TemplateArgs {
  file: string;
  format: 'dot' | 'mermaid';
  title?: string;
}

/**
 * `step-cli graph <file> [--format dot|mermaid]`: print a definition's states and transitions as a diagram.
 *
 * @remarks
 * Exit 0 when drawn; 2 for an invalid definition, an unreadable file or a usage error. An invalid definition
 * whose only errors are graph errors (unreachable states, targets that name no state, no terminal state) is still
 * drawn on stdout with those problems marked, so you can see them; stderr lists every diagnostic as
 * `file#/pointer: message (CODE)` either way.
 *
 * @example
 * ```ts
 * import graphCommand from './commands/graph.js';
 *
 * yargs().command(graphCommand);
 * ```
 */
const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph <file>',
  describe: 'Print the state graph of a definition as Graphviz DOT or Mermaid',
  builder: (y) =>
    withTemplateOptions(y)
      .positional('file', {
        describe:
          'Definition file (ASL JSON; - reads standard input), CloudFormation/SAM template, cdk.out folder or machine module',
        type: 'string',
        demandOption: true,
      })
      .option('format', {
        alias: 'f',
        describe: 'Diagram language',
        choices: ['dot', 'mermaid'] as const,
        default: 'dot' as const,
      })
      .option('title', { describe: 'Graph title (DOT only; default: the file name)', type: 'string' })
      .example('$0 graph flow.asl.json | dot -Tsvg > flow.svg', 'Render with Graphviz')
      .example('$0 graph flow.asl.json --format mermaid', 'Mermaid, for Markdown and GitHub')
      .example('$0 graph cdk.out --machine OrderFlow --format mermaid', 'A state machine of a CDK app')
      .epilog(
        'Unreachable states are drawn dashed and targets that name no state as red "missing:" nodes; the diagnostics go to stderr and the exit code is 2, as for any invalid definition.',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    const { renderGraph } = await import('../run/renderGraph.js');
    const { toTemplateOptions } = await import('../run/loadDefinitionSource.js');
    const { text, valid, diagnostics, file } = await renderGraph(argv.file, {
      cwd: io.cwd,
      format: argv.format,
      title: argv.title,
      stdin: io.stdin,
      template: toTemplateOptions(argv),
    });
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    if (!valid) {
      const { formatFileDiagnostic } = await import('../output.js');
      const { ExitError } = await import('../errors.js');
      for (const d of diagnostics) io.stderr.write(`${formatFileDiagnostic(file, d)}\n`);
      throw new ExitError(`"${argv.file}" is drawn, but the definition is invalid: fix the problems above.`, 2);
    }
  },
};

export default graphCommand;
