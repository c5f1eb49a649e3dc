import type { JsonPathAst } from '../jsonpath/types.js';

/**
 * One argument of an intrinsic function call.
 *
 * @remarks
 * A `string` argument's `value` has every escape resolved (`\'`, `\{`, `\}`, `\\`); `raw` keeps the text
 * between the quotes as written, so `States.Format` can tell an escaped `\{` from a `{}` placeholder.
 *
 * @example
 * ```ts
 * const arg: IntrinsicArgument = { kind: 'number', value: 3 };
 * ```
 */
export type IntrinsicArgument =
  | { kind: 'string'; value: string; raw?: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'path'; path: JsonPathAst }
  | { kind: 'call'; call: IntrinsicCall };

/**
 * A parsed intrinsic function call such as `States.Format('{}', $.name)`.
 *
 * @example
 * ```ts
 * const call: IntrinsicCall = { name: 'States.UUID', args: [] };
 * ```
 */
export interface IntrinsicCall {
  /** The full name, e.g. `States.Format`. */
  name: string;
  args: IntrinsicArgument[];
}
