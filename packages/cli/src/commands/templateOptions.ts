import type { Argv } from 'yargs';

/**
 * The options that choose a state machine out of a CloudFormation/SAM template or CDK cloud assembly.
 */
export interface TemplateArgs {
  machine?: string;
  parameter?: string[];
}

/**
 * Add `--machine` (alias `--state-machine`) and `--parameter Name=Value` to a command that reads a definition.
 */
export function withTemplateOptions<T>(y: Argv<T>): Argv<T & TemplateArgs> {
  return y
    .option('machine', {
      alias: 'state-machine',
      describe:
        'Which state machine of a CloudFormation/SAM template or cdk.out: logical id, name or CDK construct id (default: the only one)',
      type: 'string',
    })
    .option('parameter', {
      describe: 'Value of a template parameter, Name=Value (repeatable; default: its Default)',
      type: 'string',
      array: true,
    });
}
