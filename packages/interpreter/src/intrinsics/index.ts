export { compileIntrinsic } from './compileIntrinsic.js';
export type { IntrinsicEvaluator } from './compileIntrinsic.js';
