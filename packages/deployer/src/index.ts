// The public API of @step/deployer: what a user calls to ship releases (bootstrap, deploy), to create the
// deployer's IAM policies, to run the deployer machine locally in tests (createDeployerHandlers,
// DEPLOYER_DEFINITION), and the error tree it throws. Everything else (release parsing and hashing, S3 locks,
// ARN helpers, limits) is internal: the package's own tests import it by relative path (decision 023).
export {
  DeployerError,
  BadReleaseError,
  LockExistsError,
  LockError,
  DeploySFNError,
  DeployLambdaError,
  DeployRollbackError,
  UnlockError,
  DeployClientError,
} from './errors.js';
export type { Release, ReleaseErrorInfo, PreviousDeployment } from './release.js';
export type { AwsClients, AwsClientsFactory, CreateAwsClientsOptions } from './awsClients.js';
export { createAwsClients } from './awsClients.js';
export type { DeployerOptions } from './handlers/DeployerContext.js';
export type { UserLock } from './handlers/lockRelease.js';
export type { DeployerHandler, DeployerHandlers } from './createDeployerHandlers.js';
export { createDeployerHandlers } from './createDeployerHandlers.js';
export { DEPLOYER_DEFINITION } from './deployerDefinition.js';
export type { ReleaseSourceOptions } from './client/prepareRelease.js';
export { bootstrap } from './client/bootstrap.js';
export type { BootstrapResult } from './client/bootstrap.js';
export { deploy } from './client/deploy.js';
export type { DeployOptions, DeployProgress, DeployResult } from './client/deploy.js';
export type {
  PolicyDocument,
  PolicyStatement,
  DeployerPolicyOptions,
  AssumedRolePolicyOptions,
} from './createDeployerPolicy.js';
export { createDeployerPolicy, createAssumedRolePolicy } from './createDeployerPolicy.js';
