import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { defineMachine } from '@step/lambda';
import type { StepMachine } from '@step/lambda';
import { createAwsClients } from '../awsClients.js';
import type { AwsClientsFactory } from '../awsClients.js';
import { createDeployerHandlers } from '../createDeployerHandlers.js';
import { DEPLOYER_DEFINITION } from '../deployerDefinition.js';

/**
 * Options of {@link createDeployerMachine}; each defaults to an environment variable of the Lambda.
 *
 * @example
 * ```ts
 * import type { DeployerMachineOptions } from '@step/deployer/lambda';
 *
 * const options: DeployerMachineOptions = { env: { AWS_REGION: 'us-east-1' } };
 * ```
 */
export interface DeployerMachineOptions {
  /** Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default {@link createAwsClients}. */
  clients?: AwsClientsFactory;
}

/**
 * The step-deployer as a `StepMachine` (@step/lambda): its definition and the handlers of its TaskFn states.
 *
 * @remarks
 * Configured from the environment: `AWS_REGION` (set by Lambda), `STEP_DEPLOYER_ACCOUNT_ID` (default: STS
 * GetCallerIdentity, once), `STEP_DEPLOYER_BUCKET_PREFIX` (default `step-deployer-`) and
 * `STEP_DEPLOYER_ASSUME_ROLE` (default `step-deployer-assumed`).
 *
 * @example
 * ```ts
 * import { createDeployerMachine } from '@step/deployer/lambda';
 *
 * const machine = createDeployerMachine({ env: { AWS_REGION: 'us-east-1', STEP_DEPLOYER_ACCOUNT_ID: '123456789012' } });
 * ```
 */
export function createDeployerMachine(options: DeployerMachineOptions = {}): StepMachine {
  const env = options.env ?? process.env;
  const clients = options.clients ?? createAwsClients({ env });
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const handlers = createDeployerHandlers({
    clients,
    region,
    accountId:
      env.STEP_DEPLOYER_ACCOUNT_ID ??
      (async () => {
        const out = await clients(region).sts.send(new GetCallerIdentityCommand({}));
        if (!out.Account) throw new Error('STS GetCallerIdentity returned no account; set STEP_DEPLOYER_ACCOUNT_ID');
        return out.Account;
      }),
    ...(env.STEP_DEPLOYER_BUCKET_PREFIX ? { bucketPrefix: env.STEP_DEPLOYER_BUCKET_PREFIX } : {}),
    ...(env.STEP_DEPLOYER_ASSUME_ROLE ? { assumeRoleName: env.STEP_DEPLOYER_ASSUME_ROLE } : {}),
  });
  return defineMachine({ definition: structuredClone(DEPLOYER_DEFINITION), handlers });
}

/**
 * The step-deployer machine configured from `process.env` (what the deployer Lambda runs).
 *
 * @example
 * ```ts
 * import { machine } from '@step/deployer/lambda';
 *
 * console.log(machine.deployableDefinition('arn:aws:lambda:us-east-1:123456789012:function:step-deployer'));
 * ```
 */
export const machine: StepMachine = createDeployerMachine();

/**
 * The deployer Lambda's handler: dispatches `{"Task": "<state>", "Input": release}` to the step handlers.
 *
 * @example
 * ```ts
 * // Lambda handler setting: index.handler, with index.mjs bundling:
 * export { handler } from '@step/deployer/lambda';
 * ```
 */
export const handler = machine.handler;
