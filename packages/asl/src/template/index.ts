export { parseTemplate, CFN_SHORT_FORM_TAGS } from './parseTemplate.js';
export type { ParsedTemplate, ParseTemplateResult } from './parseTemplate.js';
export { listStateMachines, describeStateMachine, STATE_MACHINE_TYPES } from './listStateMachines.js';
export type { TemplateStateMachine } from './listStateMachines.js';
export { selectStateMachine } from './selectStateMachine.js';
export type { SelectStateMachineResult } from './selectStateMachine.js';
export { evaluateIntrinsics } from './evaluateIntrinsics.js';
export type { IntrinsicContext } from './evaluateIntrinsics.js';
export { fakeResourceValue } from './fakeResourceValue.js';
export type { StackEnvironment } from './fakeResourceValue.js';
export { extractStateMachine, DEFAULT_STACK_ENVIRONMENT } from './extractStateMachine.js';
export type {
  DefinitionOrigin,
  ExtractedStateMachine,
  ExtractStateMachineOptions,
  TemplateOptions,
} from './extractStateMachine.js';
export { loadStateMachine, toTemplateDiagnostics } from './loadStateMachine.js';
export type { LoadedStateMachine, LoadStateMachineOptions, LoadStateMachineResult } from './loadStateMachine.js';
export { fromTemplate } from './fromTemplate.js';
export { TemplateError } from '../errors.js';
