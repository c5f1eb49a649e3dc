import { GetObjectCommand } from '@aws-sdk/client-s3';
import { formatDiagnostic, validate } from '@step/asl';
import { BadReleaseError } from '../errors.js';
import {
  hashRelease,
  lambdaArn,
  parseArn,
  parseRelease,
  releasePaths,
  SERVER_KEYS,
  stateMachineArn,
} from '../release.js';
import type { LocatedRelease, Release } from '../release.js';
import { describeError, isNotFound, readBodyText, sha256OfBody } from '../s3Util.js';
import type { DeployerContext } from './DeployerContext.js';

/**
 * A release may be deployed (or rolled back to) for this long after `created_at`.
 *
 * @example
 * ```ts
 * import { MAX_RELEASE_AGE_MS } from '@step/deployer';
 *
 * MAX_RELEASE_AGE_MS / 86_400_000; // 10 days
 * ```
 */
export const MAX_RELEASE_AGE_MS = 10 * 24 * 60 * 60 * 1000;
/**
 * Clock skew tolerated for a `created_at` in the future.
 *
 * @example
 * ```ts
 * import { MAX_CLOCK_SKEW_MS } from '@step/deployer';
 *
 * MAX_CLOCK_SKEW_MS / 60_000; // 2 minutes
 * ```
 */
export const MAX_CLOCK_SKEW_MS = 2 * 60 * 1000;
/**
 * AWS's maximum state machine definition size (1 MiB).
 *
 * @example
 * ```ts
 * import { MAX_DEFINITION_BYTES } from '@step/deployer';
 *
 * Buffer.byteLength('{}') <= MAX_DEFINITION_BYTES; // true
 * ```
 */
export const MAX_DEFINITION_BYTES = 1024 * 1024;
/**
 * AWS's maximum unzipped deployment package; a zip larger than this can never deploy.
 *
 * @example
 * ```ts
 * import { MAX_ZIP_BYTES } from '@step/deployer';
 *
 * MAX_ZIP_BYTES / 1024 / 1024; // 250
 * ```
 */
export const MAX_ZIP_BYTES = 250 * 1024 * 1024;
/**
 * Largest release object read back from S3 (the execution input limit, 256 KiB).
 *
 * @example
 * ```ts
 * import { MAX_RELEASE_BYTES } from '@step/deployer';
 *
 * MAX_RELEASE_BYTES; // 262144
 * ```
 */
export const MAX_RELEASE_BYTES = 256 * 1024;

