import { lambdaErrorOf } from '@step/asl';

const UNREADABLE =
  'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack';

describe('lambdaErrorOf', () => {
  it.each([
    { name: 'a string', thrown: 'boom', expected: { errorType: 'string', errorMessage: 'boom', trace: [] } },
    { name: 'a number', thrown: 7, expected: { errorType: 'number', errorMessage: '7', trace: [] } },
    { name: 'a boolean', thrown: false, expected: { errorType: 'boolean', errorMessage: 'false', trace: [] } },
    {
      name: 'an object',
      thrown: { a: 1 },
      expected: { errorType: 'object', errorMessage: '[object Object]', trace: [] },
    },
    { name: 'an array', thrown: [1, 2], expected: { errorType: 'object', errorMessage: '1,2', trace: [] } },
    { name: 'undefined', thrown: undefined, expected: { errorType: 'handled', errorMessage: UNREADABLE } },
    { name: 'null', thrown: null, expected: { errorType: 'handled', errorMessage: UNREADABLE } },
    {
      name: 'an object without toString',
      thrown: Object.create(null) as object,
      expected: { errorType: 'handled', errorMessage: UNREADABLE },
    },
    {
      name: 'an error-like object',
      thrown: { name: 'E', message: 'm', stack: 'E: m\n  at x' },
      expected: { errorType: 'E', errorMessage: 'm', trace: ['E: m', '  at x'] },
    },
    {
      name: 'an object with an empty message',
      thrown: { name: 'E', message: '', stack: 's' },
      expected: { errorType: 'object', errorMessage: '[object Object]', trace: [] },
    },
  ])('reports $name as the Node.js Lambda runtime does', ({ thrown, expected }) => {
    expect(lambdaErrorOf(thrown)).toEqual(expected);
  });

  it('reports an Error by its name and message, DEL escaped', () => {
    // Prepare
    const error = new RangeError('bad\x7Fvalue');
    // Act
    const payload = lambdaErrorOf(error);
    // Assess
    expect(payload).toMatchObject({ errorType: 'RangeError', errorMessage: 'bad%7Fvalue' });
    expect(payload.trace?.[0]).toBe('RangeError: bad%7Fvalue');
  });
});
