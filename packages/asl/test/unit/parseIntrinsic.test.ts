import { INTRINSIC_FUNCTIONS, isIntrinsicCall, parseIntrinsic } from '@step/asl';
import type { IntrinsicCall } from '@step/asl';

function parsed(text: string): IntrinsicCall {
  const r = parseIntrinsic(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.call;
}

describe('parseIntrinsic', () => {
  it('parses every literal kind, paths and nested calls', () => {
    // Act
    const call = parsed("States.Array('a\\'b', 1, -2.5, true, false, null, $.x, $$.Execution.Id, $v, States.UUID())");
    // Assess
    expect(call.name).toBe('States.Array');
    expect(call.args).toEqual([
      { kind: 'string', value: "a'b", raw: "a\\'b" },
      { kind: 'number', value: 1 },
      { kind: 'number', value: -2.5 },
      { kind: 'boolean', value: true },
      { kind: 'boolean', value: false },
      { kind: 'null' },
      { kind: 'path', path: expect.objectContaining({ source: '$.x', root: { kind: 'input' } }) },
      { kind: 'path', path: expect.objectContaining({ source: '$$.Execution.Id', root: { kind: 'context' } }) },
      { kind: 'path', path: expect.objectContaining({ source: '$v', root: { kind: 'variable', name: 'v' } }) },
      { kind: 'call', call: { name: 'States.UUID', args: [] } },
    ]);
  });

  it('keeps escaped braces distinguishable from placeholders through raw', () => {
    // Act
    const call = parsed("States.Format('\\{{}\\} \\\\', $.a)");
    // Assess
    expect(call.args[0]).toEqual({ kind: 'string', value: '{{}} \\', raw: '\\{{}\\} \\\\' });
  });

  it('keeps other backslash sequences as written', () => {
    expect(parsed("States.StringSplit('a\\nb', '\\n')").args[0]).toEqual({
      kind: 'string',
      value: 'a\\nb',
      raw: 'a\\nb',
    });
  });

  it('parses paths containing commas and parentheses inside brackets', () => {
    // Act
    const call = parsed("States.ArrayLength($.a[?(@.b == 'x,y')])");
    // Assess
    expect(call.args[0]).toEqual({ kind: 'path', path: expect.objectContaining({ source: "$.a[?(@.b == 'x,y')]" }) });
  });

  it('accepts whitespace between arguments', () => {
    expect(parsed('States.MathAdd( $.a ,  1 )').args).toHaveLength(2);
  });

  it.each([
    ['States.Nope()', 'unknown intrinsic function'],
    ['States.MathAdd(1)', 'takes 2 arguments but got 1'],
    ['States.UUID(1)', 'takes 0 arguments'],
    ['States.Format()', 'takes at least 1 argument'],
    ['States.MathRandom(1)', 'takes 2 to 3 arguments'],
    ['States.ArrayLength(1', "missing ')'"],
    ['States.ArrayLength(1;', "expected ',' or ')'"],
    ["States.ArrayLength('a)", 'unterminated string'],
    ['States.ArrayLength($.)', 'invalid path argument'],
    ['States.ArrayLength(@)', 'unexpected'],
    ['States.ArrayLength(', 'missing an argument'],
    ['States.UUID() x', 'after the call'],
    ['Foo.Bar()', 'expected a function name'],
    ['States.UUID', "expected '('"],
    ['States.Array(' + 'States.Array('.repeat(10) + ')'.repeat(11), 'nested at most 10'],
  ])('rejects %j', (text, fragment) => {
    // Act
    const r = parseIntrinsic(text);
    // Assess
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  it('accepts 10 levels of nesting', () => {
    expect(parseIntrinsic('States.Array('.repeat(9) + 'States.UUID()' + ')'.repeat(9)).ok).toBe(true);
  });

  it('rejects a non-string without throwing', () => {
    expect(parseIntrinsic(null as unknown as string).ok).toBe(false);
  });

  it('lists the 18 functions', () => {
    expect(Object.keys(INTRINSIC_FUNCTIONS)).toHaveLength(18);
  });
});

describe('isIntrinsicCall', () => {
  it.each([
    ['States.UUID()', true],
    ["States.Format('x') ", true],
    ['$.a', false],
    ['States.', false],
    ['States.X', false],
  ])('says %j is %s', (text, expected) => {
    expect(isIntrinsicCall(text)).toBe(expected);
  });
});
