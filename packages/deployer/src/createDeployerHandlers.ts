import { resolveContext } from './handlers/DeployerContext.js';
import type { DeployerOptions } from './handlers/DeployerContext.js';
import { deployRelease } from './handlers/deployRelease.js';
import { lockRelease } from './handlers/lockRelease.js';
import { releaseLockFailure } from './handlers/releaseLockFailure.js';
import { validateRelease } from './handlers/validateRelease.js';
import { validateResources } from './handlers/validateResources.js';
import type { LocatedRelease } from './release.js';

/**
 * One deployer step: the state's input (a release) in, the next release out.
 *
 * @example
 * ```ts
 * import type { DeployerHandler } from '@step/deployer';
 *
 * const logged = (h: DeployerHandler): DeployerHandler => (input) => h(input);
 * ```
 */
export type DeployerHandler = (input: unknown) => Promise<LocatedRelease>;

/**
 * The deployer's TaskFn handlers, keyed by state name.
 *
 * @example
 * ```ts
 * import type { DeployerHandlers } from '@step/deployer';
 *
 * const names = (h: DeployerHandlers) => Object.keys(h);
 * ```
 */
export interface DeployerHandlers {
  Validate: DeployerHandler;
  Lock: DeployerHandler;
  ValidateResources: DeployerHandler;
  Deploy: DeployerHandler;
  ReleaseLockFailure: DeployerHandler;
  [state: string]: DeployerHandler;
}

/**
 * Build the handlers of the deployer state machine's TaskFn states from injected clients and identity.
 *
 * @remarks
 * Each handler is a plain input→output function; thrown errors carry the Step Functions error as their `name`
 * (`BadReleaseError`, `LockExistsError`, `LockError`, `DeploySFNError`, `DeployLambdaError`,
 * `DeployRollbackError`, `UnlockError`), which the state machine's Catch rules route.
 *
 * @example
 * ```ts
 * import { runExecution, VirtualClock } from '@step/interpreter';
 * import { createAwsClients, createDeployerHandlers, DEPLOYER_DEFINITION } from '@step/deployer';
 *
 * const handlers = createDeployerHandlers({ clients: createAwsClients(), region: 'us-east-1', accountId: '123456789012' });
 * const result = await runExecution(DEPLOYER_DEFINITION, { input: {}, handlers, clock: new VirtualClock() });
 * ```
 */
export function createDeployerHandlers(options: DeployerOptions): DeployerHandlers {
  const ctx = resolveContext(options);
  return {
    Validate: (input) => validateRelease(input, ctx),
    Lock: (input) => lockRelease(input, ctx),
    ValidateResources: (input) => validateResources(input, ctx),
    Deploy: (input) => deployRelease(input, ctx),
    ReleaseLockFailure: (input) => releaseLockFailure(input, ctx),
  };
}
