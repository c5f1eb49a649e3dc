export { createLambdaContext } from './createLambdaContext.js';
export type { FakeLambdaContext } from './createLambdaContext.js';
// The zip reader lives in @step/lambda/build next to createZip; re-exported for the tests that read zips from here.
export { readZip } from '@step/lambda/build';
export type { ZipFileEntry } from '@step/lambda/build';
export { invokeLambdaZip } from './invokeLambdaZip.js';
export type { InvokeLambdaZipOptions, LambdaInvocation } from './invokeLambdaZip.js';
