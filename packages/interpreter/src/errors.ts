import { StepError } from '@step/asl';

/**
 * A MockConfigFile that does not have the AWS Step Functions Local shape.
 *
 * @example
 * ```ts
 * try { parseMockConfig({}); } catch (e) { if (e instanceof MockConfigError) console.log(e.field); }
 * ```
 */
export class MockConfigError extends StepError {
  /** JSON pointer of the offending field ('' = the whole file). */
  readonly field: string;

  constructor(field: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MockConfigError';
    this.field = field;
  }
}

/**
 * A task token that the execution does not know or that was already used.
 *
 * @example
 * ```ts
 * try { execution.sendTaskSuccess('nope', {}); } catch (e) { if (e instanceof TaskTokenError) console.log(e.token); }
 * ```
 */
export class TaskTokenError extends StepError {
  /** The token that was sent. */
  readonly token: string;

  constructor(token: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TaskTokenError';
    this.token = token;
  }
}

/**
 * Misuse of the interpreter's API (bad options, bad inputs).
 *
 * @example
 * ```ts
 * throw new InterpreterUsageError('The execution input must be JSON-serialisable.');
 * ```
 */
export class InterpreterUsageError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InterpreterUsageError';
  }
}

/**
 * An S3 error of an `ObjectStore` (a missing bucket or key); the distributed Map that made the call fails
 * with `States.ItemReaderFailed` (or `States.ResultWriterFailed`) and this message.
 *
 * @example
 * ```ts
 * throw new ObjectStoreError('NoSuchKey', 404, 'The specified key does not exist.');
 * ```
 */
export class ObjectStoreError extends StepError {
  /** S3's error code, e.g. `NoSuchKey`, `NoSuchBucket`. */
  readonly code: string;
  /** The HTTP status S3 answers with. */
  readonly status: number;

  constructor(code: string, status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ObjectStoreError';
    this.code = code;
    this.status = status;
  }
}
