/**
 * How a Task waits for its work: AWS's service integration patterns.
 *
 * @example
 * ```ts
 * const pattern: IntegrationPattern = 'sync:2';
 * ```
 */
export type IntegrationPattern = 'requestResponse' | 'sync' | 'sync:2' | 'waitForTaskToken';

/**
 * A Task `Resource`, taken apart.
 *
 * @example
 * ```ts
 * const r: ParsedResource = { kind: 'optimized', service: 'states', action: 'startExecution', pattern: 'sync:2' };
 * ```
 */
export interface ParsedResource {
  /**
   * `function`: a Lambda function name or ARN (a legacy Lambda Task, or `lambda:invoke` as the interpreter hands it
   * over); `optimized`: `arn:aws:states:::<service>:<action>`; `sdk`: `arn:aws:states:::aws-sdk:<service>:<action>`.
   */
  kind: 'function' | 'optimized' | 'sdk';
  /** As written in the resource (`dynamodb`, `states`, `events`...); the function name or ARN for `function`. */
  service: string;
  /** The API action in camelCase as written (`putItem`); `invoke` for `function`. */
  action: string;
  pattern: IntegrationPattern;
}

const SERVICE_ARN =
  /^arn:[a-z-]+:states:::(aws-sdk:)?([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync(?::2)?|waitForTaskToken))?$/;

/**
 * Parses a Task `Resource` into its service, action and pattern; `undefined` for what is not an AWS service
 * integration nor a Lambda function (an activity ARN, for one).
 *
 * @example
 * ```ts
 * parseResource('arn:aws:states:::aws-sdk:s3:getObject');
 * // { kind: 'sdk', service: 's3', action: 'getObject', pattern: 'requestResponse' }
 * ```
 */
export function parseResource(resource: string): ParsedResource | undefined {
  const m = SERVICE_ARN.exec(resource);
  if (m !== null) {
    const pattern = (m[4] ?? 'requestResponse') as IntegrationPattern;
    return { kind: m[1] === undefined ? 'optimized' : 'sdk', service: m[2]!, action: m[3]!, pattern };
  }
  if (
    /^arn:[a-z-]+:lambda:[^:]+:\d{12}:function:[^:]+(?::[^:]+)?$/.test(resource) ||
    /^[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/.test(resource)
  ) {
    return { kind: 'function', service: resource, action: 'invoke', pattern: 'requestResponse' };
  }
  return undefined;
}
