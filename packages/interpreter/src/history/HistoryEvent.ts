/**
 * The execution history's event types, as AWS `GetExecutionHistory` returns them: one discriminated union on
 * `type`, each member carrying its `<type>EventDetails` field with AWS's field names (JSON values as strings).
 */

/**
 * `{truncated}` as AWS attaches it next to every JSON string it might shorten.
 *
 * @example
 * ```ts
 * import type { HistoryEventExecutionDataDetails } from '@step/interpreter';
 *
 * const details: HistoryEventExecutionDataDetails = { truncated: false };
 * ```
 */
export interface HistoryEventExecutionDataDetails {
  truncated?: boolean;
}

/**
 * `executionStartedEventDetails`.
 *
 * @example
 * ```ts
 * const d: ExecutionStartedEventDetails = { input: '{}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::1:role/r' };
 * ```
 */
export interface ExecutionStartedEventDetails {
  input?: string;
  inputDetails?: HistoryEventExecutionDataDetails;
  roleArn?: string;
  stateMachineAliasArn?: string;
  stateMachineVersionArn?: string;
}

/**
 * The details of an event that carries an output (`executionSucceededEventDetails`, `taskSucceededEventDetails`...).
 *
 * @example
 * ```ts
 * const d: OutputEventDetails = { output: '{"ok":true}', outputDetails: { truncated: false } };
 * ```
 */
export interface OutputEventDetails {
  output?: string;
  outputDetails?: HistoryEventExecutionDataDetails;
}

/**
 * The details of an event that carries an error (`executionFailedEventDetails`, `activityFailedEventDetails`...).
 *
 * @example
 * ```ts
 * const d: ErrorEventDetails = { error: 'States.TaskFailed', cause: 'boom' };
 * ```
 */
export interface ErrorEventDetails {
  error?: string;
  cause?: string;
}

/**
 * `stateEnteredEventDetails`.
 *
 * @example
 * ```ts
 * const d: StateEnteredEventDetails = { name: 'Charge', input: '{}', inputDetails: { truncated: false } };
 * ```
 */
export interface StateEnteredEventDetails {
  name: string;
  input?: string;
  inputDetails?: HistoryEventExecutionDataDetails;
}

/**
 * `stateExitedEventDetails`; `assignedVariables` maps each variable the state assigned to its JSON text.
 *
 * @example
 * ```ts
 * const d: StateExitedEventDetails = { name: 'Charge', output: '{}', assignedVariables: { total: '3' } };
 * ```
 */
export interface StateExitedEventDetails {
  name: string;
  output?: string;
  outputDetails?: HistoryEventExecutionDataDetails;
  assignedVariables?: Record<string, string>;
  assignedVariablesDetails?: HistoryEventExecutionDataDetails;
}

/**
 * The resource fields of every `Task*` event's details (`resourceType` is `lambda`, `sqs`, ...).
 *
 * @example
 * ```ts
 * const d: TaskResourceDetails = { resourceType: 'lambda', resource: 'invoke' };
 * ```
 */
export interface TaskResourceDetails {
  resourceType: string;
  resource: string;
}

/**
 * `taskScheduledEventDetails`; `parameters` is the effective Parameters as JSON text.
 *
 * @example
 * ```ts
 * const d: TaskScheduledEventDetails = { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{}' };
 * ```
 */
export interface TaskScheduledEventDetails extends TaskResourceDetails {
  region: string;
  parameters: string;
  timeoutInSeconds?: number;
  heartbeatInSeconds?: number;
  taskCredentials?: { roleArn?: string };
}

/**
 * `activityScheduledEventDetails` and `lambdaFunctionScheduledEventDetails`.
 *
 * @example
 * ```ts
 * const d: ScheduledEventDetails = { resource: 'arn:aws:states:us-east-1:1:activity:a', input: '{}' };
 * ```
 */
export interface ScheduledEventDetails {
  resource: string;
  input?: string;
  inputDetails?: HistoryEventExecutionDataDetails;
  timeoutInSeconds?: number;
  heartbeatInSeconds?: number;
  taskCredentials?: { roleArn?: string };
}

/**
 * `mapIterationStartedEventDetails` and the other `MapIteration*` details.
 *
 * @example
 * ```ts
 * const d: MapIterationEventDetails = { name: 'Each', index: 0 };
 * ```
 */
export interface MapIterationEventDetails {
  name?: string;
  index?: number;
}

/**
 * `evaluationFailedEventDetails` (a JSONata evaluation that failed, with the field it failed in).
 *
 * @example
 * ```ts
 * const d: EvaluationFailedEventDetails = { error: 'States.QueryEvaluationError', state: 'Calc', location: 'Output' };
 * ```
 */
export interface EvaluationFailedEventDetails extends ErrorEventDetails {
  location?: string;
  state: string;
}

/**
 * Each event type the interpreter records, mapped to the name of its details field and the details' shape
 * (`never` for the types AWS records without details).
 *
 * @example
 * ```ts
 * type Key = HistoryEventDetailsMap['TaskFailed'][0]; // 'taskFailedEventDetails'
 * ```
 */
