import { createHash } from 'node:crypto';
import { GetFunctionConfigurationCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { expandTaskFn } from '@step/asl';
import { DeployLambdaError, DeployRollbackError, DeploySFNError, LockError, UnlockError } from '../errors.js';
import { lambdaArn, releasePaths, stateMachineArn } from '../release.js';
import type { LocatedRelease, PreviousDeployment } from '../release.js';
import { releaseS3Lock } from '../s3Lock.js';
import { describeError, readBodyText } from '../s3Util.js';
import type { DeployerContext } from './DeployerContext.js';
import { toLocatedRelease } from './lockRelease.js';

/** @internal The definition sent to UpdateStateMachine: TaskFn expanded, pretty-printed. */
export function deployableDefinitionText(stateMachineJson: string): string {
  return JSON.stringify(expandTaskFn(JSON.parse(stateMachineJson) as unknown), null, 2);
}

async function retry<T>(attempts: number, fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < Math.max(1, attempts); i++) {
    try {
      return await fn();
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/**
 * @internal Wait until Lambda has applied a code update (`LastUpdateStatus` leaves `InProgress`). Returns the
 * failure reason when the update failed, throws when the status could not be learnt in time.
 */
async function waitForFunctionUpdate(
  ctx: DeployerContext,
  lambda: LambdaClient,
  functionArn: string,
  status: string | undefined,
): Promise<string | undefined> {
  let current = status;
  let reason: string | undefined;
  let lastError: unknown;
  for (let poll = 0; current === 'InProgress' || current === 'Unknown'; poll++) {
    if (poll >= ctx.updatePolls) {
      throw new Error(
        `the update of ${functionArn} was still ${current} after ${ctx.updatePolls} polls${lastError ? ` (last error: ${describeError(lastError)})` : ''}`,
      );
    }
    if (poll > 0) await ctx.sleep(1000);
    try {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn }));
      current = config?.LastUpdateStatus ?? 'Successful';
      reason = config?.LastUpdateStatusReason;
    } catch (e) {
      lastError = e;
      current = 'Unknown';
    }
  }
  return current === 'Failed' ? (reason ?? 'LastUpdateStatus Failed') : undefined;
}

async function assertRootLockHeld(s3: S3Client, release: LocatedRelease, key: string): Promise<void> {
  let holder: string | undefined;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: release.bucket, Key: key }));
    holder = (JSON.parse(await readBodyText(out.Body, 64 * 1024)) as { uuid?: string }).uuid;
  } catch (e) {
    throw new LockError(
      `Could not confirm the root lock s3://${release.bucket}/${key} before deploying: ${describeError(e)}; nothing was changed`,
      {
        cause: e,
      },
    );
  }
  if (holder !== release.uuid) {
    throw new LockError(
      `The root lock s3://${release.bucket}/${key} is no longer held by this deploy (held by ${holder ?? 'nobody'}); nothing was changed`,
    );
  }
}

/** @internal Whether the state machine still has `previousDefinition` (false when that cannot be learnt). */
async function stateMachineUnchanged(sfn: SFNClient, machineArn: string, previousDefinition: string): Promise<boolean> {
  try {
    const out = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    return out.definition === previousDefinition;
  } catch {
    return false;
  }
}

/**
 * @internal After UpdateFunctionCode failed: did Lambda apply it anyway? `'no'` when the function keeps its
 * recorded revision or does not run the release's code, its code and update status when it does, `'unknown'`
 * when Lambda cannot be asked.
 */
async function functionUpdateApplied(
  lambda: LambdaClient,
  functionArn: string,
  revisionId: string | undefined,
  expectedSha: string,
): Promise<'no' | 'unknown' | { codeSha: string | undefined; status: string | undefined }> {
  let config;
  try {
    config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn }));
  } catch {
    return 'unknown';
  }
  if (config?.CodeSha256 === expectedSha && (revisionId === undefined || config.RevisionId !== revisionId)) {
    return { codeSha: config.CodeSha256, status: config.LastUpdateStatus };
  }
  return 'no';
}

async function rollbackStateMachine(
  ctx: DeployerContext,
  sfn: SFNClient,
  machineArn: string,
  previousDefinition: string,
): Promise<string | undefined> {
  try {
    await retry(ctx.cleanupAttempts, () =>
      sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machineArn, definition: previousDefinition })),
    );
    return undefined;
  } catch (e) {
    return describeError(e);
  }
}

