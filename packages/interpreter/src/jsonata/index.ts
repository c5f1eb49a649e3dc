export type { JsonataScope, JsonataEvaluateOptions, JsonataEvaluator } from './types.js';
export { compileJsonataTemplate } from './compileJsonataTemplate.js';
export { compileJsonataCondition } from './compileJsonataCondition.js';
export { compileJsonataNumber } from './compileJsonataNumber.js';
export { compileJsonataItems } from './compileJsonataItems.js';
export { compileJsonataString } from './compileJsonataString.js';
export { JsonataSyntaxError } from './JsonataSyntaxError.js';
export { QueryEvaluationFailure } from './QueryEvaluationFailure.js';
