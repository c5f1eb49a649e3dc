export { createDispatcher } from './createDispatcher.js';
export { createTaskHandler } from './createTaskHandler.js';
export { defineTask } from './defineTask.js';
export type { DefineTaskOptions } from './defineTask.js';
export { defineMachine, LAMBDA_RESOURCE_TEMPLATE } from './defineMachine.js';
export type { DefineMachineOptions, MachineExecution, StepMachine } from './defineMachine.js';
export { loadMachineModule } from './loadMachineModule.js';
export type { LoadedMachineModule } from './loadMachineModule.js';
export { buildLambdaZip } from './buildLambdaZip.js';
export type { BuildLambdaZipOptions, LambdaZip } from './buildLambdaZip.js';
export { createZip, crc32 } from './createZip.js';
export type { ZipEntry } from './createZip.js';
export { readZip } from './readZip.js';
export type { ZipFileEntry } from './readZip.js';
export { createLocalLambdaContext } from './createLocalLambdaContext.js';
export type { LocalLambdaContextOptions } from './createLocalLambdaContext.js';
export {
  InvalidTaskInputError,
  LambdaPackageError,
  MachineDefinitionError,
  MachineHandlersError,
  MachineModuleError,
  UnknownTaskError,
  ZipFormatError,
} from './errors.js';
export type {
  Dispatcher,
  DispatcherOptions,
  InputValidator,
  LambdaContextLike,
  LambdaHandler,
  StandardResultLike,
  StandardSchemaLike,
  TaskContext,
  TaskHandler,
  TaskHandlers,
} from './types.js';
