import type { JsonataInfo } from '../../jsonata/checkJsonata.js';
import type { StateType } from '../../types.js';
import type { RuleReporter } from '../scopeFacts.js';

const SCHEMA = 'SCHEMA_VALIDATION_FAILED';

/**
 * Where a JSONata expression sits, for {@link checkJsonataStatesFields}.
 * @internal
 */
export interface JsonataSite {
  pointer: string;
  /** The state field the expression belongs to (`Output`, `Assign`, `Arguments`...). */
  field: string;
  stateType: StateType;
  /** Inside a Catch's `Output` or `Assign`. */
  inCatch: boolean;
}

/**
 * JSONata context rule (`SCHEMA_VALIDATION_FAILED`) for an expression that parsed: no `$$` (JSONPath only);
 * `$states.errorOutput` only in a Catch's Output and Assign; `$states.result` only in the Output and Assign of
 * Task, Parallel and Map states (not in a Catch); no `$states` field other than input, result, errorOutput
 * and context.
 * @internal
 */
export function checkJsonataStatesFields(
  expression: string,
  info: JsonataInfo,
  site: JsonataSite,
  report: RuleReporter,
): void {
  const { pointer, field } = site;
  if (info.usesDoubleDollar) {
    report.error(
      SCHEMA,
      pointer,
      `The JSONata expression '${expression}' uses '$$', which is not supported in JSONata; use '$states.context' instead`,
      {
        field,
        expression,
      },
    );
  }
  for (const f of info.statesFields) {
    if (f === 'errorOutput' && !site.inCatch) {
      report.error(
        SCHEMA,
        pointer,
        `'$states.errorOutput' is only available in a Catch's Output and Assign (field '${field}')`,
        { field, expression },
      );
    } else if (
      f === 'result' &&
      !(resultAvailable(site.stateType) && (field === 'Output' || field === 'Assign') && !site.inCatch)
    ) {
      report.error(
        SCHEMA,
        pointer,
        `'$states.result' is only available in the Output and Assign of Task, Parallel and Map states (field '${field}')`,
        {
          field,
          expression,
        },
      );
    } else if (f !== 'input' && f !== 'result' && f !== 'errorOutput' && f !== 'context') {
      report.error(
        SCHEMA,
        pointer,
        `'$states.${f}' does not exist; use $states.input, $states.result, $states.errorOutput or $states.context`,
        {
          field,
          expression,
        },
      );
    }
  }
}

function resultAvailable(type: StateType): boolean {
  return type === 'Task' || type === 'Parallel' || type === 'Map';
}
