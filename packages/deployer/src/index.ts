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
export { isStepError } from '@step/asl';
export type { Release, ReleaseErrorInfo, PreviousDeployment, LocatedRelease } from './release.js';
export {
  RELEASE_KEYS,
  SERVER_KEYS,
  parseRelease,
  canonicalReleaseJson,
  hashRelease,
  releasePaths,
  lambdaArn,
  stateMachineArn,
  partitionOf,
  parseArn,
  rolePath,
} from './release.js';
export type { AwsClients, AwsClientsFactory, CreateAwsClientsOptions } from './awsClients.js';
export { createAwsClients } from './awsClients.js';
export type { LockBody, AcquireResult, ReleaseResult } from './s3Lock.js';
export { acquireS3Lock, releaseS3Lock } from './s3Lock.js';
export type { DeployerOptions } from './handlers/DeployerContext.js';
export type { UserLock } from './handlers/lockRelease.js';
export {
  MAX_RELEASE_AGE_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_DEFINITION_BYTES,
  MAX_ZIP_BYTES,
  MAX_RELEASE_BYTES,
} from './handlers/validateRelease.js';
export { DEPLOY_WITH } from './handlers/validateResources.js';
export type { DeployerHandler, DeployerHandlers } from './createDeployerHandlers.js';
export { createDeployerHandlers } from './createDeployerHandlers.js';
export { DEPLOYER_DEFINITION } from './deployerDefinition.js';
export type { ReleaseSourceOptions } from './client/prepareRelease.js';
export { bootstrap, MAX_INLINE_ZIP_BYTES } from './client/bootstrap.js';
export type { BootstrapResult } from './client/bootstrap.js';
export { deploy, MAX_EXECUTION_INPUT_BYTES } from './client/deploy.js';
export type { DeployOptions, DeployProgress, DeployResult } from './client/deploy.js';
export { followExecution } from './client/followExecution.js';
export type { FollowOptions, FollowResult } from './client/followExecution.js';
export type {
  PolicyDocument,
  PolicyStatement,
  DeployerPolicyOptions,
  AssumedRolePolicyOptions,
} from './createDeployerPolicy.js';
export { createDeployerPolicy, createAssumedRolePolicy } from './createDeployerPolicy.js';
