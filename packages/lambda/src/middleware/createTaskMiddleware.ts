import { createDispatcher, isEnvelope } from '../createDispatcher.js';
import type { DispatcherOptions, LambdaContextLike, LambdaTaskHandlers } from '../types.js';

/**
 * The part of a middy request the Step middleware uses (middy's types are redefined here so that `@middy/core`
 * stays an optional peer dependency).
 *
 * @example
 * ```ts
 * import type { MiddyRequestLike } from '@step/lambda/middleware';
 * const taskOf = (request: MiddyRequestLike) => (request.event as { Task?: string }).Task;
 * ```
 */
export interface MiddyRequestLike {
  event: unknown;
  context: LambdaContextLike;
  response?: unknown;
  error?: unknown;
  earlyResponse?: unknown;
}

/**
 * A middy-compatible middleware object.
 *
 * @example
 * ```ts
 * import type { MiddlewareLike } from '@step/lambda/middleware';
 * const noop: MiddlewareLike = { before: async () => undefined };
 * ```
 */
export interface MiddlewareLike {
  before: (request: MiddyRequestLike) => Promise<unknown>;
  after: (request: MiddyRequestLike) => Promise<void>;
  onError: (request: MiddyRequestLike) => Promise<void>;
}

/**
 * Returns a middy middleware (`{ before, after, onError }`) that dispatches Step task envelopes.
 *
 * @remarks
 * `before` runs the task named by the event's `Task` and answers early with its result, so the base handler
 * never runs for a TaskFn envelope. An event without `Task` goes to `options.defaultHandler` when there is one;
 * without it, the middleware lets the event through to the base handler (`middy(baseHandler)`), which is then
 * the default handler. Errors keep their `name`, as with {@link createTaskHandler}; `onError` leaves them to
 * middy's error handling.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { createTaskMiddleware } from '@step/lambda/middleware';
 * export const handler = middy().use(createTaskMiddleware({ Hello: () => ({ Greeting: 'Hello World' }) }));
 * // Events without "Task" reach the base handler:
 * export const mixed = middy(async (event: unknown) => ({ other: event })).use(createTaskMiddleware({ Hello: () => 'hi' }));
 * ```
 */
export function createTaskMiddleware(handlers: LambdaTaskHandlers, options?: DispatcherOptions): MiddlewareLike {
  const dispatch = createDispatcher(handlers, options);
  const toBaseHandler = options?.defaultHandler === undefined;
  return {
    before: async (request) => {
      if (toBaseHandler && !isEnvelope(request.event)) return undefined;
      const result = await dispatch(request.event, request.context);
      // middy >= 6 answers early when `earlyResponse` is set (even to undefined); older versions when before returns a value.
      request.earlyResponse = result;
      request.response = result;
      return result;
    },
    after: () => Promise.resolve(),
    onError: () => Promise.resolve(),
  };
}
