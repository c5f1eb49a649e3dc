import fc from 'fast-check';
import type { JsonValue } from '@step/asl';
import { CompiledExpression } from '../../src/jsonata/CompiledExpression.js';
import { createRequire } from 'node:module';
import { compileFastAst, compileFastPath, FALLBACK } from '../../src/jsonata/compileFastPath.js';
import { toJsonValue } from '../../src/jsonata/toJsonValue.js';
import type { JsonataScope } from '../../src/jsonata/index.js';

const require_jsonata = (): ((text: string) => { ast(): unknown }) =>
  createRequire(import.meta.url)('jsonata') as (text: string) => { ast(): unknown };

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

const literal = fc.constantFrom('1', '0', '2.5', '-3', '"a"', '""', 'true', 'false', 'null');
const operand = fc.oneof(path, literal);
const operator = fc.constantFrom('+', '-', '*', '/', '%', '<', '<=', '>', '>=', '=', '!=', 'and', 'or');
const binary = fc.tuple(operand, operator, operand).map(([a, op, b]) => `${a} ${op} ${b}`);
const indexed = fc.tuple(path, fc.constantFrom('0', '1', '2')).map(([p, i]) => `${p}[${i}]`);
const small = fc.oneof(
  operand,
  binary,
  operand.map((o) => `-${o}`),
  indexed,
);
const objectExpression = fc
  .array(fc.tuple(fc.constantFrom('i', 'n', 'x', 'i'), small), { minLength: 1, maxLength: 3 })
  .map((pairs) => `{${pairs.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`);
const mergeExpression = fc
  .array(fc.oneof(path, objectExpression, literal), { minLength: 1, maxLength: 3 })
  .map((items) => `$merge([${items.join(', ')}])`);
const number = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, 1e308));
const scalarJson: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  number,
  fc.constantFrom('a', 'b', ''),
);
const shallowJson: fc.Arbitrary<JsonValue> = fc.oneof(
  scalarJson,
  fc.dictionary(
    key,
    fc.oneof(
      scalarJson,
      fc.dictionary(key, scalarJson, { maxKeys: 3 }),
      fc.array(
        fc.oneof(scalarJson, fc.dictionary(key, scalarJson, { maxKeys: 2 }), fc.array(scalarJson, { maxLength: 2 })),
        { maxLength: 3 },
      ),
    ),
    { maxKeys: 4 },
  ),
);

describe('compileFastPath', () => {
  it('gives the same result as JSONata for small expressions (arithmetic, comparisons, objects) on any JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(binary, objectExpression, small, mergeExpression),
        shallowJson,
        scalarJson,
        async (text, input, v) => {
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
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each<[string, JsonValue, unknown]>([
    ['$states.input.i < $states.input.n', { i: 1, n: 2 }, true],
    ['$states.input.i + 1', { i: 1 }, 2],
    ['{"i": $states.input.i + 1, "n": $states.input.n}', { i: 1, n: 3 }, { i: 2, n: 3 }],
    ['{"i": $states.input.missing}', {}, {}],
    ['$states.input.i + 1', { i: 'x' }, FALLBACK],
    ['$states.input.i / 0', { i: 1 }, FALLBACK],
    ['$states.input.i < $states.input.n', { i: 1, n: 'b' }, FALLBACK],
    ['$states.input.a = $states.input.b', { a: [1], b: [1] }, FALLBACK],
    ['$states.input.list[1]', { list: [5, 6] }, 6],
    ['$states.input.list[0]', { list: 5 }, FALLBACK],
    ['$merge([$states.input, {"b": 2}])', { a: 1, b: 1 }, { a: 1, b: 2 }],
    ['$merge([$states.input, 1])', { a: 1 }, FALLBACK],
  ])('computes %s of %j without JSONata', (text, input, expected) => {
    // Prepare
    const jsonata = require_jsonata();
    // Act
    const value = compileFastAst(jsonata(text).ast())!({ states: { input, context: {} }, variables: {} });
    // Assess
    expect(value).toEqual(expected);
  });

  it.each([
    '{"a": 1, "a": 2}',
    '$f()',
    '$states.input.a[-1] + 1',
    '$states.input.a[0].b',
    '[1, 2]',
    '$merge($states.input)',
    '$states.input.a ~> $string()',
    '$x ? 1 : 2',
  ])('leaves %s to JSONata', (text) => {
    expect(compileFastAst(require_jsonata()(text).ast())).toBeUndefined();
  });

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
