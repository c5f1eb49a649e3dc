import { InvalidTaskInputError } from './errors.js';
import type { InputValidator, StandardResultLike, LambdaTaskContext, LambdaTaskHandler } from './types.js';

/**
 * Options of {@link defineTask}.
 *
 * @example
 * ```ts
 * import type { DefineTaskOptions } from '@step/lambda';
 * const options: DefineTaskOptions<{ n: number }, number> = {
 *   input: (v): v is { n: number } => typeof (v as { n?: unknown }).n === 'number',
 *   handler: ({ n }) => n * 2,
 * };
 * ```
 */
export interface DefineTaskOptions<I, O> {
  /** Checks the input before `handler` runs; a rejection throws {@link InvalidTaskInputError}. */
  input?: InputValidator<I>;
  /** The handler, called with the validated (or parsed) input. */
  handler: (input: I, context: LambdaTaskContext) => O | Promise<O>;
}

/**
 * Declares a task handler with a typed, optionally validated input.
 *
 * @remarks
 * With `input`, the handler's input type is inferred from the validator, and bad input is rejected with an
 * {@link InvalidTaskInputError} (Step Functions error `InvalidTaskInputError`) before the handler runs.
 *
 * @example
 * ```ts
 * import { defineTask } from '@step/lambda';
 * const double = defineTask({
 *   input: (v: unknown): v is { n: number } => typeof (v as { n?: unknown })?.n === 'number',
 *   handler: ({ n }) => ({ n: n * 2 }),
 * });
 * ```
 */
export function defineTask<I, O>(options: DefineTaskOptions<I, O>): LambdaTaskHandler<unknown, O> {
  const { input: validator, handler } = options;
  if (validator === undefined) return handler as LambdaTaskHandler<unknown, O>;
  return async (input, context) => handler(await checkInput(validator, input, context.taskName), context);
}

async function checkInput<I>(validator: InputValidator<I>, input: unknown, taskName: string | undefined): Promise<I> {
  if ('~standard' in validator) {
    let result: StandardResultLike<I>;
    try {
      result = await validator['~standard'].validate(input);
    } catch (error) {
      throw new InvalidTaskInputError(taskName, [messageOf(error)], { cause: error });
    }
    if (result.issues === undefined) return result.value;
    throw new InvalidTaskInputError(
      taskName,
      result.issues.map((issue) => {
        const at = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
        return at === '' ? issue.message : `${at}: ${issue.message}`;
      }),
    );
  }
  if (typeof validator === 'function') {
    let verdict: unknown;
    try {
      verdict = validator(input);
    } catch (error) {
      throw new InvalidTaskInputError(taskName, [messageOf(error)], { cause: error });
    }
    if (verdict === true) return input as I;
    if (verdict === false) throw new InvalidTaskInputError(taskName, ['the input validator rejected it']);
    const issues = verdict as readonly string[];
    if (issues.length > 0) throw new InvalidTaskInputError(taskName, issues);
    return input as I;
  }
  try {
    return validator.parse(input);
  } catch (error) {
    throw new InvalidTaskInputError(taskName, [messageOf(error)], { cause: error });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
