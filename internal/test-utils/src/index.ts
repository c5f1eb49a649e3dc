export { createLambdaContext } from './createLambdaContext.js';
export type { FakeLambdaContext } from './createLambdaContext.js';
export { readZip } from './readZip.js';
export type { ZipFileEntry } from './readZip.js';
