import { parsePath } from '@step/asl';
import type { JsonPathAst } from '@step/asl';

function parsed(text: string): JsonPathAst {
  const r = parsePath(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.path;
}

describe('parsePath', () => {
  it.each([
    ['$', { kind: 'input' }, [], true],
    ['$$', { kind: 'context' }, [], true],
    [
      '$$.Execution.Id',
      { kind: 'context' },
      [
        { kind: 'property', name: 'Execution' },
        { kind: 'property', name: 'Id' },
      ],
      true,
    ],
    ['$var', { kind: 'variable', name: 'var' }, [], true],
    [
      '$x.y[2]',
      { kind: 'variable', name: 'x' },
      [
        { kind: 'property', name: 'y' },
        { kind: 'index', index: 2 },
      ],
      true,
    ],
    ["$['a b']", { kind: 'input' }, [{ kind: 'property', name: 'a b' }], true],
    ['$["q"]', { kind: 'input' }, [{ kind: 'property', name: 'q' }], true],
    [
      '$.a[-1]',
      { kind: 'input' },
      [
        { kind: 'property', name: 'a' },
        { kind: 'index', index: -1 },
      ],
      true,
    ],
    ['$.a.*', { kind: 'input' }, [{ kind: 'property', name: 'a' }, { kind: 'wildcard' }], false],
    ['$[*]', { kind: 'input' }, [{ kind: 'wildcard' }], false],
    ['$[1:3]', { kind: 'input' }, [{ kind: 'slice', start: 1, end: 3 }], false],
    ['$[::2]', { kind: 'input' }, [{ kind: 'slice', step: 2 }], false],
    ['$[-2:]', { kind: 'input' }, [{ kind: 'slice', start: -2 }], false],
    ["$['a','b']", { kind: 'input' }, [{ kind: 'union', members: ['a', 'b'] }], false],
    ['$[0, 2]', { kind: 'input' }, [{ kind: 'union', members: [0, 2] }], false],
    ['$..a', { kind: 'input' }, [{ kind: 'recursive', name: 'a' }], false],
    ['$..*', { kind: 'input' }, [{ kind: 'recursive' }], false],
    ['$..[0]', { kind: 'input' }, [{ kind: 'recursive' }, { kind: 'index', index: 0 }], false],
    [
      "$.a[?(@.b == 'x)')]",
      { kind: 'input' },
      [
        { kind: 'property', name: 'a' },
        { kind: 'filter', expression: "@.b == 'x)'" },
      ],
      false,
    ],
    ['$.my-key', { kind: 'input' }, [{ kind: 'property', name: 'my-key' }], true],
  ] as const)('parses %s', (text, root, segments, definite) => {
    // Act
    const path = parsed(text);
    // Assess
    expect(path).toEqual({ source: text, root, segments, definite });
  });

  it.each([
    ['', 'must start with'],
    ['a.b', 'must start with'],
    ['$.', "ends with '.'"],
    ['$.a..', "ends with '.'"],
    ['$.a.[', 'unexpected'],
    ['$..items[?(@.qty >)]', "'>' has no value after it"],
    ['$[?(@.a ==)]', "'==' has no value after it"],
    ['$[?(@.a == 1 &&)]', "'&&' has no condition after it"],
    ['$[?(@.a || )]', "'||' has no condition after it"],
    ['$[?(@.a == )]', "'==' has no value after it"],
    ['$[?(@.a = 1)]', 'unexpected'],
    ['$[?(@.a == 1 @.b)]', 'unexpected'],
    ["$[?(@.a == 'x)]", 'unterminated string'],
    ['$[?(@.a =~ /x)]', 'regular expression'],
    ['$[?(@.name.match(/x/))]', 'function calls'],
    ['$[?(@. == 1)]', 'expected a property name'],
    ['$[?(== 1)]', 'expected a path'],
    ['$[?(@.a == 1) || (@.b == 2]', "expected ']'"],
    ['$[', 'unexpected'],
    ['$[0', "expected ']'"],
    ["$['a", 'unterminated string'],
    ['$[?(@.a]', 'unbalanced'],
    ['$[(@.length-1)]', 'script expressions'],
    ['$.a.length()', 'functions'],
    ['$[0:1:0]', 'step cannot be 0'],
    ['$ .a', 'invalid variable name'],
    ['$.a)', 'unexpected'],
    ['$1', 'invalid variable name'],
    ['$[x]', 'unexpected'],
    ['$[1,x]', 'expected a number'],
    ['$[?x]', "expected '('"],
    ['$[?()]', 'empty filter'],
    ['$[*', "expected ']'"],
    ['$[?(@.a)', "expected ']'"],
    ["$['a' 'b']", "expected ']'"],
    ['$[1:2', "expected ']'"],
    ["$['a',1]", 'expected a quoted name'],
    ['$[-]', 'invalid number'],
  ])('rejects %j', (text, fragment) => {
    // Act
    const r = parsePath(text);
    // Assess
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  describe('a dot before a bracket', () => {
    // AWS accepts these (deployed AWS samples use them) and reads them as the bracket alone.
    it.each([
      ['$.items.[0]', '$.items[0]'],
      ['$.[0]', '$[0]'],
      ['$.[?(@.n > 0)]', '$[?(@.n > 0)]'],
      ["$.a.['b c']", "$.a['b c']"],
      ['$..items.[0]', '$..items[0]'],
      ['$.a.[*].b', '$.a[*].b'],
      ['$$.Execution.[0]', '$$.Execution[0]'],
      ['$var.[1:2]', '$var[1:2]'],
    ])('parses %s as %s', (dotted, bracket) => {
      // Act
      const a = parsed(dotted);
      const b = parsed(bracket);
      // Assess: the interpreter evaluates root and segments (and jsonpath-plus reads both spellings alike)
      expect({ root: a.root, segments: a.segments, definite: a.definite }).toEqual({
        root: b.root,
        segments: b.segments,
        definite: b.definite,
      });
    });
  });

  describe('filters', () => {
    it.each([
      '@.n > 1',
      "@.b == 'x,y'",
      '@.a',
      '!@.a',
      '@.a && !(@.b < 2) || @.c =~ /x.*/i',
      "@.tag in ['a', 'b']",
      '@.list size 2',
      '@.price <= $.max',
      '@[\'a b\'] == "x"',
      '@.a > -1.5e3',
      '@.a != null && @.b == true',
      '(@.a == 1)',
      '@.a.b[0] >= 2',
    ])('accepts [?(%s)]', (expression) => {
      // Act
      const path = parsed(`$.items[?(${expression})]`);
      // Assess
      expect(path.segments[1]).toEqual({ kind: 'filter', expression });
    });

    it('names the filter and the problem in the message', () => {
      // Act
      const r = parsePath('$..items[?(@.qty >)]');
      // Assess
      expect(r).toEqual({
        ok: false,
        message:
          "invalid filter '[?(@.qty >)]' in '$..items[?(@.qty >)]': '>' has no value after it; compare with a value such as '@.qty > 0'",
      });
    });

    it('rejects parentheses nested too deeply without overflowing', () => {
      // Act
      const r = parsePath(`$[?(${'('.repeat(5000)}@.a${')'.repeat(5000)})]`);
      // Assess
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('nest more than 100 levels');
    });
  });

  describe('backslashes in quoted names', () => {
    it.each([
      // The recorded AWS case ESCAPE_SEQUENCES_JSONPATH: the key is the text between the quotes, backslash included.
      [String.raw`$['Test\""Name"']`, String.raw`Test\""Name"`],
      [String.raw`$["a\"b"]`, String.raw`a\"b`],
      [String.raw`$['it\'s']`, String.raw`it\'s`],
      [String.raw`$['a\\']`, String.raw`a\\`],
      [String.raw`$['a\nb']`, String.raw`a\nb`],
      [String.raw`$['\u0041']`, String.raw`\u0041`],
    ])('keeps the backslash in %s', (text, name) => {
      // Act
      const path = parsed(text);
      // Assess
      expect(path.segments).toEqual([{ kind: 'property', name }]);
    });

    it('keeps backslashes in every member of a union', () => {
      // Act
      const path = parsed(String.raw`$['a\'b', "c\"d"]`);
      // Assess
      expect(path.segments).toEqual([{ kind: 'union', members: [String.raw`a\'b`, String.raw`c\"d`] }]);
    });

    it('does not end a name at an escaped quote', () => {
      // Act
      const r = parsePath(String.raw`$['a\']`);
      // Assess
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('unterminated string');
    });
  });

  it('returns the cached result for the same text', () => {
    expect(parsePath('$.cached')).toBe(parsePath('$.cached'));
  });

  it('rejects a non-string without throwing', () => {
    expect(parsePath(42 as unknown as string).ok).toBe(false);
  });
});
