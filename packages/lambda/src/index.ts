export { createDispatcher } from './createDispatcher.js';
export { createTaskHandler } from './createTaskHandler.js';
export { defineTask } from './defineTask.js';
export type { DefineTaskOptions } from './defineTask.js';
export { defineMachine } from './defineMachine.js';
export type { DefineMachineOptions, MachineExecution, StepMachine } from './defineMachine.js';
export { createLocalLambdaContext } from './createLocalLambdaContext.js';
export type { LocalLambdaContextOptions } from './createLocalLambdaContext.js';
export { InvalidTaskInputError, MachineDefinitionError, MachineHandlersError, UnknownTaskError } from './errors.js';
export type {
  Dispatcher,
  DispatcherOptions,
  InputValidator,
  LambdaContextLike,
  LambdaHandler,
  StandardResultLike,
  StandardSchemaLike,
  LambdaTaskContext,
  LambdaTaskHandler,
  LambdaTaskHandlers,
} from './types.js';
