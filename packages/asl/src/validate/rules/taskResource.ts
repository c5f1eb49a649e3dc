import type { RuleReporter } from '../scopeFacts.js';

/** A CloudFormation/SAM `DefinitionSubstitutions` placeholder such as `${MyFunctionArn}`, replaced before AWS sees it. */
const SUBSTITUTION = /\$\{[^}]+\}/;
const SYNC_RESOURCE = /\.sync(?::2)?$/;
const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;
const SCHEMA = 'SCHEMA_VALIDATION_FAILED';

/**
 * Task `Resource` rules: `INVALID_RESOURCE` unless an ARN (or a `${...}` substitution placeholder); for an
 * EXPRESS machine, `SCHEMA_VALIDATION_FAILED` with AWS's messages for `.waitForTaskToken`, `.sync` and
 * activity ARNs. A missing or non-string `Resource` is reported by the caller.
 *
 * @example
 * ```ts
 * checkTaskResource('arn:aws:states:::sqs:sendMessage.waitForTaskToken', '/States/A/Resource', true, report);
 * // "Express state machine does not support '.waitForTaskToken' service integration "
 * ```
 * @internal
 */
export function checkTaskResource(resource: string, pointer: string, express: boolean, report: RuleReporter): void {
  if (!resource.startsWith('arn:') && !SUBSTITUTION.test(resource)) {
    report.error('INVALID_RESOURCE', pointer, `Invalid Resource '${resource}': a Task Resource must be an ARN (arn:aws:...)`, { resource });
  } else if (express) {
    if (resource.endsWith('.waitForTaskToken')) {
      // AWS's message ends with a space.
      report.error(SCHEMA, pointer, "Express state machine does not support '.waitForTaskToken' service integration ", { resource });
    } else if (SYNC_RESOURCE.test(resource)) {
      report.error(SCHEMA, pointer, "Express state machine does not support '.sync' service integration", { resource });
    } else if (ACTIVITY_ARN.test(resource)) {
      report.error(SCHEMA, pointer, 'Express state machine does not support Activity ARN', { resource });
    }
  }
}
