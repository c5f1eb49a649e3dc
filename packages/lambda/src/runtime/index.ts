// What `@step/lambda` is inside a Lambda bundle: buildLambdaZip resolves the package with the
// "step-lambda-runtime" export condition, which selects this entry. It exports the same values as the root
// (test/runtimeEntry.test.ts checks it), but its defineMachine only dispatches: the definition was validated when
// the zip was built, so neither the validator nor the interpreter is bundled or run at cold start.
export { createDispatcher } from '../createDispatcher.js';
export { createTaskHandler } from '../createTaskHandler.js';
export { defineTask } from '../defineTask.js';
export { defineMachine } from './defineMachine.js';
export { createLocalLambdaContext } from '../createLocalLambdaContext.js';
export { InvalidTaskInputError, MachineDefinitionError, MachineHandlersError, UnknownTaskError } from '../errors.js';
