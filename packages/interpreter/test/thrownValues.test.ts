import { compileMachine } from '@step/interpreter';

const machine = compileMachine({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:t', End: true } },
});
const UNREADABLE =
  'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack';

describe('a handler that throws something other than an Error', () => {
  it.each([
    { name: 'a string', thrown: 'out of stock', error: 'string', cause: 'out of stock' },
    { name: 'a number', thrown: 404, error: 'number', cause: '404' },
    { name: 'an object', thrown: { code: 'E1' }, error: 'object', cause: '[object Object]' },
    { name: 'undefined', thrown: undefined, error: 'handled', cause: UNREADABLE },
    { name: 'null', thrown: null, error: 'handled', cause: UNREADABLE },
  ])(
    'fails the task with the errorType and errorMessage the Lambda Node.js runtime gives $name',
    async ({ thrown, error, cause }) => {
      // Act
      const result = await machine.start({
        handlers: {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the non-Error case is the point
          T: () => Promise.reject(thrown),
        },
      }).result;
      // Assess
      expect(result).toMatchObject({ status: 'FAILED', error, cause });
    },
  );
});
