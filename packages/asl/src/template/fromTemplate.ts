import type { JsonObject } from '../jsonValue.js';
import { TemplateError } from '../errors.js';
import { validate } from '../validate/validate.js';
import type { LoadStateMachineOptions } from './loadStateMachine.js';
import { loadStateMachine, toTemplateDiagnostics } from './loadStateMachine.js';

/**
 * The ASL definition of a state machine defined in a CloudFormation/SAM template or a CDK cloud assembly (`cdk.out`),
 * ready to hand to `compileMachine` (`@step/interpreter`) or `defineMachine` (`@step/lambda`).
 *
 * @remarks
 * Reads the files synchronously (see {@link loadStateMachine}); does not validate beyond parsing the JSON (the
 * interpreter does). Throws `TemplateError` (file, diagnostics with JSON pointers and lines) when no definition can be
 * read. References to other resources stand in as stable fake ARNs (`arn:aws:lambda:us-east-1:123456789012:function:<LogicalId>`),
 * which handlers and mocks can be keyed on.
 *
 * @example
 * ```ts
 * import { fromTemplate } from '@step/asl/template';
 * import { compileMachine } from '@step/interpreter';
 *
 * const machine = compileMachine(fromTemplate('template.yaml', { machine: 'OrderFlow' }));
 * ```
 */
export function fromTemplate(file: string, options: LoadStateMachineOptions = {}): JsonObject {
  const loaded = loadStateMachine(file, options);
  if (!loaded.ok) throw new TemplateError(loaded.file, loaded.diagnostics);
  try {
    return JSON.parse(loaded.definition) as JsonObject;
  } catch {
    const located = toTemplateDiagnostics(loaded, validate(loaded.definition).diagnostics);
    throw new TemplateError(located.file, located.diagnostics);
  }
}
