import { checkFilterExpression } from '../../src/jsonpath/checkFilterExpression.js';

describe('checkFilterExpression', () => {
  it.each([
    '@.qty > 0 && @.sku',
    '@.*',
    '@..price < 10',
    '@.a.[0] == 1',
    "@.name == 'it\\'s'",
    '@.tags anyof ["a", "b"]',
    '@.list empty false',
    '@.a noneof [1, 2] || !(@.b)',
    "@['a]b'] == 1",
  ])('accepts %s', (expression) => {
    expect(checkFilterExpression(expression)).toBeUndefined();
  });

  it.each([
    ['@.qty >', "'>' has no value after it; compare with a value such as '@.qty > 0'"],
    ["@.a == 'x", "a string starting at position 7 is not closed; add '"],
    ['@.a in [1, 2', "a '[' at position 7 is not closed; add ']'"],
    ['@.a == 1 ||', "'||' has no condition after it; add one or remove '||'"],
    ['(@.a == 1', "a '(' is not closed; add ')'"],
    ['@.a == 1 )', "unexpected ')'"],
    ['@.a == nope', "expected a value to compare with '==', got 'nope'"],
    ['', 'expected a path such as @.qty at the end'],
  ])('rejects %s', (expression, message) => {
    expect(checkFilterExpression(expression)).toBe(message);
  });
});
