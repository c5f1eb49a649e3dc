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
    ['$$.Execution.Id', { kind: 'context' }, [{ kind: 'property', name: 'Execution' }, { kind: 'property', name: 'Id' }], true],
    ['$var', { kind: 'variable', name: 'var' }, [], true],
    ['$x.y[2]', { kind: 'variable', name: 'x' }, [{ kind: 'property', name: 'y' }, { kind: 'index', index: 2 }], true],
    ["$['a b']", { kind: 'input' }, [{ kind: 'property', name: 'a b' }], true],
    ['$["q"]', { kind: 'input' }, [{ kind: 'property', name: 'q' }], true],
    ['$.a[-1]', { kind: 'input' }, [{ kind: 'property', name: 'a' }, { kind: 'index', index: -1 }], true],
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
    ["$.a[?(@.b == 'x)')]", { kind: 'input' }, [{ kind: 'property', name: 'a' }, { kind: 'filter', expression: "@.b == 'x)'" }], false],
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
    ['$.a.[0]', 'expected a property name'],
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
