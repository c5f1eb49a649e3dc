import { isIntrinsicCall } from '../../intrinsics/parseIntrinsic.js';
import type { RuleReporter } from '../scopeFacts.js';

const PATH_LIKE = /^\$\$?(?:\.|\[|$)/;

/**
 * `PASS_RESULT_IS_STATIC` (warning): a JSONPath Pass state's `Result` holds something that looks evaluated
 * (a key ending in `.$`, or a string that looks like a path or an intrinsic call, at any depth). `Result` is
 * taken literally; `Parameters` is what selects values from the input.
 * @internal
 */
export function checkPassResultIsStatic(result: unknown, pointer: string, report: RuleReporter): void {
  if (!looksDynamic(result)) return;
  report.warn(
    'PASS_RESULT_IS_STATIC',
    `${pointer}/Result`,
    'The Pass state Result is static: keys ending in .$ and values that look like paths or intrinsic functions are not evaluated; use Parameters to select values from the input',
    {},
  );
}

function looksDynamic(v: unknown): boolean {
  if (typeof v === 'string') return PATH_LIKE.test(v) || isIntrinsicCall(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some(looksDynamic);
  const o = v as Record<string, unknown>;
  for (const key in o) {
    if (key.endsWith('.$') || looksDynamic(o[key])) return true;
  }
  return false;
}
