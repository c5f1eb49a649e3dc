import type { CommandModule } from 'yargs';
import { getIo } from '../io.js';

/** Arguments of `step-cli package`. */
export interface PackageArgs {
  module: string;
  out: string;
  external?: string[];
  minify: boolean;
  json: boolean;
}

/**
 * `step-cli package <module> [--out lambda.zip]`: bundle a handler module into a reproducible Lambda zip.
 *
 * @remarks
 * The zip holds `index.mjs` (handler `index.handler`); the same sources give the same bytes. Prints
 * `<sha256>  <zip path>` (the `sha256sum` format), or `{"sha256","outFile","bytes"}` with `--json`.
 *
 * @example
 * ```ts
 * import packageCommand from './commands/package.js';
 *
 * yargs().command(packageCommand);
 * ```
 */
const packageCommand: CommandModule<object, PackageArgs> = {
  command: 'package <module>',
  describe: 'Bundle a handler module and its dependencies into a reproducible lambda.zip and print its SHA-256',
  builder: (y) =>
    y
      .positional('module', {
        describe: 'Module that exports `handler` (for example `export const handler = machine.handler`)',
        type: 'string',
        demandOption: true,
      })
      .option('out', { alias: 'o', describe: 'Zip file to write', type: 'string', default: 'lambda.zip' })
      .option('external', {
        describe: 'Package to leave out of the bundle (repeatable), e.g. @aws-sdk/* provided by the runtime',
        type: 'string',
        array: true,
      })
      .option('minify', {
        describe: 'Minify the bundle (smaller, less readable stack traces)',
        type: 'boolean',
        default: false,
      })
      .option('json', { describe: 'Print {"sha256","outFile","bytes"} as JSON', type: 'boolean', default: false })
      .example(
        '$0 package src/machine.ts',
        'Write lambda.zip; handler setting: index.handler, runtime nodejs20.x or later',
      )
      .example('$0 package src/machine.ts --out dist/lambda.zip --external "@aws-sdk/*"', "Use the runtime's AWS SDK"),
  handler: async (argv) => {
    const io = getIo(argv);
    const { packageMachine } = await import('../module/packageMachine.js');
    const result = await packageMachine({
      file: argv.module,
      cwd: io.cwd,
      out: argv.out,
      ...(argv.external === undefined ? {} : { external: argv.external }),
      minify: argv.minify,
    });
    io.stdout.write(argv.json ? `${JSON.stringify(result)}\n` : `${result.sha256}  ${result.outFile}\n`);
  },
};

export default packageCommand;
