import { StepError } from '@step/asl';

/**
 * Thrown when a `{% %}` expression of a definition is not valid JSONata.
 *
 * @remarks
 * AWS rejects such a definition when it is created, and `@step/asl` validation reports it; this error only
 * surfaces when a JSONata field is compiled without validating the definition first.
 */
export class JsonataSyntaxError extends StepError {
  /** The expression text (without the `{% %}` delimiters). */
  readonly expression: string;
  /** The field as AWS names it, e.g. `Output/result`. */
  readonly field: string;
  /** The JSONata error code, e.g. `S0203`. */
  readonly code: string;
  /** Character offset of the error in the expression. */
  readonly position: number;

  constructor(
    expression: string,
    field: string,
    code: string,
    detail: string,
    position: number,
    options?: ErrorOptions,
  ) {
    super(
      `The JSONata expression '${expression}' specified for the field '${field}' is invalid: ${code}: ${detail} (at character ${position}). Fix the expression; validate the definition with @step/asl to see every such problem.`,
      options,
    );
    this.name = 'JsonataSyntaxError';
    this.expression = expression;
    this.field = field;
    this.code = code;
    this.position = position;
  }
}
