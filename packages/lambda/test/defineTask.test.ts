import { defineTask, InvalidTaskInputError, type LambdaTaskContext } from '@step/lambda';
import { createLambdaContext } from '@step/test-utils';

const context: LambdaTaskContext = { taskName: 'T', lambdaContext: createLambdaContext(), event: {} };

describe('defineTask', () => {
  it('returns the handler as is when no validator is given', () => {
    const handler = (n: number) => n + 1;

    expect(defineTask({ handler })).toBe(handler);
  });

  it.each([
    {
      kind: 'type guard',
      input: (v: unknown): v is { n: number } => typeof (v as { n?: unknown } | null)?.n === 'number',
      issues: ['the input validator rejected it'],
    },
    {
      kind: 'problem list',
      input: (v: unknown) => (typeof (v as { n?: unknown } | null)?.n === 'number' ? [] : ['n must be a number']),
      issues: ['n must be a number'],
    },
    {
      kind: 'parse schema',
      input: {
        parse(v: unknown): { n: number } {
          if (typeof (v as { n?: unknown } | null)?.n !== 'number') throw new Error('n: expected number');
          return v as { n: number };
        },
      },
      issues: ['n: expected number'],
    },
    {
      kind: 'Standard Schema',
      input: {
        '~standard': {
          version: 1 as const,
          vendor: 'test',
          validate: (v: unknown) =>
            Promise.resolve(
              typeof (v as { n?: unknown } | null)?.n === 'number'
                ? { value: v as { n: number } }
                : { issues: [{ message: 'expected number', path: [{ key: 'n' }] }] },
            ),
        },
      },
      issues: ['n: expected number'],
    },
  ])('validates with a $kind and rejects bad input before the handler runs', async ({ input, issues }) => {
    // Prepare
    const calls: unknown[] = [];
    const handler = (value: { n: number }) => (calls.push(value), value.n * 2);
    const task = defineTask<{ n: number }, number>({ input, handler });

    // Act
    const good = await task({ n: 21 }, context);
    const bad = await Promise.resolve()
      .then(() => task({ n: 'x' }, context))
      .catch((e: unknown) => e);

    // Assess
    expect(good).toBe(42);
    expect(calls).toEqual([{ n: 21 }]);
    expect(bad).toBeInstanceOf(InvalidTaskInputError);
    expect(bad).toMatchObject({ name: 'InvalidTaskInputError', taskName: 'T', issues });
  });

  it('infers the handler input type from a type guard or a Standard Schema (checked by tsc)', async () => {
    // Prepare
    const fromGuard = defineTask({
      input: (v: unknown): v is { sku: string } => typeof (v as { sku?: unknown } | null)?.sku === 'string',
      handler: (item) => {
        // @ts-expect-error -- the input is { sku: string }: no `quantity`
        void item.quantity;
        return item.sku.toUpperCase();
      },
    });
    const schema = {
      '~standard': { version: 1 as const, vendor: 'test', validate: (v: unknown) => ({ value: Number(v) }) },
    };
    const fromSchema = defineTask({
      input: schema,
      handler: (n) => {
        // @ts-expect-error -- the input is a number
        void n.length;
        return n.toFixed(1);
      },
    });

    // Act and Assess
    await expect(Promise.resolve(fromGuard({ sku: 'tea' }, context))).resolves.toBe('TEA');
    await expect(Promise.resolve(fromSchema('2', context))).resolves.toBe('2.0');
  });

  it('uses the value returned by parse as the handler input', async () => {
    const task = defineTask({ input: { parse: (v: unknown) => Number(v) }, handler: (n) => n + 1 });

    await expect(Promise.resolve(task('41', context))).resolves.toBe(42);
  });
});
