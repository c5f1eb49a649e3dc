import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';

/**
 * Arguments of `step-cli graph`.
 *
 * @example
 * ```ts
 * const args: GraphArgs = { file: 'flow.asl.json', format: 'mermaid' };
 * ```
 */
export interface GraphArgs {
  file: string;
  format: 'dot' | 'mermaid';
  title?: string;
}

/**
 * `step-cli graph <file> [--format dot|mermaid]`: print a definition's states and transitions as a diagram.
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
    y
      .positional('file', { describe: 'Definition file (ASL JSON; - reads standard input) or machine module', type: 'string', demandOption: true })
      .option('format', {
        alias: 'f',
        describe: 'Diagram language',
        choices: ['dot', 'mermaid'] as const,
        default: 'dot' as const,
      })
      .option('title', { describe: 'Graph title (DOT only; default: the file name)', type: 'string' })
      .example('$0 graph flow.asl.json | dot -Tsvg > flow.svg', 'Render with Graphviz')
      .example('$0 graph flow.asl.json --format mermaid', 'Mermaid, for Markdown and GitHub'),
  handler: async (argv) => {
    const io = getIo(argv);
    const { renderGraph } = await import('../run/renderGraph.js');
    const text = await renderGraph(argv.file, { cwd: io.cwd, format: argv.format, title: argv.title, stdin: io.stdin });
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  },
};

export default graphCommand;
