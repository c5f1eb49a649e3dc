import { UnknownTaskError } from './errors.js';
import type {
  Dispatcher,
  DispatcherOptions,
  LambdaContextLike,
  LambdaTaskHandler,
  LambdaTaskHandlers,
} from './types.js';
import { createLocalLambdaContext } from './createLocalLambdaContext.js';

/**
 * Builds the dispatcher behind every Step Lambda: routes a `{"Task": name, "Input": ...}` envelope to the handler
 * registered under `name`.
 *
 * @remarks
 * - With a `Task` field, the handler named by it gets `Input` (`null` when absent); an unknown name throws
 *   {@link UnknownTaskError}.
 * - Without one, `options.defaultHandler` gets the whole event, or {@link UnknownTaskError} is thrown.
 * - Errors thrown by handlers are rethrown, so their `name` becomes the Step Functions error; an `Error` subclass
 *   that leaves `name` as `'Error'` gets its class name.
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@step/lambda';
 * const dispatch = createDispatcher({ Hello: (input: { Greeting?: string }) => ({ Greeting: input.Greeting || 'Hello World' }) });
 * await dispatch({ Task: 'Hello', Input: {} }); // { Greeting: 'Hello World' }
 * ```
 */
export function createDispatcher(handlers: LambdaTaskHandlers, options: DispatcherOptions = {}): Dispatcher {
  const table = new Map<string, LambdaTaskHandler>();
  for (const [name, fn] of Object.entries(handlers)) {
    if (typeof fn !== 'function') {
      throw new TypeError(
        `The handler for task "${name}" is not a function (got ${typeof fn}). Pass (input, context) => output.`,
      );
    }
    table.set(name, fn);
  }
  const { defaultHandler } = options;
  const knownTasks = [...table.keys()];

  return async (event: unknown, lambdaContext?: LambdaContextLike): Promise<unknown> => {
    const context = lambdaContext ?? createLocalLambdaContext();
    if (isEnvelope(event)) {
      const handler = table.get(event.Task);
      if (handler === undefined) throw new UnknownTaskError(event.Task, knownTasks);
      try {
        return await handler(event.Input ?? null, { taskName: event.Task, lambdaContext: context, event });
      } catch (error) {
        throw nameAfterClass(error);
      }
    }
    if (defaultHandler === undefined) throw new UnknownTaskError(undefined, knownTasks);
    try {
      return await defaultHandler(event, { taskName: undefined, lambdaContext: context, event });
    } catch (error) {
      throw nameAfterClass(error);
    }
  };
}

/**
 * `class PaymentDeclinedError extends Error {}` instances report `name === 'Error'` unless the class sets it; give
 * them their class name, which is what Step Functions should see as the error.
 */
function nameAfterClass(error: unknown): unknown {
  if (error instanceof Error && error.name === 'Error') {
    const className = (error.constructor as { name?: unknown } | undefined)?.name;
    if (typeof className === 'string' && className !== '' && className !== 'Error') {
      Object.defineProperty(error, 'name', { value: className, writable: true, configurable: true, enumerable: false });
    }
  }
  return error;
}

/**
 * Whether an event is a Step task envelope, `{"Task": "<state name>", "Input": ...}` (a string `Task` field).
 *
 * @internal
 */
export function isEnvelope(event: unknown): event is { Task: string; Input?: unknown } {
  return (
    typeof event === 'object' &&
    event !== null &&
    !Array.isArray(event) &&
    typeof (event as { Task?: unknown }).Task === 'string'
  );
}
