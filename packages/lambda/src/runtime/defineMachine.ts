import type { Definition } from '@step/asl';
import type { DefineMachineOptions, StepMachine } from '../defineMachine.js';
import { createDispatcher } from '../createDispatcher.js';
import { MachineDefinitionError } from '../errors.js';
import type { LambdaTaskHandler } from '../types.js';

/**
 * `defineMachine` as a Lambda bundle runs it: builds the dispatcher of the handlers, and nothing else.
 *
 * @remarks
 * `buildLambdaZip` validated the definition and matched its TaskFn states with the handlers when it built the
 * zip (the full `defineMachine` ran then), so a cold start neither reads nor validates the definition. The parts
 * of {@link StepMachine} that need the definition (`definition`, `taskNames`, `deployableDefinition()`, `run()`,
 * `executionOptions()`) throw {@link MachineDefinitionError}: a Lambda only dispatches.
 */
export function defineMachine<H extends Record<string, LambdaTaskHandler>>(
  options: DefineMachineOptions<H>,
): StepMachine {
  const dispatch = createDispatcher(options.handlers, { defaultHandler: options.defaultHandler });
  const unavailableError = (what: string): MachineDefinitionError =>
    new MachineDefinitionError(
      `machine.${what} is not available inside a Lambda bundle, which only dispatches tasks (buildLambdaZip validated the definition when it built the zip). Use it where "@step/lambda" is imported normally: in tests, scripts and step-cli.`,
    );
  const unavailable = (what: string): never => {
    throw unavailableError(what);
  };
  return {
    get definition(): Definition {
      return unavailable('definition');
    },
    handler: (event, context) => dispatch(event, context),
    dispatch,
    get taskNames(): readonly string[] {
      return unavailable('taskNames');
    },
    deployableDefinition: () => unavailable('deployableDefinition()'),
    run: () => Promise.reject(unavailableError('run()')),
    start: () => unavailable('start()'),
    executionOptions: () => unavailable('executionOptions()'),
  };
}
