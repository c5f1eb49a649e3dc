import type { Definition } from '@step/asl';
import type { ExecutionResult } from '@step/interpreter';
import { recordCoverage, type RecordCoverageOptions } from './recordCoverage.js';

/**
 * A machine whose executions {@link trackCoverage} can record: a `@step/lambda` `StepMachine` or an
 * interpreter `Machine` (anything with a `definition` and `run` and/or `start`).
 *
 * @example
 * ```ts
 * const machine: TrackableMachine = defineMachine({ definition, handlers });
 * ```
 */
export interface TrackableMachine {
  readonly definition: Definition;
  run?(...args: never[]): Promise<ExecutionResult>;
  start?(...args: never[]): { readonly result: Promise<ExecutionResult> };
}

/**
 * Returns the machine with `run()` and `start()` recording each execution's coverage when it ends (see
 * {@link recordCoverage}); the machine itself is left unchanged.
 *
 * @remarks
 * Recording waits for the history to be read before `run()` resolves, so a test that awaits its run has
 * recorded it. Outside a coverage run (no `STEP_COVERAGE_DIR`) it costs nothing.
 *
 * @example
 * ```ts
 * import { trackCoverage } from '@step/testing';
 * const machine = trackCoverage(orderMachine, { name: 'orders' });
 * const result = await machine.run({ input: { id: 7 } });
 * ```
 */
export function trackCoverage<M extends TrackableMachine>(machine: M, options: RecordCoverageOptions = {}): M {
  const record = async (result: ExecutionResult): Promise<ExecutionResult> => {
    await recordCoverage(machine.definition, result, options);
    return result;
  };
  return new Proxy(machine, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'run' && typeof value === 'function') {
        return async (...args: unknown[]) => record(await (value as (...a: unknown[]) => Promise<ExecutionResult>).apply(target, args));
      }
      if (key === 'start' && typeof value === 'function') {
        return (...args: unknown[]) => {
          const execution = (value as (...a: unknown[]) => { result: Promise<ExecutionResult> }).apply(target, args);
          const result = execution.result.then(record);
          return new Proxy(execution, { get: (t, k, r) => (k === 'result' ? result : (Reflect.get(t, k, r) as unknown)) });
        };
      }
      return value;
    },
  });
}
