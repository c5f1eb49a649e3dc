import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';
import type { TemplateArgs } from './templateOptions.js';
import { withTemplateOptions } from './templateOptions.js';

/**
 * Arguments of `step-cli validate`.
 */
export interface ValidateArgs extends TemplateArgs {
  file: string[];
  json: boolean;
  strict: boolean;
}

/**
 * `step-cli validate <file...> [--json]`: check definitions and print every diagnostic.
 *
 * @remarks
 * Exit 0 when every file is valid, 1 when any is not, 2 for usage errors (e.g. a file that cannot be read).
 *
 * @example
 * ```ts
 * import validateCommand from './commands/validate.js';
 *
 * yargs().command(validateCommand);
 * ```
 */
const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <file...>',
  describe:
    'Check state machine definitions (.asl.json, a template or cdk.out, or a .ts/.js machine module) and print every problem',
  builder: (y) =>
    withTemplateOptions(y)
      .positional('file', {
        describe:
          'Definition files (ASL JSON; - reads standard input), CloudFormation/SAM templates, cdk.out folders or machine modules',
        type: 'string',
        array: true,
        demandOption: true,
      })
      .option('json', { describe: 'Print the diagnostics as JSON instead of text', type: 'boolean', default: false })
      .option('strict', {
        describe: 'Treat unknown fields as errors (--no-strict makes them warnings)',
        type: 'boolean',
        default: true,
      })
      .example('$0 validate flow.asl.json', 'Check one definition')
      .example('$0 validate machines/*.asl.json --json', 'Check many, print diagnostics as JSON for tools')
      .example('$0 validate flow.asl.json --no-strict', 'Report unknown fields as warnings only')
      .example('$0 json src/machine.ts | $0 validate -', 'Check a definition piped on standard input')
      .example(
        '$0 validate template.yaml --machine OrderFlow',
        'Check a state machine of a SAM or CloudFormation template',
      )
      .example('$0 validate cdk.out --machine OrderFlow', 'Check a state machine of a CDK app (after cdk synth)'),
  handler: async (argv) => {
    const io = getIo(argv);
    const { validateFiles } = await import('../run/validateFiles.js');
    const { toTemplateOptions } = await import('../run/loadDefinitionSource.js');
    const { printValidation } = await import('../output.js');
    const { ExitError } = await import('../errors.js');
    const result = await validateFiles(argv.file, {
      cwd: io.cwd,
      strict: argv.strict ? true : 'warn',
      stdin: io.stdin,
      template: toTemplateOptions(argv),
    });
    const exitCode = printValidation(result, { json: argv.json, io });
    if (exitCode !== 0) throw new ExitError('', exitCode);
  },
};

export default validateCommand;
