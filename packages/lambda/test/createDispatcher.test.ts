import { createDispatcher, UnknownTaskError } from '@step/lambda';
import { createLambdaContext } from '@step/test-utils';

class PaymentDeclinedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentDeclinedError';
  }
}

describe('createDispatcher', () => {
  it('passes the envelope Input to the handler named by Task', async () => {
    // Prepare
    const calls: string[] = [];
    const dispatch = createDispatcher({
      Hello: (input: { Greeting?: string }) => (calls.push('Hello'), { Greeting: input.Greeting || 'Hello World' }),
      Other: () => (calls.push('Other'), 'other'),
    });

    // Act
    const result = await dispatch({ Task: 'Hello', Input: { Greeting: '' } }, createLambdaContext());

    // Assess
    expect(result).toEqual({ Greeting: 'Hello World' });
    expect(calls).toEqual(['Hello']);
  });

  it('gives the handler its task name, the Lambda context and the raw event', async () => {
    // Prepare
    const seen: unknown[] = [];
    const dispatch = createDispatcher({ A: (_input, context) => void seen.push(context) });
    const context = createLambdaContext({ functionName: 'fn' });
    const event = { Task: 'A', Input: 1 };

    // Act
    await dispatch(event, context);

    // Assess
    expect(seen).toEqual([{ taskName: 'A', lambdaContext: context, event }]);
  });

  it('passes null when the envelope has no Input', async () => {
    const dispatch = createDispatcher({ A: (input: unknown) => ({ got: input }) });

    await expect(dispatch({ Task: 'A' })).resolves.toEqual({ got: null });
  });

  it('sends events without Task to the default handler, whole', async () => {
    // Prepare
    const defaultHandler = (event: unknown) => ({ echoed: event });
    const dispatch = createDispatcher({ Hello: () => 'hello' }, { defaultHandler });

    // Act
    const result = await dispatch({ Message: 'hi' }, createLambdaContext());

    // Assess
    expect(result).toEqual({ echoed: { Message: 'hi' } });
    await expect(dispatch({ Task: 'Hello', Input: {} })).resolves.toBe('hello');
  });

  it.each([
    {
      event: { Task: 'Nope', Input: {} },
      taskName: 'Nope',
      message: /Task "Nope" has no handler \(known tasks: "Hello"\)/,
    },
    { event: { Message: 'hi' }, taskName: undefined, message: /no "Task" field and no default handler/ },
    { event: 'just a string', taskName: undefined, message: /no "Task" field/ },
    { event: null, taskName: undefined, message: /no "Task" field/ },
  ])('rejects $event with UnknownTaskError', async ({ event, taskName, message }) => {
    // Prepare
    const dispatch = createDispatcher({ Hello: () => 'hello' });

    // Act
    const error = await dispatch(event).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UnknownTaskError);
    expect(error).toMatchObject({ name: 'UnknownTaskError', taskName, knownTasks: ['Hello'] });
    expect((error as Error).message).toMatch(message);
  });

  it('reports "none" as the known tasks of an empty handler map', async () => {
    const dispatch = createDispatcher({});

    await expect(dispatch({ Task: 'A' })).rejects.toThrow('known tasks: none');
    await expect(dispatch({})).rejects.toThrow(UnknownTaskError);
  });

  it.each([
    {
      kind: 'sync',
      handler: () => {
        throw new PaymentDeclinedError('card expired');
      },
    },
    { kind: 'async', handler: () => Promise.reject(new PaymentDeclinedError('card expired')) },
  ])('rethrows a $kind handler error unchanged so its name is the Step Functions error', async ({ handler }) => {
    const dispatch = createDispatcher({ Charge: handler });

    const error = await dispatch({ Task: 'Charge', Input: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({ name: 'PaymentDeclinedError', message: 'card expired' });
  });

  it.each([
    {
      kind: 'a subclass that sets no name',
      error: new (class CardExpiredError extends Error {})('expired'),
      name: 'CardExpiredError',
    },
    { kind: 'a plain Error', error: new Error('boom'), name: 'Error' },
    { kind: 'a TypeError', error: new TypeError('bad'), name: 'TypeError' },
  ])('reports $kind by the name $name', async ({ error, name }) => {
    const dispatch = createDispatcher(
      { A: () => Promise.reject(error) },
      {
        defaultHandler: () => {
          throw error;
        },
      },
    );

    await expect(dispatch({ Task: 'A' })).rejects.toMatchObject({ name });
    await expect(dispatch({})).rejects.toMatchObject({ name });
  });

  it('refuses a handler that is not a function', () => {
    expect(() => createDispatcher({ A: 'nope' as never })).toThrow('The handler for task "A" is not a function');
  });

  it('provides a local Lambda context when none is given', async () => {
    const dispatch = createDispatcher({ A: (_i, context) => context.lambdaContext.getRemainingTimeInMillis() });

    await expect(dispatch({ Task: 'A' })).resolves.toBeGreaterThan(0);
  });
});
