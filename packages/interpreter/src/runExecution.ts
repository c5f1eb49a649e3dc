import { compileMachine } from './compileMachine.js';
import type { ExecutionOptions, ExecutionResult } from './types.js';

/**
 * Compiles a definition and runs one execution to its end: the one obvious way to run a machine in a test.
 *
 * @remarks
 * Throws `AslValidationError` for an invalid definition; every ASL failure is reported in the result instead
 * (`status: 'FAILED'`, `error`, `cause`).
 *
 * @example
 * ```ts
 * const result = await runExecution(definition, {
 *   input: { orderId: 'o-1' },
 *   handlers: { Charge: async (input) => ({ charged: true, input }) },
 *   clock: new VirtualClock(),
 * });
 * expect(result.status).toBe('SUCCEEDED');
 * expect(result.path).toEqual(['Charge', 'Done']);
 * ```
 */
export function runExecution(definition: unknown, options?: ExecutionOptions): Promise<ExecutionResult> {
  return compileMachine(definition).start(options).result;
}
