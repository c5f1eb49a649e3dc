import type { JsonValue } from '@step/asl';

/**
 * Renders a value the way `States.Format` substitutes it for `{}`.
 *
 * @remarks
 * Strings are inserted raw; numbers, booleans and `null` as in JSON. Objects and arrays follow the Java
 * collection rendering AWS shows (recorded: `$$.StateMachine` formats as `{Id=arn:..., Name=...}`):
 * `{k=v, k2=v2}` and `[a, b]`, nested values rendered the same way, strings unquoted.
 * @internal
 */
export function formatIntrinsicValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ', ';
      out += formatIntrinsicValue(value[i] as JsonValue);
    }
    return out + ']';
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    if (!first) out += ', ';
    first = false;
    out += key + '=' + formatIntrinsicValue(value[key] as JsonValue);
  }
  return out + '}';
}
