import type { CommandModule } from 'yargs';
import type { AwsClientsFactory } from '@step/deployer';
import type { CliIo } from '../io.js';
import { getIo } from '../io.js';
import { asExitError, clientsFor, releaseOptions, toSourceOptions } from './deploy.js';
import type { ReleaseArgs } from './deploy.js';

/**
 * Run `step-cli bootstrap` with parsed arguments and print what changed.
 *
 * @internal
 */
export async function runBootstrapCommand(argv: ReleaseArgs, io: CliIo, clients: AwsClientsFactory): Promise<void> {
  const { bootstrap } = await import('@step/deployer');
  try {
    const result = await bootstrap(await toSourceOptions(argv, io, clients));
    if (argv.json) io.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
    else
      io.stdout.write(
        `Bootstrapped ${result.stateMachineArn} and ${result.functionArn} (zip sha256 ${result.lambdaSha256})\n`,
      );
  } catch (e) {
    throw await asExitError(e, io.env);
  }
}

/**
 * `step-cli bootstrap`: update a state machine and its function directly, without the deployer.
 *
 * @remarks
 * For the first install of the step-deployer itself (or a project before its deployer exists). Validates the
 * definition, then UpdateStateMachine and UpdateFunctionCode; no locks and no tag checks.
 *
 * @example
 * ```ts
 * import bootstrapCommand from './commands/bootstrap.js';
 *
 * yargs().command(bootstrapCommand);
 * ```
 */
const bootstrapCommand: CommandModule<object, ReleaseArgs> = {
  command: 'bootstrap',
  describe: 'Update a state machine and its Lambda directly (first install of the step-deployer)',
  builder: (y) =>
    releaseOptions(y)
      .example(
        '$0 bootstrap --lambda step-deployer --step step-deployer --module node_modules/@step/deployer/dist/lambda/index.js --zip deployer.zip',
        'Install the step-deployer into existing resources',
      )
      .example(
        '$0 bootstrap --lambda hello --step hello --states hello.asl.json --zip lambda.zip',
        'Direct update of any pair',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    await runBootstrapCommand(argv, io, await clientsFor(argv, io));
  },
};

export default bootstrapCommand;
