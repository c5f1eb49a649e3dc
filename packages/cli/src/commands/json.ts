import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';
import type { TemplateArgs } from './templateOptions.js';
import { withTemplateOptions } from './templateOptions.js';

/** Arguments of `step-cli json`. */
export interface JsonArgs extends TemplateArgs {
  module: string;
  'lambda-arn'?: string;
  lambdaArn?: string;
  compact: boolean;
}

/**
 * `step-cli json <module>`: print the deployable definition of a machine module.
 *
 * @remarks
 * TaskFn states come out as Task states with the `{"Task", "Input.$"}` envelope; their Resource is the
 * `--lambda-arn`, or the `arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}` template that
 * `deploy` fills in (a TaskFn with another templated Resource gets those placeholders filled from the ARN).
 * Exit 2 when the module cannot be loaded, its definition is invalid, or `--lambda-arn` is not a Lambda
 * function ARN.
 *
 * @example
 * ```ts
 * import jsonCommand from './commands/json.js';
 *
 * yargs().command(jsonCommand);
 * ```
 */
const jsonCommand: CommandModule<object, JsonArgs> = {
  command: 'json <module>',
  describe:
    'Print the deployable state machine JSON of a machine module, ASL file, template or cdk.out (TaskFn expanded, Resource filled in)',
  builder: (y) =>
    withTemplateOptions(y)
      .positional('module', {
        describe:
          'Machine module (.ts / .js / .mjs) that exports `machine` from defineMachine(), or an ASL file, template or cdk.out folder',
        type: 'string',
        demandOption: true,
      })
      .option('lambda-arn', {
        describe:
          'Lambda ARN for the TaskFn states (default: the {{aws_region}}/{{aws_account}}/{{lambda_name}} template)',
        type: 'string',
      })
      .option('compact', { describe: 'Print the JSON on one line', type: 'boolean', default: false })
      .example('$0 json src/machine.ts > state_machine.json', 'Definition with the Resource template, for deploy')
      .example(
        '$0 json src/machine.ts --lambda-arn arn:aws:lambda:us-east-1:123456789012:function:hello',
        'Definition pointing at a concrete Lambda',
      )
      .example('$0 json flow.asl.json', 'An ASL file, TaskFn states expanded')
      .example('$0 json cdk.out --machine OrderFlow', 'The definition a CDK app synthesises, references as fake ARNs'),
  handler: async (argv) => {
    const io = getIo(argv);
    const { renderMachineJson } = await import('../module/renderMachineJson.js');
    const { toTemplateOptions } = await import('../run/loadDefinitionSource.js');
    const { text } = await renderMachineJson({
      file: argv.module,
      cwd: io.cwd,
      ...(argv.lambdaArn === undefined ? {} : { lambdaArn: argv.lambdaArn }),
      indent: argv.compact ? 0 : 2,
      template: toTemplateOptions(argv),
    });
    io.stdout.write(text);
  },
};

export default jsonCommand;