export interface HistoryEventDetailsMap {
  ExecutionStarted: ['executionStartedEventDetails', ExecutionStartedEventDetails];
  ExecutionSucceeded: ['executionSucceededEventDetails', OutputEventDetails];
  ExecutionFailed: ['executionFailedEventDetails', ErrorEventDetails];
  ExecutionAborted: ['executionAbortedEventDetails', ErrorEventDetails];
  ExecutionTimedOut: ['executionTimedOutEventDetails', ErrorEventDetails];
  PassStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  TaskStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  ChoiceStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  WaitStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  SucceedStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  FailStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  ParallelStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  MapStateEntered: ['stateEnteredEventDetails', StateEnteredEventDetails];
  PassStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  TaskStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  ChoiceStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  WaitStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  SucceedStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  FailStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  ParallelStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  MapStateExited: ['stateExitedEventDetails', StateExitedEventDetails];
  TaskScheduled: ['taskScheduledEventDetails', TaskScheduledEventDetails];
  TaskStarted: ['taskStartedEventDetails', TaskResourceDetails];
  TaskSubmitted: ['taskSubmittedEventDetails', TaskResourceDetails & OutputEventDetails];
  TaskSucceeded: ['taskSucceededEventDetails', TaskResourceDetails & OutputEventDetails];
  TaskFailed: ['taskFailedEventDetails', TaskResourceDetails & ErrorEventDetails];
  TaskTimedOut: ['taskTimedOutEventDetails', TaskResourceDetails & ErrorEventDetails];
  TaskStateAborted: ['', never];
  ActivityScheduled: ['activityScheduledEventDetails', ScheduledEventDetails];
  ActivityStarted: ['activityStartedEventDetails', { workerName?: string }];
  ActivitySucceeded: ['activitySucceededEventDetails', OutputEventDetails];
  ActivityFailed: ['activityFailedEventDetails', ErrorEventDetails];
  ActivityTimedOut: ['activityTimedOutEventDetails', ErrorEventDetails];
  LambdaFunctionScheduled: ['lambdaFunctionScheduledEventDetails', ScheduledEventDetails];
  LambdaFunctionStarted: ['', never];
  LambdaFunctionSucceeded: ['lambdaFunctionSucceededEventDetails', OutputEventDetails];
  LambdaFunctionFailed: ['lambdaFunctionFailedEventDetails', ErrorEventDetails];
  LambdaFunctionTimedOut: ['lambdaFunctionTimedOutEventDetails', ErrorEventDetails];
  WaitStateAborted: ['', never];
  ParallelStateStarted: ['', never];
  ParallelStateSucceeded: ['', never];
  ParallelStateFailed: ['', never];
  ParallelStateAborted: ['', never];
  MapStateStarted: ['mapStateStartedEventDetails', { length?: number }];
  MapStateSucceeded: ['', never];
  MapStateFailed: ['', never];
  MapStateAborted: ['', never];
  MapIterationStarted: ['mapIterationStartedEventDetails', MapIterationEventDetails];
  MapIterationSucceeded: ['mapIterationSucceededEventDetails', MapIterationEventDetails];
  MapIterationFailed: ['mapIterationFailedEventDetails', MapIterationEventDetails];
  MapIterationAborted: ['mapIterationAbortedEventDetails', MapIterationEventDetails];
  MapRunStarted: ['mapRunStartedEventDetails', { mapRunArn?: string }];
  MapRunSucceeded: ['', never];
  /** AWS may attach `mapRunFailedEventDetails`; the interpreter records none. */
  MapRunFailed: ['', never];
  EvaluationFailed: ['evaluationFailedEventDetails', EvaluationFailedEventDetails];
}

/**
 * The `type` of a history event.
 *
 * @example
 * ```ts
 * const t: HistoryEventType = 'TaskSucceeded';
 * ```
 */
export type HistoryEventType = keyof HistoryEventDetailsMap;

/**
 * The history event of one type, with its details field typed.
 *
 * @example
 * ```ts
 * const failed = history.filter((e): e is HistoryEventOfType<'TaskFailed'> => e.type === 'TaskFailed');
 * failed[0]?.taskFailedEventDetails.error;
 * ```
 */
export type HistoryEventOfType<T extends HistoryEventType> = {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: T;
  /**
   * Another member's details field, read without narrowing first (`unknown`, as before the union existed); narrow
   * on `type` to get it typed.
   */
  [otherDetails: string]: unknown;
} & (HistoryEventDetailsMap[T][0] extends ''
  ? unknown
  : { [K in HistoryEventDetailsMap[T][0]]: HistoryEventDetailsMap[T][1] });

/**
 * An event of the execution history, in the shape of AWS `GetExecutionHistory`: a union discriminated on
 * `type`, so `if (e.type === 'TaskFailed') e.taskFailedEventDetails.error` needs no cast.
 *
 * @example
 * ```ts
 * const e: HistoryEvent = { id: 1, previousEventId: 0, timestamp: new Date(), type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } };
 * if (e.type === 'ExecutionStarted') console.log(e.executionStartedEventDetails.input);
 * ```
 */
export type HistoryEvent = { [T in HistoryEventType]: HistoryEventOfType<T> }[HistoryEventType];