const PATTERNS: readonly [keyof Release, RegExp, string][] = [
  ['release_id', /^[A-Za-z0-9_-]{1,80}$/, 'must be 1-80 letters, digits, "-" or "_" (it names the execution)'],
  [
    'project_name',
    /^(?!.*(^|\/)\.{1,2}(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    'must be path segments of letters, digits, ".", "-" or "_" separated by "/"',
  ],
  ['config_name', /^(?!\.{1,2}$)[A-Za-z0-9_.-]+$/, 'must be letters, digits, ".", "-" or "_"'],
  ['aws_account_id', /^\d{12}$/, 'must be a 12-digit AWS account id'],
  ['aws_region', /^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as "us-east-1"'],
  ['bucket', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'],
  ['lambda_sha256', /^[0-9a-f]{64}$/, 'must be the lowercase hex SHA-256 of lambda.zip'],
];

const REQUIRED: readonly (keyof Release)[] = [
  'aws_account_id',
  'aws_region',
  'release_id',
  'project_name',
  'config_name',
  'bucket',
  'created_at',
  'lambda_name',
  'lambda_sha256',
  'step_fn_name',
  'state_machine_json',
];

/** @internal Problems with the fields of a release (after defaults), every one of them. */
export function checkReleaseFields(release: Release, now: Date): string[] {
  const problems: string[] = [];
  for (const key of REQUIRED) {
    if (release[key] === undefined || release[key] === '') problems.push(`"${key}" must be defined`);
  }
  for (const [key, pattern, rule] of PATTERNS) {
    const value = release[key];
    if (typeof value === 'string' && value !== '' && !pattern.test(value)) {
      problems.push(`"${key}" ${rule} (got ${JSON.stringify(value.slice(0, 100))})`);
    }
  }
  if (release.timeout !== undefined && !(release.timeout > 0))
    problems.push('"timeout" must be a positive number of seconds');
  if (release.created_at) {
    const created = Date.parse(release.created_at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(release.created_at) || Number.isNaN(created)) {
      problems.push(`"created_at" must be an RFC 3339 timestamp (got ${JSON.stringify(release.created_at)})`);
    } else if (!(created > now.getTime() - MAX_RELEASE_AGE_MS && created < now.getTime() + MAX_CLOCK_SKEW_MS)) {
      problems.push(
        `Created at older than 10 days (or in the future): created_at ${release.created_at} is outside (now - 10 days, now + 2 minutes) at ${now.toISOString()}; build a new release`,
      );
    }
  }
  for (const [key, arn, service] of [
    ['lambda_name', lambdaArn(release), 'lambda'],
    ['step_fn_name', stateMachineArn(release), 'states'],
  ] as const) {
    const value = release[key];
    if (!value?.startsWith('arn:')) continue;
    const parsed = parseArn(arn);
    if (
      !parsed ||
      parsed.service !== service ||
      parsed.account !== release.aws_account_id ||
      parsed.region !== release.aws_region
    ) {
      problems.push(
        `"${key}" ARN ${value} must be a ${service} ARN in the release's account ${release.aws_account_id ?? '?'} and region ${release.aws_region ?? '?'}`,
      );
    }
  }
  const json = release.state_machine_json;
  if (json) {
    if (Buffer.byteLength(json) > MAX_DEFINITION_BYTES) {
      problems.push(
        `"state_machine_json" is ${Buffer.byteLength(json)} bytes; AWS allows at most ${MAX_DEFINITION_BYTES}`,
      );
    } else {
      const placeholder = /\{\{\s*[A-Za-z_]+\s*\}\}/.exec(json);
      if (placeholder) {
        problems.push(
          `"state_machine_json" still contains the placeholder ${placeholder[0]}; fill it in before releasing`,
        );
      }
      const result = validate(json);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (!result.ok || errors.length > 0) {
        problems.push(
          `StateMachineJSON invalid: ${errors.map((d) => formatDiagnostic(d)).join('; ') || 'not a valid definition'}`,
        );
      }
    }
  }
  return problems;
}

/**
 * The Validate step: parse the release strictly, check every field, its freshness, its definition, that it
 * equals its copy in S3 and that lambda.zip has its SHA-256.
 *
 * @remarks
 * Client-set server fields (`uuid`, `started_at`, `success`, ...) are wiped and regenerated, and defaults
 * (region, account, bucket, timeout) are filled from the deployer's own identity. The zip is streamed through
 * the hash, never held in memory. Every failure is a {@link BadReleaseError}; nothing is locked yet.
 */
export async function validateRelease(input: unknown, ctx: DeployerContext): Promise<LocatedRelease> {
  const received = parseRelease(input);
  const expectedSha = hashRelease(received);
  const release: Release = { ...received };
  for (const key of SERVER_KEYS) delete release[key];
  const now = ctx.now();
  const ownAccount = await ctx.accountId();
  release.uuid = ctx.newUuid();
  release.started_at = now.toISOString();
  release.aws_region ||= ctx.region;
  release.aws_account_id ||= ownAccount;
  release.bucket ||= `${ctx.bucketPrefix}${ownAccount}`;
  release.timeout ??= 600;

  const problems = checkReleaseFields(release, now);
  if (problems.length > 0) throw new BadReleaseError(problems);
  const located = release as LocatedRelease;
  const paths = releasePaths(located);
  const { s3 } = await ctx.bucketClients(located);

  let copyText: string;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: located.bucket, Key: paths.release }));
    copyText = await readBodyText(out.Body, MAX_RELEASE_BYTES);
  } catch (e) {
    throw new BadReleaseError(
      isNotFound(e)
        ? `No uploaded release at s3://${located.bucket}/${paths.release}; upload the release before starting the deployer`
        : `Could not read the uploaded release s3://${located.bucket}/${paths.release}: ${describeError(e)}`,
      { cause: e },
    );
  }
  let copy: Release;
  try {
    copy = parseRelease(copyText);
  } catch (e) {
    throw new BadReleaseError(`Error Unmarshalling uploaded Release struct with ${(e as Error).message}`, { cause: e });
  }
  const copySha = hashRelease(copy);
  if (copySha !== expectedSha) {
    throw new BadReleaseError(
      `Release SHA incorrect expected ${expectedSha}, got ${copySha}: the execution input differs from s3://${located.bucket}/${paths.release}`,
    );
  }

  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: located.bucket, Key: paths.zip }));
    if (out.ContentLength !== undefined && out.ContentLength > MAX_ZIP_BYTES) {
      throw new BadReleaseError(`lambda.zip is ${out.ContentLength} bytes; AWS allows at most ${MAX_ZIP_BYTES}`);
    }
    const { sha256, size } = await sha256OfBody(out.Body);
    if (size > MAX_ZIP_BYTES)
      throw new BadReleaseError(`lambda.zip is ${size} bytes; AWS allows at most ${MAX_ZIP_BYTES}`);
    if (sha256 !== located.lambda_sha256) {
      throw new BadReleaseError(`Lambda SHA mismatch, expecting ${located.lambda_sha256}, got ${sha256}`);
    }
    if (out.VersionId && out.VersionId !== 'null') located.lambda_s3_version = out.VersionId;
  } catch (e) {
    if (e instanceof BadReleaseError) throw e;
    throw new BadReleaseError(`Could not read s3://${located.bucket}/${paths.zip}: ${describeError(e)}`, { cause: e });
  }
  return located;
}
