export { compileChoiceRule } from './compileChoiceRule.js';
export type { ChoicePredicate } from './compileChoiceRule.js';
export { parseTimestamp } from './parseTimestamp.js';
