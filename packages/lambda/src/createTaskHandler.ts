import { createDispatcher } from './createDispatcher.js';
import type { DispatcherOptions, LambdaHandler, LambdaTaskHandlers } from './types.js';

/**
 * Turns a map of task handlers into one AWS Lambda handler (the function-wrapper surface).
 *
 * @remarks
 * Export the result as `handler` from an ESM module (`index.mjs`, handler `index.handler`). The Node runtime
 * calls it with the event and context; see {@link createDispatcher} for the dispatch and error rules.
 *
 * @example
 * ```ts
 * import { createTaskHandler } from '@step/lambda';
 * export const handler = createTaskHandler({
 *   Hello: (input: { Greeting?: string }) => ({ ...input, Greeting: input.Greeting || 'Hello World' }),
 * });
 * ```
 */
export function createTaskHandler(handlers: LambdaTaskHandlers, options?: DispatcherOptions): LambdaHandler {
  const dispatch = createDispatcher(handlers, options);
  return (event, context) => dispatch(event, context);
}
