/**
 * An ASL failure (`States.*` or a task's own error) travelling inside the interpreter.
 *
 * @remarks
 * Internal: the engine catches it at the state boundary and turns it into data that flows through Retry and
 * Catch. It never escapes the library as an exception; library misuse throws `StepError` subclasses instead.
 * @internal
 */
export class StatesFailure extends Error {
  /** The Step Functions error name, e.g. `States.Runtime`. */
  readonly error: string;
  /** The cause text, exactly as AWS words it. */
  readonly failureCause: string;

  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = 'StatesFailure';
    this.error = error;
    this.failureCause = cause;
  }
}

/**
 * Tells whether a value is a {@link StatesFailure}.
 * @internal
 */
export function isStatesFailure(e: unknown): e is StatesFailure {
  return e instanceof StatesFailure;
}
