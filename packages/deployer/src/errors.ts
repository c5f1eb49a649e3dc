import { StepError } from '@step/asl';

/**
 * Base class of every error the step-deployer raises; its `name` is the Step Functions error.
 *
 * @remarks
 * The deployer's handlers run as TaskFn tasks: the `name` of a thrown error becomes the Step Functions
 * error that the deployer state machine's Catch rules match, and the message becomes the cause.
 *
 * @example
 * ```ts
 * import { DeployerError, isStepError } from '@step/deployer';
 *
 * const failed = (e: unknown) => e instanceof DeployerError && isStepError(e);
 * ```
 */
export class DeployerError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeployerError';
  }
}

/**
 * The release bundle is malformed, stale, tampered with, or does not match the resources it targets.
 *
 * @remarks
 * Raised by Validate (nothing is locked yet: the deploy ends FailureClean) and by ValidateResources (the lock
 * is released first). `problems` lists every problem found, not only the first.
 *
 * @example
 * ```ts
 * import { BadReleaseError } from '@step/deployer';
 *
 * throw new BadReleaseError(['"release_id" must be defined']);
 * ```
 */
export class BadReleaseError extends DeployerError {
  /** Every problem found, one sentence each. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[] | string, options?: ErrorOptions) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? (list[0] ?? '') : `${list.length} problems: ${list.join('; ')}`, options);
    this.name = 'BadReleaseError';
    this.problems = list;
  }
}

/**
 * A lock the deploy needs is held: the user lock, this release's lock (a replay), or the root lock.
 *
 * @remarks
 * Nothing of ours needs releasing, so the deploy ends FailureClean.
 *
 * @example
 * ```ts
 * import { LockExistsError } from '@step/deployer';
 *
 * throw new LockExistsError('Deploys of project/dev are locked by alice: incident 42', 'user-lock');
 * ```
 */
export class LockExistsError extends DeployerError {
  /** Which lock was found held. */
  readonly lock: 'user-lock' | 'release-lock' | 'root-lock';

  constructor(message: string, lock: 'user-lock' | 'release-lock' | 'root-lock', options?: ErrorOptions) {
    super(message, options);
    this.name = 'LockExistsError';
    this.lock = lock;
  }
}

/**
 * Taking or releasing a lock failed in a way that may leave the lock held (an S3 error, not a conflict).
 *
 * @remarks
 * Routed to ReleaseLockFailure, which retries the release; if that keeps failing the deploy ends FailureDirty.
 *
 * @example
 * ```ts
 * import { LockError } from '@step/deployer';
 *
 * throw new LockError('Could not write the root lock s3://bucket/acct/p/c/lock: InternalError');
 * ```
 */
export class LockError extends DeployerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LockError';
  }
}

/**
 * Reading or updating the state machine failed before anything was changed.
 *
 * @example
 * ```ts
 * import { DeploySFNError } from '@step/deployer';
 *
 * throw new DeploySFNError('UpdateStateMachine of "arn:…" failed: AccessDeniedException');
 * ```
 */
export class DeploySFNError extends DeployerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeploySFNError';
  }
}

/**
 * Reading or updating the Lambda function failed, and the state machine was rolled back: nothing changed.
 *
 * @example
 * ```ts
 * import { DeployLambdaError } from '@step/deployer';
 *
 * throw new DeployLambdaError('UpdateFunctionCode of "arn:…" failed: ResourceConflictException');
 * ```
 */
export class DeployLambdaError extends DeployerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeployLambdaError';
  }
}

/**
 * The deploy left resources in a state a person must fix: a rollback failed, or a deployed function does not
 * run the release's code. The message says exactly what to clean up.
 *
 * @remarks
 * Routed to FailureDirty. `cleanup` lists the steps, each a sentence or a command.
 *
 * @example
 * ```ts
 * import { DeployRollbackError } from '@step/deployer';
 *
 * throw new DeployRollbackError('Rollback failed', ['Restore the definition of "arn:…"']);
 * ```
 */
export class DeployRollbackError extends DeployerError {
  /** What a person must do, in order. */
  readonly cleanup: readonly string[];

  constructor(message: string, cleanup: readonly string[], options?: ErrorOptions) {
    super(`${message}. To clean up: ${cleanup.map((s, i) => `(${i + 1}) ${s}`).join(' ')}`, options);
    this.name = 'DeployRollbackError';
    this.cleanup = cleanup;
  }
}

/**
 * The release was deployed, but its root lock could not be released; the next deploy of the same
 * project/config will be refused until a person removes it.
 *
 * @example
 * ```ts
 * import { UnlockError } from '@step/deployer';
 *
 * throw new UnlockError('Deployed, but the root lock remains: aws s3 rm s3://b/k');
 * ```
 */
export class UnlockError extends DeployerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnlockError';
  }
}

/**
 * A client-side misuse of `bootstrap` or `deploy`: a missing option, an unreadable file, a bad definition.
 *
 * @example
 * ```ts
 * import { DeployClientError } from '@step/deployer';
 *
 * throw new DeployClientError('No state machine given: pass --states FILE or --module FILE');
 * ```
 */
export class DeployClientError extends DeployerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeployClientError';
  }
}
