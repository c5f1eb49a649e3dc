export type { JsonValue, JsonObject } from './jsonValue.js';
export { StepError, isStepError, AslValidationError, TemplateError } from './errors.js';
export type { Diagnostic } from './diagnostic.js';
export { formatDiagnostic } from './formatDiagnostic.js';
export { lambdaErrorOf } from './lambdaErrorOf.js';
export type { LambdaErrorPayload } from './lambdaErrorOf.js';
export { STATES_ERRORS } from './errorNames.js';
export { encodePointerToken, toPointer, parsePointer } from './pointer.js';
export { expandTaskFn, TASKFN_RESOURCE_TEMPLATE } from './expandTaskFn.js';
export type {
  QueryLanguage,
  StateType,
  StatesScope,
  Definition,
  BaseState,
  Transition,
  Assign,
  JsonPathIo,
  Retrier,
  Catcher,
  PassState,
  TaskState,
  JsonPathChoiceRule,
  JsonataChoiceRule,
  ChoiceRule,
  ChoiceState,
  WaitState,
  SucceedState,
  FailState,
  ParallelState,
  ProcessorConfig,
  ItemProcessor,
  ItemReader,
  ItemBatcher,
  ResultWriter,
  MapState,
  State,
  TaskFnState,
} from './types.js';
export { parsePath } from './jsonpath/parsePath.js';
export type { ParsePathResult } from './jsonpath/parsePath.js';
export type { JsonPathAst, PathRoot, PathSegment } from './jsonpath/types.js';
export { parseIntrinsic, isIntrinsicCall } from './intrinsics/parseIntrinsic.js';
export type { ParseIntrinsicResult } from './intrinsics/parseIntrinsic.js';
export { INTRINSIC_FUNCTIONS, MAX_INTRINSIC_NESTING } from './intrinsics/intrinsicFunctions.js';
export type { IntrinsicArgType, IntrinsicFunctionSpec } from './intrinsics/intrinsicFunctions.js';
export type { IntrinsicArgument, IntrinsicCall } from './intrinsics/types.js';
export { getJsonataExpression } from './jsonata/getJsonataExpression.js';
export { validate } from './validate/validate.js';
export type { ValidationResult } from './validate/validate.js';
export { assertValid } from './validate/assertValid.js';
export type { ValidateOptions } from './validate/validateOptions.js';
export { MAX_JSON_DEPTH, MAX_STATE_NESTING } from './validate/nestingLimits.js';
export { getPointerLocations, locateDiagnostics } from './locateDiagnostics.js';
export type { TextLocation } from './locateDiagnostics.js';
