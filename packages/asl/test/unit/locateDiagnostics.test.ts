import fc from 'fast-check';
import { getPointerLocations, locateDiagnostics, validate } from '@step/asl';

const text = `{
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "B" },
    "a/b": {"Type":"Pass","Result":[1, {"x": "y\\"z"}, true],"End":true}
  }
}`;

describe('getPointerLocations', () => {
  it('maps pointers to where their key or value starts', () => {
    // Act
    const at = getPointerLocations(text);
    // Assess
    expect(at.get('')).toEqual({ line: 1, column: 1 });
    expect(at.get('/StartAt')).toEqual({ line: 2, column: 3 });
    expect(at.get('/States/A/Next')).toEqual({ line: 4, column: 28 });
    expect(at.get('/States/a~1b/Result/1/x')).toEqual({ line: 5, column: 41 });
    expect(at.get('/States/a~1b/End')).toEqual({ line: 5, column: 61 });
  });

  it('returns an empty map for invalid JSON', () => {
    expect(getPointerLocations('{"a": ').size).toBe(0);
  });

  it('handles scalars and empty containers', () => {
    expect([...getPointerLocations(' [ {}, [], 1.5e3, null ] ').keys()]).toEqual(['', '/0', '/1', '/2', '/3']);
  });
});

describe('locateDiagnostics', () => {
  it('adds line and column to the diagnostics of a text definition', () => {
    // Prepare
    const result = validate(text);
    // Act
    const located = locateDiagnostics(text, result.diagnostics);
    // Assess
    expect(located.map((d) => [d.path, d.line, d.column])).toEqual([
      ['/States/A/Next', 4, 28],
      ['/States/a~1b', 5, 5],
    ]);
    expect(result.diagnostics[0]?.line).toBeUndefined();
  });

  it('keeps diagnostics that already have a location or whose pointer is absent', () => {
    // Prepare
    const diagnostics = [
      { code: 'X', severity: 'error' as const, path: '/Nope', message: 'm' },
      { code: 'Y', severity: 'error' as const, path: '', message: 'm', line: 9, column: 9 },
    ];
    // Act / Assess
    expect(locateDiagnostics(text, diagnostics)).toEqual(diagnostics);
    expect(locateDiagnostics(text, [diagnostics[1]!])).toEqual([diagnostics[1]]);
  });
});

describe('getPointerLocations on random JSON', () => {
  it('locates every pointer of any JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        // Act
        const at = getPointerLocations(json);
        // Assess: one location per value, the root first
        return at.has('') && at.size === countValues(JSON.parse(json) as unknown);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

function countValues(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce((n: number, x) => n + countValues(x), 0);
  if (typeof v === 'object' && v !== null) {
    // duplicate keys collapse in JSON.parse and in pointers alike
    return 1 + Object.values(v).reduce((n: number, x) => n + countValues(x), 0);
  }
  return 1;
}
