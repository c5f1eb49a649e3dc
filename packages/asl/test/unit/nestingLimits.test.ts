import { findTooDeep } from '../../src/validate/nestingLimits.js';

describe('findTooDeep', () => {
  it('points at the first value nested deeper than the limit', () => {
    // Prepare
    const value = { a: [1, { 'b/c': { d: [] } }] };
    // Act / Assess
    expect(findTooDeep(value, 3)).toBe('/a/1/b~1c/d');
    expect(findTooDeep(value, 4)).toBeUndefined();
  });

  it('returns undefined for values that are not containers', () => {
    expect(findTooDeep(null, 0)).toBeUndefined();
    expect(findTooDeep('deep', 0)).toBeUndefined();
  });

  it('stops at the limit on input of any depth', () => {
    // Prepare
    let value: unknown = [];
    for (let i = 0; i < 200_000; i++) value = [value];
    // Act / Assess
    // the root is depth 0, so the first array deeper than 1000 is 1001 steps down
    expect(findTooDeep(value, 1000) === '/0'.repeat(1001)).toBe(true);
  });
});
