import { UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { DeployClientError } from '../errors.js';
import { describeError } from '../s3Util.js';
import { prepareRelease } from './prepareRelease.js';
import type { ReleaseSourceOptions } from './prepareRelease.js';

/**
 * Lambda's limit for a zip sent inline (`ZipFile`); larger zips go through S3 (`--bucket`).
 *
 * @example
 * ```ts
 * import { MAX_INLINE_ZIP_BYTES } from '@step/deployer';
 *
 * MAX_INLINE_ZIP_BYTES / 1024 / 1024; // 50
 * ```
 */
export const MAX_INLINE_ZIP_BYTES = 50 * 1024 * 1024;

/**
 * What {@link bootstrap} changed.
 *
 * @example
 * ```ts
 * import type { BootstrapResult } from '@step/deployer';
 *
 * const show = (r: BootstrapResult) => `${r.functionArn} ${r.lambdaSha256}`;
 * ```
 */
export interface BootstrapResult {
  stateMachineArn: string;
  functionArn: string;
  region: string;
  account: string;
  lambdaSha256: string;
  /** CodeSha256 reported by Lambda (base64). */
  codeSha256: string | undefined;
}

/**
 * Update a state machine and its function directly (UpdateStateMachine, then UpdateFunctionCode), without the
 * deployer: for the first install of the deployer itself.
 *
 * @remarks
 * The definition is validated with @step/asl first (an `AslValidationError` lists every diagnostic). No locks, no
 * tag checks: whoever runs it needs `states:UpdateStateMachine` and `lambda:UpdateFunctionCode`. A zip larger than
 * 50 MB is uploaded to `bucket` and deployed from S3. Nothing is created: both resources must exist.
 *
 * @example
 * ```ts
 * import { bootstrap } from '@step/deployer';
 *
 * await bootstrap({ lambda: 'step-deployer', step: 'step-deployer', module: 'deployer.mjs', zip: 'deployer.zip' });
 * ```
 */
export async function bootstrap(options: ReleaseSourceOptions): Promise<BootstrapResult> {
  const { release, zip, clients, functionArn, machineArn } = await prepareRelease(options, { resolveProject: false });
  // Refuse before changing anything: the state machine must not be updated for a zip that cannot follow it.
  if (zip.length > MAX_INLINE_ZIP_BYTES && !options.bucket) {
    throw new DeployClientError(
      `The zip is ${zip.length} bytes, over Lambda's 50 MB inline limit; pass --bucket to upload it through S3`,
    );
  }
  try {
    await clients.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: machineArn,
        definition: JSON.stringify(JSON.parse(release.state_machine_json), null, 2),
      }),
    );
  } catch (e) {
    throw new DeployClientError(
      `UpdateStateMachine of ${machineArn} failed: ${describeError(e)}; nothing was changed`,
      { cause: e },
    );
  }
  let codeSha256: string | undefined;
  try {
    if (zip.length > MAX_INLINE_ZIP_BYTES && options.bucket) {
      const key = `${release.aws_account_id}/bootstrap/${functionArn.split(':')[6] ?? 'function'}/${release.lambda_sha256}.zip`;
      await clients.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: zip }));
      codeSha256 = (
        await clients.lambda.send(
          new UpdateFunctionCodeCommand({ FunctionName: functionArn, S3Bucket: options.bucket, S3Key: key }),
        )
      ).CodeSha256;
    } else {
      codeSha256 = (
        await clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: functionArn, ZipFile: zip }))
      ).CodeSha256;
    }
  } catch (e) {
    throw new DeployClientError(
      `UpdateFunctionCode of ${functionArn} failed: ${describeError(e)}; the state machine ${machineArn} was already updated, run bootstrap again`,
      { cause: e },
    );
  }
  return {
    stateMachineArn: machineArn,
    functionArn,
    region: release.aws_region,
    account: release.aws_account_id,
    lambdaSha256: release.lambda_sha256,
    codeSha256,
  };
}
