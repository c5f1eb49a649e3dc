import type { CommandModule } from 'yargs';
import type { AwsClientsFactory } from '@step/deployer';
import type { CliIo } from '../io.js';
import { getIo } from '../io.js';
import { clientsFor } from './deploy.js';

/** Arguments of `step-cli deployer-policy`. */
export interface DeployerPolicyArgs {
  bucket?: string;
  account?: string;
  region?: string;
  'function-name': string;
  'assume-role-name': string;
  'target-account'?: string[];
  'assumed-role': boolean;
  'deployer-role-arn'?: string;
  profile?: string;
}

/**
 * Print the IAM policy for `step-cli deployer-policy`.
 *
 * @internal
 */
export async function runDeployerPolicyCommand(
  argv: DeployerPolicyArgs,
  io: CliIo,
  clients: AwsClientsFactory,
): Promise<void> {
  const { createDeployerPolicy, createAssumedRolePolicy } = await import('@step/deployer');
  const { ExitError } = await import('../errors.js');
  let account = argv.account;
  if (!account) {
    try {
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      account = (await clients(argv.region).sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch {
      account = undefined;
    }
    if (!account) throw new ExitError('Could not find your AWS account; pass --account', 2);
  }
  const bucket = argv.bucket ?? `step-deployer-${account}`;
  if (argv['assumed-role']) {
    const deployerRoleArn = argv['deployer-role-arn'];
    if (!deployerRoleArn)
      throw new ExitError('--assumed-role needs --deployer-role-arn (the deployer Lambda role to trust)', 2);
    const out = createAssumedRolePolicy({
      account,
      bucket,
      deployerRoleArn,
      ...(argv.region ? { region: argv.region } : {}),
    });
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const policy = createDeployerPolicy({
    bucket,
    account,
    functionName: argv['function-name'],
    assumeRoleName: argv['assume-role-name'],
    ...(argv['target-account'] ? { targetAccounts: argv['target-account'] } : {}),
    ...(argv.region ? { region: argv.region } : {}),
  });
  io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
}

/**
 * `step-cli deployer-policy`: print the least-privilege IAM policy of the step-deployer's role.
 *
 * @example
 * ```ts
 * import deployerPolicyCommand from './commands/deployerPolicy.js';
 *
 * yargs().command(deployerPolicyCommand);
 * ```
 */
const deployerPolicyCommand: CommandModule<object, DeployerPolicyArgs> = {
  command: 'deployer-policy',
  describe: "Print the least-privilege IAM policy of the step-deployer's Lambda role (or of its cross-account role)",
  builder: (y) =>
    y
      .option('bucket', { describe: 'Release bucket (default step-deployer-<account>)', type: 'string' })
      .option('account', { describe: 'Account of the deployer and its resources (default: from STS)', type: 'string' })
      .option('region', { describe: 'Region, for the partition (aws, aws-cn, aws-us-gov)', type: 'string' })
      .option('profile', { describe: 'Named AWS profile used to look up the account', type: 'string' })
      .option('function-name', {
        describe: "The deployer Lambda's name, for its log group",
        type: 'string',
        default: 'step-deployer',
      })
      .option('assume-role-name', {
        describe: 'Role the deployer assumes in target accounts',
        type: 'string',
        default: 'step-deployer-assumed',
      })
      .option('target-account', {
        describe: 'Another account the deployer deploys to (repeatable)',
        type: 'string',
        array: true,
      })
      .option('assumed-role', {
        describe: 'Print the policy and trust policy of the role to create in a target account instead',
        type: 'boolean',
        default: false,
      })
      .option('deployer-role-arn', {
        describe: "With --assumed-role: the deployer Lambda role's ARN to trust",
        type: 'string',
      })
      .example('$0 deployer-policy --account 123456789012 > policy.json', 'Policy of the deployer role')
      .example(
        '$0 deployer-policy --account 222222222222 --bucket step-deployer-123456789012 --assumed-role --deployer-role-arn arn:aws:iam::123456789012:role/step-deployer',
        'Role to create in a target account',
      ),
  handler: async (argv) => {
    const io = getIo(argv);
    await runDeployerPolicyCommand(argv, io, await clientsFor(argv, io));
  },
};

export default deployerPolicyCommand;
