/**
 * Returns the JSONata expression of a `{% expr %}` string, or `undefined` when the string is a literal.
 *
 * @remarks
 * AWS evaluates a string only when it starts with `{%` and ends with `%}` exactly (no whitespace outside the
 * delimiters). The expression returned is trimmed; `{%%}` gives `''`, which the validator reports as empty.
 *
 * @example
 * ```ts
 * getJsonataExpression('{% $states.input.a %}'); // '$states.input.a'
 * getJsonataExpression(' {% 1 %}'); // undefined (a literal string)
 * ```
 */
export function getJsonataExpression(value: string): string | undefined {
  if (
    typeof value !== 'string' ||
    value.length < 4 ||
    value.charCodeAt(0) !== 123 /* { */ ||
    value.charCodeAt(1) !== 37 /* % */ ||
    value.charCodeAt(value.length - 1) !== 125 /* } */ ||
    value.charCodeAt(value.length - 2) !== 37
  ) {
    return undefined;
  }
  return value.slice(2, -2).trim();
}
