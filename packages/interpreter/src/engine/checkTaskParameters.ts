import type { JsonValue } from '@step/asl';
import { StatesFailure } from '../StatesFailure.js';
import type { TaskSpec } from './invokeTask.js';

const API_GATEWAY_INVOKE = 'arn:aws:states:::apigateway:invoke';

/** Fields of `apigateway:invoke` whose value must be a map of name to a list of strings (AWS: "must be arrays"). */
const MULTI_VALUE_FIELDS = ['Headers', 'QueryParameters'] as const;

function isMultiValueMap(v: JsonValue): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k in v) {
    const list = v[k];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return false;
  }
  return true;
}

/**
 * Checks a Task's effective Parameters (or Arguments) against what the integration accepts, before it is
 * scheduled, as AWS does: `apigateway:invoke` needs `Headers` and `QueryParameters` as maps of lists of strings.
 *
 * @remarks
 * A bad field fails the state with `States.Runtime` "The Parameters '<json>' could not be used to start the
 * Task: [The value of the field 'Headers' has an invalid format]", AWS's recorded text.
 * @internal
 */
export function checkTaskParameters(spec: TaskSpec, params: JsonValue, field: 'Parameters' | 'Arguments'): void {
  if (spec.resource !== API_GATEWAY_INVOKE && !spec.resource.startsWith(`${API_GATEWAY_INVOKE}.`)) return;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return;
  const bad = MULTI_VALUE_FIELDS.filter((f) => params[f] !== undefined && !isMultiValueMap(params[f]));
  if (bad.length === 0) return;
  const problems = bad.map((f) => `The value of the field '${f}' has an invalid format`).join(', ');
  throw new StatesFailure(
    'States.Runtime',
    `The ${field} '${JSON.stringify(params)}' could not be used to start the Task: [${problems}]`,
  );
}
