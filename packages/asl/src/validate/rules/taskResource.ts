import { closestName } from '../closestName.js';
import { OPTIMIZED_INTEGRATIONS } from '../optimizedIntegrations.js';
import type { IntegrationPattern } from '../optimizedIntegrations.js';
import type { RuleReporter } from '../scopeFacts.js';

/**
 * A placeholder filled in before AWS sees the definition: a CloudFormation/SAM `DefinitionSubstitutions`
 * `${MyFunctionArn}`, or the `TaskFn` template's `{{lambda_name}}`.
 */
const PLACEHOLDER = /\$\{[^}]+\}|\{\{[^}]+\}\}/;
const SYNC_RESOURCE = /\.sync(?::2)?$/;
const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;
const PATTERN = /(\.sync(?::2)?|\.waitForTaskToken)$/;
/** `arn:<partition>:<service>:<region>:<account>:<rest>` */
const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;
/** The service and action of `arn:aws:states:::aws-sdk:<service>:<action>`, as AWS's SDK names them. */
const SDK_SERVICE = /^[a-z0-9][a-z0-9.-]*$/;
const SDK_ACTION = /^[a-zA-Z][a-zA-Z0-9]*$/;
const SCHEMA = 'SCHEMA_VALIDATION_FAILED';

/** AWS's recorded wording for a Task `Resource` it does not recognise. */
function notRecognized(resource: string): string {
  return `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;
}

/**
 * Why AWS would not recognise `resource` as a Task `Resource` (with a closer resource to suggest), or
 * undefined when it is a Lambda function ARN, an activity ARN, an optimized integration with a pattern its
 * action supports, or an `aws-sdk:<service>:<action>` integration.
 */
function getResourceProblem(resource: string): { reason: string; suggestion?: string } | undefined {
  const arn = ARN.exec(resource);
  if (arn === null) return { reason: 'an ARN has the form arn:<partition>:<service>:<region>:<account>:<resource>' };
  const [, partition, service, region, account, rest] = arn as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (service === 'lambda') {
    return /^function:[^:]+(?::[^:]+)?$/.test(rest)
      ? undefined
      : { reason: 'a Lambda ARN names a function: arn:aws:lambda:<region>:<account>:function:<name>' };
  }
  if (service !== 'states')
    return {
      reason: `a Task runs a Lambda function, an activity or a Step Functions integration (arn:${partition}:states:::...), not a '${service}' ARN`,
    };
  if (rest.startsWith('activity:'))
    return rest.length > 'activity:'.length ? undefined : { reason: 'an activity ARN names the activity' };
  if (region !== '' || account !== '')
    return { reason: 'a service integration ARN has no region or account: arn:aws:states:::<service>:<action>' };
  const patternMatch = PATTERN.exec(rest);
  const pattern = (patternMatch?.[1] ?? '') as IntegrationPattern;
  const bare = rest.slice(0, rest.length - pattern.length);
  const colon = bare.indexOf(':');
  const integration = colon < 0 ? bare : bare.slice(0, colon);
  const action = colon < 0 ? '' : bare.slice(colon + 1);
  const prefix = `arn:${partition}:states:::`;
  if (integration === 'aws-sdk') {
    const sdkColon = action.indexOf(':');
    const sdkService = action.slice(0, sdkColon);
    const sdkAction = action.slice(sdkColon + 1);
    if (sdkColon < 0 || !SDK_SERVICE.test(sdkService) || !SDK_ACTION.test(sdkAction)) {
      return { reason: 'an AWS SDK integration has the form arn:aws:states:::aws-sdk:<service>:<action>' };
    }
    if (pattern === '.sync' || pattern === '.sync:2') {
      return {
        reason: "AWS SDK integrations do not support '.sync'; use the service's optimized integration or poll",
        suggestion: `${prefix}${bare}`,
      };
    }
    return undefined;
  }
  const actions = OPTIMIZED_INTEGRATIONS[integration];
  if (actions === undefined) {
    const near = closestName(integration, Object.keys(OPTIMIZED_INTEGRATIONS));
    return near === undefined
      ? {
          reason: `'${integration}' is not an optimized integration; call the API through the AWS SDK integration`,
          suggestion: `${prefix}aws-sdk:${bare}`,
        }
      : {
          reason: `'${integration}' is not an optimized integration`,
          suggestion: `${prefix}${near}:${action}${pattern}`,
        };
  }
  const patterns = actions[action];
  if (patterns === undefined) {
    const near = closestName(action, Object.keys(actions));
    return near === undefined
      ? {
          reason: `the optimized '${integration}' integration has no '${action}' action; call it through the AWS SDK integration`,
          suggestion: `${prefix}aws-sdk:${bare}`,
        }
      : {
          reason: `the optimized '${integration}' integration has no '${action}' action`,
          suggestion: `${prefix}${integration}:${near}${pattern}`,
        };
  }
  if (!patterns.includes(pattern)) {
    const supported = patterns.map((p) => (p === '' ? 'request-response' : p)).join(', ');
    return {
      reason: `'${integration}:${action}' does not support '${pattern}' (it supports ${supported})`,
      suggestion: `${prefix}${bare}`,
    };
  }
  return undefined;
}

/**
 * Task `Resource` rules: `INVALID_RESOURCE` with AWS's "is not recognized" message unless the Resource is a
 * Lambda function ARN, an activity ARN, one of AWS's optimized integrations with a pattern its action supports
 * (see {@link OPTIMIZED_INTEGRATIONS}) or `arn:aws:states:::aws-sdk:<service>:<action>`; for an EXPRESS machine,
 * `SCHEMA_VALIDATION_FAILED` with AWS's messages for `.waitForTaskToken`, `.sync` and activity ARNs. A Resource
 * with a `${...}` or `{{...}}` placeholder is filled in before AWS sees it, so only its express rules apply,
 * unless `placeholders` is false (a definition sent to the Step Functions API, where AWS rejects it).
 * A missing or non-string `Resource` is reported by the caller.
 * @internal
 */
export function checkTaskResource(
  resource: string,
  pointer: string,
  express: boolean,
  report: RuleReporter,
  placeholders = true,
): void {
  const placeholder = PLACEHOLDER.exec(resource);
  if (placeholder !== null && !placeholders) {
    report.error(
      'INVALID_RESOURCE',
      pointer,
      `${notRecognized(resource)} (the placeholder ${placeholder[0]} was never filled in: deploy through step-cli deploy or bootstrap, which fill it, or write the ARN)`,
      { resource, placeholder: placeholder[0] },
    );
    return;
  }
  if (placeholder === null) {
    if (!resource.startsWith('arn:')) {
      report.error(
        'INVALID_RESOURCE',
        pointer,
        `Invalid Resource '${resource}': a Task Resource must be an ARN (arn:aws:...)`,
        { resource },
      );
      return;
    }
    const problem = getResourceProblem(resource);
    if (problem !== undefined) {
      const params: Record<string, unknown> = { resource, reason: problem.reason };
      if (problem.suggestion !== undefined) params.suggestion = problem.suggestion;
      report.error('INVALID_RESOURCE', pointer, `${notRecognized(resource)} (${problem.reason})`, params);
      return;
    }
  }
  if (express) {
    if (resource.endsWith('.waitForTaskToken')) {
      // AWS's message ends with a space.
      report.error(SCHEMA, pointer, "Express state machine does not support '.waitForTaskToken' service integration ", {
        resource,
      });
    } else if (SYNC_RESOURCE.test(resource)) {
      report.error(SCHEMA, pointer, "Express state machine does not support '.sync' service integration", { resource });
    } else if (ACTIVITY_ARN.test(resource)) {
      report.error(SCHEMA, pointer, 'Express state machine does not support Activity ARN', { resource });
    }
  }
}
