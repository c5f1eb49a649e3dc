/**
 * An AWS-shaped error answered by the local server (`ValidationException`, `NoSuchKey`, ...).
 *
 * @remarks
 * Internal control flow of `step-cli local`: a service module throws it and the module's own protocol
 * (JSON, REST-JSON, S3 XML, query XML) turns it into the answer the real service would give. It never
 * escapes the server; it is not a library error and therefore not a `StepError`.
 * @internal
 */
export class AwsServiceError extends Error {
  /** The AWS error code, e.g. `StateMachineDoesNotExist`. */
  readonly code: string;
  /** The HTTP status code AWS answers with. */
  readonly status: number;
  /** Extra fields some protocols echo (S3 `Key`, `BucketName`, `Condition`). */
  readonly fields: Record<string, string>;

  constructor(code: string, message: string, status = 400, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}
