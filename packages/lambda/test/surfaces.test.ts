import middy from '@middy/core';
import { createTaskHandler, defineTask, InvalidTaskInputError, type LambdaTaskHandlers } from '@step/lambda';
import { createTaskMiddleware } from '@step/lambda/middleware';
import { createLambdaContext } from '@step/test-utils';

class OutOfStockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutOfStockError';
  }
}

const handlers: LambdaTaskHandlers = {
  Hello: (input: { Greeting?: string }) => ({ ...input, Greeting: input.Greeting || 'Hello World' }),
  Reserve: defineTask({
    input: (v: unknown): v is { sku: string } => typeof (v as { sku?: unknown } | null)?.sku === 'string',
    handler: ({ sku }) => {
      if (sku === 'none') throw new OutOfStockError(`no ${sku} left`);
      return { reserved: sku };
    },
  }),
  Remaining: (_input, context) => context.lambdaContext.getRemainingTimeInMillis(),
  Noop: () => undefined,
};

type Invoke = (event: unknown) => Promise<unknown>;

describe('createTaskHandler', () => {
  it('declares two parameters, so Node runtimes before nodejs24.x treat it as an async (not callback) handler', () => {
    expect(createTaskHandler(handlers)).toHaveLength(2);
  });
});

// Both surfaces are invoked as the Node Lambda runtime invokes a handler: handler(event, context) -> Promise.
// `createWithoutDefault` builds the surface without a defaultHandler; `withoutDefault` is what an event without
// Task then gets: the wrapper has nowhere to send it, the middleware lets it through to middy's base handler.
const surfaces: {
  surface: string;
  create: () => Invoke;
  createWithoutDefault: () => Invoke;
  withoutDefault: unknown;
}[] = [
  {
    surface: 'wrapper',
    create: () => {
      const handler = createTaskHandler(handlers, { defaultHandler: (event) => ({ default: event }) });
      return (event) => handler(event, createLambdaContext());
    },
    createWithoutDefault: () => {
      const handler = createTaskHandler(handlers);
      return (event) => handler(event, createLambdaContext());
    },
    withoutDefault: { rejects: 'UnknownTaskError' },
  },
  {
    surface: 'middleware',
    create: () => {
      const handler = middy().use(createTaskMiddleware(handlers, { defaultHandler: (event) => ({ default: event }) }));
      return (event) => handler(event, createLambdaContext()) as Promise<unknown>;
    },
    createWithoutDefault: () => {
      const handler = middy((event: unknown) => Promise.resolve({ base: event })).use(createTaskMiddleware(handlers));
      return (event) => handler(event, createLambdaContext());
    },
    withoutDefault: { resolves: { base: { Message: 'hi' } } },
  },
];

describe.each(surfaces)('$surface surface', ({ create, createWithoutDefault, withoutDefault }) => {
  it('dispatches an envelope to the handler named by Task', async () => {
    const invoke = create();

    await expect(invoke({ Task: 'Hello', Input: { Greeting: '' } })).resolves.toEqual({ Greeting: 'Hello World' });
    await expect(invoke({ Task: 'Reserve', Input: { sku: 'abc' } })).resolves.toEqual({ reserved: 'abc' });
  });

  it('sends an event without Task to the default handler', async () => {
    await expect(create()({ Message: 'hi' })).resolves.toEqual({ default: { Message: 'hi' } });
  });

  it('without a default handler, answers an event without Task as the surface documents', async () => {
    // Act
    const outcome = await createWithoutDefault()({ Message: 'hi' }).then(
      (value) => ({ resolves: value }),
      (error: Error) => ({ rejects: error.name }),
    );

    // Assess
    expect(outcome).toEqual(withoutDefault);
  });

  it('without a default handler, still dispatches envelopes (the base handler does not run)', async () => {
    const invoke = createWithoutDefault();

    await expect(invoke({ Task: 'Hello', Input: {} })).resolves.toEqual({ Greeting: 'Hello World' });
    await expect(invoke({ Task: 'Noop', Input: {} })).resolves.toBeUndefined(); // even a task that returns nothing
  });

  it('gives handlers the Lambda context the runtime passed', async () => {
    await expect(create()({ Task: 'Remaining', Input: null })).resolves.toBe(1234);
  });

  it.each([
    { event: { Task: 'Ship', Input: {} }, name: 'UnknownTaskError', message: /Task "Ship" has no handler/ },
    {
      event: { Task: 'Reserve', Input: { sku: 7 } },
      name: 'InvalidTaskInputError',
      message: /Task "Reserve" received invalid input/,
    },
    { event: { Task: 'Reserve', Input: { sku: 'none' } }, name: 'OutOfStockError', message: /^no none left$/ },
  ])('fails with error name $name', async ({ event, name, message }) => {
    // Act
    const error = await create()(event).catch((e: unknown) => e);

    // Assess: the runtime reports error.name as errorType, which Step Functions matches in Retry/Catch
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(name);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects bad input before the handler runs', async () => {
    const error = await create()({ Task: 'Reserve', Input: 'abc' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidTaskInputError);
    expect(error).toMatchObject({ taskName: 'Reserve', issues: ['the input validator rejected it'] });
  });
});
