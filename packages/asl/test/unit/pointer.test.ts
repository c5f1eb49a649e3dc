import { encodePointerToken, parsePointer, toPointer } from '@step/asl';

describe('encodePointerToken', () => {
  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
    [3, '3'],
  ])('encodes %j as %j', (token, expected) => {
    expect(encodePointerToken(token)).toBe(expected);
  });
});

describe('toPointer and parsePointer', () => {
  it('builds the root from no tokens', () => {
    expect(toPointer([])).toBe('');
    expect(parsePointer('')).toEqual([]);
  });

  it.each([[['States', 'a/b', 'Next']], [['States', '~x', 'Choices', 0, 'Next']]])('round-trips %j', (tokens) => {
    // Act
    const pointer = toPointer(tokens);
    // Assess
    expect(parsePointer(pointer)).toEqual(tokens.map(String));
  });
});
