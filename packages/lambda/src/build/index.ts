export { buildLambdaZip } from './buildLambdaZip.js';
export type { BuildLambdaZipOptions, LambdaZip } from './buildLambdaZip.js';
export { loadMachineModule } from './loadMachineModule.js';
export type { LoadedMachineModule } from './loadMachineModule.js';
export { createZip } from './createZip.js';
export type { ZipEntry } from './createZip.js';
export { readZip } from './readZip.js';
export type { ZipFileEntry } from './readZip.js';
export { LambdaPackageError, MachineModuleError, ZipFormatError } from '../errors.js';