/**
 * The Deploy step: record what is live, update the state machine, then the function code (from S3), roll the
 * state machine back if the function update fails, and release the root lock.
 *
 * @remarks
 * Errors say whether anything changed: {@link DeploySFNError}/{@link DeployLambdaError}/`LockError` mean nothing
 * did (the lock is released by ReleaseLockFailure, ending FailureClean); {@link DeployRollbackError} and
 * {@link UnlockError} end FailureDirty with the exact cleanup to do. The previous definition is saved next to
 * the release (`previous-state-machine.json`) before anything changes. UpdateFunctionCode carries the recorded
 * `RevisionId` (no concurrent edit is overwritten) and its resulting `CodeSha256` must be the release's.
 */
export async function deployRelease(input: unknown, ctx: DeployerContext): Promise<LocatedRelease> {
  const release = toLocatedRelease(input);
  const paths = releasePaths(release);
  const machineArn = stateMachineArn(release);
  const functionArn = lambdaArn(release);
  const { s3 } = await ctx.bucketClients(release);
  const { sfn, lambda } = await ctx.targetClients(release);
  let definition: string;
  try {
    definition = deployableDefinitionText(release.state_machine_json ?? '');
  } catch (e) {
    throw new DeploySFNError(`"state_machine_json" cannot be deployed: ${describeError(e)}; nothing was changed`, {
      cause: e,
    });
  }
  const lockUri = `s3://${release.bucket}/${paths.rootLock}`;
  const previousKey = `${paths.prefix}/${release.release_id}/previous-state-machine.json`;

  await assertRootLockHeld(s3, release, paths.rootLock);

  let previousDefinition: string;
  const previous: PreviousDeployment = {};
  try {
    const out = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    previousDefinition = out.definition ?? '';
    if (out.revisionId) previous.state_machine_revision_id = out.revisionId;
    previous.state_machine_definition_sha256 = createHash('sha256').update(previousDefinition).digest('hex');
    await s3.send(
      new PutObjectCommand({
        Bucket: release.bucket,
        Key: previousKey,
        Body: previousDefinition,
        ContentType: 'application/json',
      }),
    );
  } catch (e) {
    throw new DeploySFNError(
      `Could not record state machine ${machineArn} before deploying: ${describeError(e)}; nothing was changed`,
      {
        cause: e,
      },
    );
  }
  let revisionId: string | undefined;
  try {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn }));
    revisionId = config?.RevisionId;
    if (config?.Version) previous.function_version = config.Version;
    if (config?.CodeSha256) previous.function_code_sha256 = config.CodeSha256;
    if (revisionId) previous.function_revision_id = revisionId;
  } catch (e) {
    throw new DeployLambdaError(
      `Could not read function ${functionArn} before deploying: ${describeError(e)}; nothing was changed`,
      {
        cause: e,
      },
    );
  }

  const restoreHint = `restore state machine ${machineArn} from the saved definition: aws s3 cp s3://${release.bucket}/${previousKey} previous.json && aws stepfunctions update-state-machine --state-machine-arn ${machineArn} --definition file://previous.json`;
  const unlockHint = `then remove the root lock so deploys can resume: aws s3 rm ${lockUri}`;
  const expectedSha = Buffer.from(release.lambda_sha256 ?? '', 'hex').toString('base64');

  try {
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machineArn, definition }));
  } catch (e) {
    // The update may have been applied with its answer lost: unless the previous definition is still live, put it back.
    const unchanged = await stateMachineUnchanged(sfn, machineArn, previousDefinition);
    const rollbackError = unchanged ? undefined : await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
    if (rollbackError !== undefined) {
      throw new DeployRollbackError(
        `UpdateStateMachine of ${machineArn} failed (${describeError(e)}); it may have been applied, and rolling it back failed (${rollbackError})`,
        [restoreHint, unlockHint],
        { cause: e },
      );
    }
    throw new DeploySFNError(
      `UpdateStateMachine of ${machineArn} failed: ${describeError(e)}; ${unchanged ? '' : 'the state machine was rolled back, '}nothing was changed`,
      { cause: e },
    );
  }
  let codeSha: string | undefined;
  let updateStatus: string | undefined;
  try {
    const out = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: functionArn,
        S3Bucket: release.bucket,
        S3Key: paths.zip,
        ...(release.lambda_s3_version ? { S3ObjectVersion: release.lambda_s3_version } : {}),
        ...(revisionId ? { RevisionId: revisionId } : {}),
      }),
    );
    codeSha = out.CodeSha256;
    updateStatus = out.LastUpdateStatus;
  } catch (e) {
    // The update may have been applied with its answer lost: ask Lambda before rolling anything back.
    const applied = await functionUpdateApplied(lambda, functionArn, revisionId, expectedSha);
    if (applied === 'unknown') {
      const rollbackError = await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
      throw new DeployRollbackError(
        `UpdateFunctionCode of ${functionArn} failed (${describeError(e)}) and whether Lambda applied it could not be learnt`,
        [
          `check the function with: aws lambda get-function-configuration --function-name ${functionArn} (CodeSha256 ${expectedSha} means the release's code is live)`,
          rollbackError === undefined
            ? `state machine ${machineArn} was rolled back; deploy a new release once the function is settled`
            : restoreHint,
          unlockHint.replace(/^then /, ''),
        ],
        { cause: e },
      );
    }
    if (applied !== 'no') {
      codeSha = applied.codeSha;
      updateStatus = applied.status;
    } else {
      const rollbackError = await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
      if (rollbackError !== undefined) {
        throw new DeployRollbackError(
          `UpdateFunctionCode of ${functionArn} failed (${describeError(e)}) and rolling back state machine ${machineArn} failed too (${rollbackError}): the state machine runs release ${release.release_id} while the function runs its previous code`,
          [restoreHint, unlockHint],
          { cause: e },
        );
      }
      throw new DeployLambdaError(
        `UpdateFunctionCode of ${functionArn} failed: ${describeError(e)}; the state machine was rolled back, nothing was changed`,
        { cause: e },
      );
    }
  }

  let updateFailure: string | undefined;
  try {
    updateFailure = await waitForFunctionUpdate(ctx, lambda, functionArn, updateStatus);
  } catch (e) {
    const rollbackError = await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
    throw new DeployRollbackError(
      `Could not learn whether Lambda applied the code update of ${functionArn}: ${describeError(e)}`,
      [
        `check the function with: aws lambda get-function-configuration --function-name ${functionArn} (LastUpdateStatus, CodeSha256 should be ${Buffer.from(release.lambda_sha256 ?? '', 'hex').toString('base64')})`,
        rollbackError === undefined
          ? `state machine ${machineArn} was rolled back; deploy a new release once the function is settled`
          : restoreHint,
        unlockHint.replace(/^then /, ''),
      ],
      { cause: e },
    );
  }
  if (updateFailure !== undefined) {
    const rollbackError = await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
    if (rollbackError !== undefined) {
      throw new DeployRollbackError(
        `Lambda failed to apply the code update of ${functionArn} (${updateFailure}) and rolling back state machine ${machineArn} failed (${rollbackError})`,
        [restoreHint, unlockHint],
      );
    }
    throw new DeployLambdaError(
      `Lambda failed to apply the code update of ${functionArn}: ${updateFailure}; the function keeps its previous code and the state machine was rolled back, nothing was changed`,
    );
  }

  if (codeSha !== undefined && codeSha !== expectedSha) {
    const rollbackError = await rollbackStateMachine(ctx, sfn, machineArn, previousDefinition);
    throw new DeployRollbackError(
      `Function ${functionArn} now runs code with CodeSha256 ${codeSha}, not the release's ${expectedSha}: s3://${release.bucket}/${paths.zip} changed after Validate`,
      [
        `deploy a known-good release of ${release.project_name}/${release.config_name} to replace the function's code (investigate who wrote the zip)`,
        rollbackError === undefined ? `state machine ${machineArn} was rolled back` : restoreHint,
        unlockHint.replace(/^then /, ''),
      ],
    );
  }

  release.success = true;
  release.previous = previous;
  try {
    await retry(ctx.cleanupAttempts, () =>
      releaseS3Lock(s3, release.bucket, paths.rootLock, release.uuid ?? '', release.root_lock_etag),
    );
  } catch (e) {
    throw new UnlockError(
      `Release ${release.release_id} was deployed, but its root lock ${lockUri} could not be released (${describeError(e)}); remove it with: aws s3 rm ${lockUri}`,
      { cause: e },
    );
  }
  return release;
}
