import fc from 'fast-check';
import type { JsonValue } from '@step/asl';
import { CompiledExpression } from '../../src/jsonata/CompiledExpression.js';
import { compileFastPath, FALLBACK } from '../../src/jsonata/compileFastPath.js';
import { toJsonValue } from '../../src/jsonata/toJsonValue.js';
import type { JsonataScope } from '../../src/jsonata/index.js';

const key = fc.constantFrom('a', 'b', 'items', 'and', 'constructor', 'x');
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const path = fc
  .tuple(fc.constantFrom('$states.input', '$states.result', '$v', '$w', '$sum'), fc.array(key, { maxLength: 3 }))
  .map(([root, steps]) => [root, ...steps].join('.'));

describe('compileFastPath', () => {
  it('gives the same result as JSONata for plain paths on any JSON', async () => {
    await fc.assert(
      fc.asyncProperty(path, json, json, async (text, input, v) => {
        // Prepare
        const scope: JsonataScope = { states: { input, context: {} }, variables: { v } };
        const fast = new CompiledExpression(text, 'Output');
        const slow = new CompiledExpression(text, 'Output', { fastPath: false });

        // Act
        const [fastResult, slowResult] = await Promise.allSettled([
          fast.evaluate(scope, 'S', 2, undefined),
          slow.evaluate(scope, 'S', 2, undefined),
        ]);

        // Assess
        const plain = (r: PromiseSettledResult<unknown>): unknown =>
          r.status === 'fulfilled' ? { value: toJsonValue(r.value) } : { reason: r.reason as unknown };
        expect(plain(fastResult)).toStrictEqual(plain(slowResult));
      }),
      { numRuns: 500 },
    );
  });

  it.each(['$states.input.and', '$a[0]', '$a.b[0]', '$states.input.a + 1', '$', '$$', '$a.`b c`', '$f()'])(
    'leaves %s to JSONata',
    (text) => {
      expect(compileFastPath(text)).toBeUndefined();
    },
  );

  it.each<[string, JsonValue, unknown]>([
    ['$states.input.a.b', { a: { b: 1 } }, 1],
    ['$states.input.a.b', { a: 5 }, undefined],
    ['$states.input.a.b', { a: [{ b: 1 }] }, FALLBACK],
    ['$states.input.a', { a: [1, 2] }, [1, 2]],
    ['$states.input.constructor', {}, FALLBACK],
  ])('reads %s of %j', (text, input, expected) => {
    // Act
    const value = compileFastPath(text)!({ states: { input, context: {} }, variables: {} });

    // Assess
    expect(value).toEqual(expected);
  });
});
