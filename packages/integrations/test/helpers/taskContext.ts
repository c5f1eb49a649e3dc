import type { JsonValue } from '@step/asl';
import type { TaskContext } from '@step/interpreter';

/** A TaskContext as the interpreter passes it, for calling an invoker directly. */
export function taskContext(resource: string, overrides: Partial<TaskContext> = {}): TaskContext {
  const contextObject: JsonValue = {
    Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1' },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders' },
  };
  return { stateName: 'Task', resource, attempt: 0, signal: new AbortController().signal, contextObject, ...overrides };
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** The `$metadata` the SDK puts on responses and errors. */
export const META = { httpStatusCode: 200, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 };
