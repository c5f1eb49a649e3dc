import { PutObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeployClientError } from '../errors.js';
import { lambdaArn, partitionOf, parseArn, releasePaths, stateMachineArn } from '../release.js';
import type { LocatedRelease, Release, ReleaseErrorInfo } from '../release.js';
import { describeError } from '../s3Util.js';
import { followExecution } from './followExecution.js';
import type { FollowResult } from './followExecution.js';
import { prepareRelease } from './prepareRelease.js';
import type { ReleaseSourceOptions } from './prepareRelease.js';

/**
 * The execution input limit of Step Functions (256 KiB).
 *
 * @example
 * ```ts
 * import { MAX_EXECUTION_INPUT_BYTES } from '@step/deployer';
 *
 * MAX_EXECUTION_INPUT_BYTES; // 262144
 * ```
 */
export const MAX_EXECUTION_INPUT_BYTES = 256 * 1024;

/**
 * A step of a deploy, for progress displays.
 *
 * @example
 * ```ts
 * import type { DeployProgress } from '@step/deployer';
 *
 * const show = (p: DeployProgress) => (p.type === 'state' ? p.name : p.type);
 * ```
 */
export type DeployProgress =
  | { type: 'uploaded'; uri: string }
  | { type: 'started'; executionArn: string; release: Release }
  | { type: 'state'; name: string }
  | { type: 'warning'; message: string };

/**
 * Options of {@link deploy}.
 *
 * @example
 * ```ts
 * import type { DeployOptions } from '@step/deployer';
 *
 * const options: DeployOptions = { lambda: 'hello', step: 'hello', states: 'hello.asl.json', deployer: 'step-deployer' };
 * ```
 */
export interface DeployOptions extends ReleaseSourceOptions {
  /** The step-deployer state machine: name or ARN (default `step-deployer`). */
  deployer?: string;
  /** Called for each upload, the start, each state entered, each tolerated error. */
  onProgress?: (progress: DeployProgress) => void;
  /** Wait between polls (default: real timers). */
  sleep?: (ms: number) => Promise<void>;
  /** First poll interval in ms (default 1000). */
  pollIntervalMs?: number;
  /** Stop following after this long (default 15 minutes); the deploy itself continues. */
  timeoutMs?: number;
}

/**
 * How a deploy ended. `ok` is true only when the deployer reached `Success`.
 *
 * @example
 * ```ts
 * import type { DeployResult } from '@step/deployer';
 *
 * const exitCode = (r: DeployResult) => (r.ok ? 0 : 1);
 * ```
 */
export interface DeployResult {
  ok: boolean;
  release: Release;
  executionArn: string;
  status: FollowResult['status'];
  /** Last state entered: `Success`, `FailureClean`, `FailureDirty`, or another while still running. */
  endState: string | undefined;
  path: string[];
  error?: ReleaseErrorInfo;
  cleanupError?: ReleaseErrorInfo;
  /** One line for people. */
  message: string;
}

/**
 * @internal A Lambda task's Cause, as Step Functions records it, is the JSON of the Lambda error
 * (`{"errorType","errorMessage","trace"}`); keep its message only.
 */
export function unwrapCause(info: ReleaseErrorInfo | undefined): ReleaseErrorInfo | undefined {
  if (!info?.Cause) return info;
  try {
    const parsed = JSON.parse(info.Cause) as { errorMessage?: unknown };
    if (typeof parsed === 'object' && parsed !== null && typeof parsed.errorMessage === 'string') {
      return { ...info, Cause: parsed.errorMessage };
    }
  } catch {
    // a plain-text cause
  }
  return info;
}

function deployerArn(deployer: string | undefined, region: string, account: string): string {
  const name = deployer ?? 'step-deployer';
  return name.startsWith('arn:') ? name : `arn:${partitionOf(region)}:states:${region}:${account}:stateMachine:${name}`;
}

/** @internal What a person must check and undo after a FailureDirty whose error gave no clean-up steps. */
function cleanupAdvice(release: Release): string {
  const paths = releasePaths(release as LocatedRelease);
  const machine = stateMachineArn(release);
  const fn = lambdaArn(release);
  const codeSha = Buffer.from(release.lambda_sha256 ?? '', 'hex').toString('base64');
  return (
    `Clean up: compare state machine ${machine} with its saved definition (aws s3 cp s3://${release.bucket ?? ''}/${paths.prefix}/${release.release_id ?? ''}/previous-state-machine.json -, if present) and restore it with aws stepfunctions update-state-machine if it changed; ` +
    `check function ${fn} with aws lambda get-function-configuration (CodeSha256 ${codeSha} means this release's code is live); ` +
    `then remove the root lock so deploys can resume: aws s3 rm s3://${release.bucket ?? ''}/${paths.rootLock}`
  );
}

