export { createLambdaContext } from './createLambdaContext.js';
export type { FakeLambdaContext } from './createLambdaContext.js';
// The zip reader lives in @step/lambda next to createZip; re-exported for the tests that read zips from here.
export { readZip } from '@step/lambda';
export type { ZipFileEntry } from '@step/lambda';
export { invokeLambdaZip } from './invokeLambdaZip.js';
export type { InvokeLambdaZipOptions, LambdaInvocation } from './invokeLambdaZip.js';
