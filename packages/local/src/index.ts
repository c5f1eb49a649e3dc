export { createLocalServer } from './createLocalServer.js';
export type { LocalServer, LocalServerOptions } from './createLocalServer.js';
export { checkSeed, readSeedFile } from './applySeed.js';
export type { LocalSeed, SeedFunction, SeedStateMachine } from './applySeed.js';
export { LocalServerError, LocalSeedError } from './errors.js';
