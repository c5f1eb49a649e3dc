import type { JsonataEvaluateOptions } from './types.js';

/**
 * Name of the binding that carries the per-evaluation {@link EvaluationContext}.
 *
 * @remarks
 * It starts with `.`, which the JSONata lexer reads as an operator, so no expression can name it.
 *
 * @example
 * ```ts
 * const ctx = focus.environment.lookup(CONTEXT_BINDING) as EvaluationContext | undefined;
 * ```
 * @internal
 */
export const CONTEXT_BINDING = '.step';

/**
 * Default wall-clock limit of one evaluation in milliseconds (AWS: 1 s).
 *
 * @example
 * ```ts
 * const deadline = Date.now() + (options?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
 * ```
 * @internal
 */
export const DEFAULT_TIMEOUT_MS = 1000;

/**
 * Per-evaluation state read by the Step Functions functions and the time guard.
 * @internal
 */
export interface EvaluationContext {
  readonly options: JsonataEvaluateOptions | undefined;
  /** Epoch ms that `$now()` and `$millis()` return during this evaluation. */
  readonly timestamp: number;
  /** Wall-clock `Date.now()` after which the evaluation fails with a timeout. */
  readonly deadline: number;
  /** Nodes evaluated so far (the time guard reads the clock every 64). */
  steps: number;
  /** Characters of the strings built so far (see EVALUATION_LIMITS). */
  characters: number;
  /** Array items produced so far (see EVALUATION_LIMITS). */
  items: number;
}

/**
 * Creates the context of one evaluation.
 * @internal
 */
export function createEvaluationContext(options: JsonataEvaluateOptions | undefined): EvaluationContext {
  const started = Date.now();
  return {
    options,
    timestamp: options?.now ? options.now() : started,
    deadline: started + (options?.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    steps: 0,
    characters: 0,
    items: 0,
  };
}
