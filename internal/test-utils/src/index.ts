export { createLambdaContext } from './createLambdaContext.js';
export type { FakeLambdaContext } from './createLambdaContext.js';
export { readZip } from './readZip.js';
export type { ZipFileEntry } from './readZip.js';
export { invokeLambdaZip } from './invokeLambdaZip.js';
export type { InvokeLambdaZipOptions, LambdaInvocation } from './invokeLambdaZip.js';
