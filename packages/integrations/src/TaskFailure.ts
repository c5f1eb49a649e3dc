/**
 * A Task failure as Step Functions reports it: `name` is the error (`DynamoDB.ConditionalCheckFailedException`,
 * `States.TaskFailed`, a Lambda function's `errorType`...) and `message` the cause.
 *
 * @remarks
 * The interpreter turns a thrown error's `name` and `message` into the task's error and cause, the way the
 * Lambda runtime reports `errorType`; Retry and Catch then match the name.
 *
 * @example
 * ```ts
 * import { TaskFailure } from '@step/integrations';
 *
 * throw new TaskFailure('EventBridge.FailedEntry', '{"Entries":[...],"FailedEntryCount":1}');
 * ```
 */
export class TaskFailure extends Error {
  /** The Step Functions error (same as `name`). */
  readonly error: string;

  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
    this.error = error;
  }
}