function outcomeMessage(result: Omit<DeployResult, 'message'>): string {
  const id = result.release.release_id ?? '';
  if (result.ok) return `Deployed ${id}: ${result.path.join(' → ')}`;
  const why = result.error ? `${result.error.Error ?? 'Error'}: ${result.error.Cause ?? ''}` : '';
  if (result.endState === 'FailureDirty') {
    const cleanup = result.cleanupError
      ? ` Lock release failed: ${result.cleanupError.Error ?? ''}: ${result.cleanupError.Cause ?? ''}`
      : '';
    // The deployer's own errors carry their clean-up commands; an unexpected one (a bug, a task timeout) does not.
    const advice = `${why}${cleanup}`.includes('aws s3 rm') ? '' : ` ${cleanupAdvice(result.release)}`;
    return `Deploy of ${id} FAILED and needs a person (FailureDirty). ${why}${cleanup}${advice}`;
  }
  if (result.endState === 'FailureClean') return `Deploy of ${id} failed; nothing was changed (FailureClean). ${why}`;
  return `Deploy of ${id} did not finish (${result.status}${result.endState ? ` in ${result.endState}` : ''}). ${why}`.trim();
}

/**
 * Deploy a release through the step-deployer: upload `lambda.zip` and the release to S3 under
 * `<account>/<project>/<config>/<release_id>/`, start the deployer execution named after the release, follow
 * it state by state until it ends.
 *
 * @remarks
 * Region and credentials come from the SDK's standard chain, the account from STS, project and config from the
 * function's tags when not given, and `AWS_ENDPOINT_URL` is honoured. The definition is validated locally first
 * (an `AslValidationError` lists every diagnostic). API errors while following never throw; `ok` is true only
 * when the deployer reached `Success`.
 *
 * @example
 * ```ts
 * import { deploy } from '@step/deployer';
 *
 * const result = await deploy({ lambda: 'hello', step: 'hello', states: 'hello.asl.json', zip: 'lambda.zip' });
 * process.exitCode = result.ok ? 0 : 1;
 * ```
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const prepared = await prepareRelease(options);
  const { clients } = prepared;
  const release: Release = { ...prepared.release };
  const region = prepared.release.aws_region;
  const target = deployerArn(options.deployer, region, prepared.release.aws_account_id);
  const deployerAccount = parseArn(target)?.account || prepared.release.aws_account_id;
  release.bucket ??= `step-deployer-${deployerAccount}`;
  const paths = releasePaths(release as LocatedRelease);
  const bucket = release.bucket;
  const now = options.now ?? (() => new Date());

  const sizeOf = (r: Release): number => Buffer.byteLength(JSON.stringify(r));
  if (sizeOf(release) > MAX_EXECUTION_INPUT_BYTES) {
    throw new DeployClientError(
      `The release is ${sizeOf(release)} bytes, over Step Functions' ${MAX_EXECUTION_INPUT_BYTES}-byte execution input limit; shrink the state machine definition`,
    );
  }
  try {
    await clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: paths.zip, Body: prepared.zip, ContentType: 'application/zip' }),
    );
  } catch (e) {
    throw new DeployClientError(`Could not upload s3://${bucket}/${paths.zip}: ${describeError(e)}`, { cause: e });
  }
  options.onProgress?.({ type: 'uploaded', uri: `s3://${bucket}/${paths.zip}` });
  release.created_at = now().toISOString();
  const input = JSON.stringify(release, null, 1);
  try {
    await clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: paths.release, Body: input, ContentType: 'application/json' }),
    );
  } catch (e) {
    throw new DeployClientError(`Could not upload s3://${bucket}/${paths.release}: ${describeError(e)}`, { cause: e });
  }
  options.onProgress?.({ type: 'uploaded', uri: `s3://${bucket}/${paths.release}` });

  let executionArn: string;
  try {
    const out = await clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn: target, name: release.release_id, input }),
    );
    executionArn = out.executionArn ?? '';
  } catch (e) {
    throw new DeployClientError(`Could not start the deployer ${target}: ${describeError(e)}`, { cause: e });
  }
  options.onProgress?.({ type: 'started', executionArn, release });

  const followed = await followExecution(clients.sfn, executionArn, {
    onState: (name) => options.onProgress?.({ type: 'state', name }),
    onWarning: (message) => options.onProgress?.({ type: 'warning', message }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    now: () => now().getTime(),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const last = (
    typeof followed.lastInput === 'object' && followed.lastInput !== null ? followed.lastInput : {}
  ) as Release;
  const endState = followed.path[followed.path.length - 1];
  const partial = {
    ok: followed.status === 'SUCCEEDED' && endState === 'Success',
    release,
    executionArn,
    status: followed.status,
    endState,
    path: followed.path,
    ...(last.error ? { error: unwrapCause(last.error) } : {}),
    ...(last.cleanup_error ? { cleanupError: unwrapCause(last.cleanup_error) } : {}),
  };
  const message =
    followed.problem && followed.status === 'UNKNOWN'
      ? `${outcomeMessage(partial)} ${followed.problem}`
      : outcomeMessage(partial);
  return { ...partial, message };
}
