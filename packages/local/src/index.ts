export { createLocalServer } from './createLocalServer.js';
export type { LocalServer, LocalServerOptions } from './createLocalServer.js';
export { checkSeed, readSeedFile } from './applySeed.js';
export type { LocalSeed, SeedFunction, SeedStateMachine, SeedTable } from './applySeed.js';
export { LocalServerError, LocalSeedError } from './errors.js';
export type { TimeMode } from './sfn/timeControl.js';
export { parseTimeMode } from './sfn/timeControl.js';
// The Lambda runtime emulation, shared with internal/test-utils (one loader for both).
export { startFunctionProcess } from './runtime/startFunctionProcess.js';
export type { FunctionProcessOptions } from './runtime/startFunctionProcess.js';
