import { StatesFailure } from '../StatesFailure.js';

/**
 * A `States.QueryEvaluationError` raised by a JSONata field, with the field it came from.
 *
 * @remarks
 * Internal: a {@link StatesFailure} like any other, so Retry and Catch handle it as data. `location` is the
 * field as AWS prints it (`Output/result`), which the engine copies into the history's `EvaluationFailed` event
 * (`evaluationFailedEventDetails: {error, cause, location, state}`).
 * @internal
 */
export class QueryEvaluationFailure extends StatesFailure {
  /** The field that failed, e.g. `Output/result`, `Items`, `Assign/total`. */
  readonly location: string;
  /** The state whose field failed. */
  readonly stateName: string;

  constructor(cause: string, location: string, stateName: string) {
    super('States.QueryEvaluationError', cause);
    this.name = 'QueryEvaluationFailure';
    this.location = location;
    this.stateName = stateName;
  }
}
