import type { JsonValue } from '@step/asl';

/** `JSON.stringify` with Python `json.dumps` defaults: `", "` and `": "` separators, non-ASCII as `\uXXXX`. */
function pythonJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    return (JSON.stringify(value) ?? 'null').replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const parts: string[] = [];
  for (const k in value) parts.push(`${pythonJson(k)}: ${pythonJson(value[k]!)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * The cause text of a mocked `Throw` whose `Cause` is given as JSON rather than as text.
 *
 * @remarks
 * A Task whose Resource is a Lambda function ARN reports the function's own error payload as the cause, in the
 * bytes the function's runtime wrote; recorded AWS executions (Python functions) show `json.dumps` spacing, so
 * that is what an object cause becomes there. Every other integration re-serialises the error as compact JSON.
 * See docs/decisions/006-mocked-cause-objects.md.
 * @internal
 */
export function formatMockedCause(cause: JsonValue, lambdaFunctionArn: boolean): string {
  if (typeof cause === 'string') return cause;
  return lambdaFunctionArn ? pythonJson(cause) : JSON.stringify(cause);
}
