import { createHash } from 'node:crypto';
import { parseIntrinsic } from '@step/asl';
import type { IntrinsicCall, JsonValue } from '@step/asl';
import { compileIntrinsic } from '../../src/intrinsics/index.js';
import { StatesFailure } from '../../src/StatesFailure.js';
import { scopeOf, testPathCompiler } from './testPathCompiler.js';

const FIXED_UUID = '3f1c9b9e-2a51-4a1e-9d8e-5b8c1d6f7a20';

function parse(text: string): IntrinsicCall {
  const parsed = parseIntrinsic(text);
  if (!parsed.ok) throw new Error(`test expression does not parse: ${parsed.message}`);
  return parsed.call;
}

function evaluate(
  text: string,
  input: JsonValue = {},
  options: { variables?: Record<string, JsonValue>; context?: JsonValue; random?: () => number } = {},
): JsonValue {
  const evaluator = compileIntrinsic(parse(text), testPathCompiler, 'value.$');
  return evaluator(scopeOf(input, options.variables, options.context), options.random ?? (() => 0.5), () => FIXED_UUID);
}

function failureOf(action: () => unknown): { error: string; cause: string } {
  try {
    action();
  } catch (e) {
    if (e instanceof StatesFailure) return { error: e.error, cause: e.failureCause };
    throw e;
  }
  throw new Error('expected a StatesFailure, but the call succeeded');
}

const CONTEXT: JsonValue = {
  StateMachine: { Name: 'order-flow' },
  Execution: { Input: { input_field: { constant_input_field: 'constant_value' } } },
};
const longText = 'x'.repeat(10_001);
const maxText = '😀'.repeat(10_000); // 10,000 code points, 20,000 UTF-16 units
const asciiText = 'a'.repeat(7_000);

describe('compileIntrinsic', () => {
  describe('evaluates every function', () => {
    it.each<[string, JsonValue, JsonValue]>([
      // States.Format
      ["States.Format('Hello {}!', $.name)", { name: 'Ann' }, 'Hello Ann!'],
      ["States.Format('Formatting argument {}.', $.v)", { v: '' }, 'Formatting argument .'],
      ["States.Format('{} {} {} {}', $.a, $.b, $.c, $.d)", { a: 1, b: 1.1, c: true, d: null }, '1 1.1 true null'],
      ["States.Format('{}', $.s)", { s: '{"Arg1": 1, "Arg2": []}' }, '{"Arg1": 1, "Arg2": []}'],
      ["States.Format('{}', $.o)", { o: { Id: 'arn:x', Name: 'm' } }, '{Id=arn:x, Name=m}'],
      ["States.Format('{}', $.a)", { a: ['x', 2, { k: null }, []] }, '[x, 2, {k=null}, []]'],
      ["States.Format('no placeholders')", {}, 'no placeholders'],
      ["States.Format('\\{\\}={}', 1)", {}, '{}=1'],
      ["States.Format('it\\'s {} \\\\ {}', 'a', 'b')", {}, "it's a \\ b"],
      ['States.Format($.t, $.v)', { t: 'T={}', v: 7 }, 'T=7'],
      ["States.Format('{}-{}', States.MathAdd(1, 2), States.UUID())", {}, `3-${FIXED_UUID}`],
      // States.StringToJson
      ['States.StringToJson($.s)', { s: '{"Arg1": 1, "Arg2": []}' }, { Arg1: 1, Arg2: [] }],
      ['States.StringToJson($.s)', { s: '[1, 2, "HelloWorld"]' }, [1, 2, 'HelloWorld']],
      ['States.StringToJson($.s)', { s: '' }, null],
      ['States.StringToJson($.s)', { s: 'null' }, null],
      ['States.StringToJson($.s)', { s: '-0' }, 0],
      ['States.StringToJson($.s)', { s: '1.1' }, 1.1],
      ['States.StringToJson($.s)', { s: 'true' }, true],
      // States.JsonToString
      ['States.JsonToString($.v)', { v: null }, 'null'],
      ['States.JsonToString($.v)', { v: 1.1 }, '1.1'],
      ['States.JsonToString($.v)', { v: [1, 2, 'HelloWorld'] }, '[1,2,"HelloWorld"]'],
      ['States.JsonToString($.v)', { v: { b: 1, a: { c: [true] } } }, '{"b":1,"a":{"c":[true]}}'],
      // States.Array
      ['States.Array()', {}, []],
      ["States.Array('a', 1, true, null, $.o)", { o: { k: [] } }, ['a', 1, true, null, { k: [] }]],
      // States.ArrayPartition
      ['States.ArrayPartition($.a, 3)', { a: [0, 1, 2, 3] }, [[0, 1, 2], [3]]],
      ['States.ArrayPartition($.a, 1)', { a: [0, 1] }, [[0], [1]]],
      ['States.ArrayPartition($.a, 5)', { a: [0, 1, 2] }, [[0, 1, 2]]],
      ['States.ArrayPartition($.a, 2)', { a: [] }, []],
      // States.ArrayContains
      ['States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] }, true],
      ['States.ArrayContains($.a, $.v)', { a: [{ '1': 2, '2': [] }], v: { '2': [], '1': 2 } }, true],
      ['States.ArrayContains($.a, $.v)', { a: [{ '1': 2, '2': [] }], v: [] }, false],
      ['States.ArrayContains($.a, $.v)', { a: [], v: null }, false],
      ['States.ArrayContains($.a, 1)', { a: ['1', true] }, false],
      // States.ArrayRange
      ['States.ArrayRange(0, 9, 3)', {}, [0, 3, 6, 9]],
      ['States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9]],
      ['States.ArrayRange(1, 9, 9)', {}, [1]],
      ['States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]],
      ['States.ArrayRange(5, 1, 2)', {}, []],
      ['States.ArrayLength(States.ArrayRange(1, 1000, 1))', {}, 1000],
      // States.ArrayGetItem
      ['States.ArrayGetItem($.a, 5)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 6],
      ['States.ArrayGetItem($.a, $.i)', { a: ['x', { y: 1 }], i: 1 }, { y: 1 }],
      ["States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)", {}, 'order'],
      // States.ArrayLength
      ['States.ArrayLength($.a)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9],
      ['States.ArrayLength($.a)', { a: [] }, 0],
      // States.ArrayUnique
      [
        'States.ArrayUnique($.a)',
        { a: [null, null, true, 1, 1, 1.1, '1', [], [], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }] },
        [null, true, 1, 1.1, '1', [], { a: 1, b: 2 }, { a: 1, b: 1 }],
      ],
      // States.Base64Encode / Base64Decode
      ['States.Base64Encode($.s)', { s: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
      ['States.Base64Encode($.s)', { s: '' }, ''],
      ["States.Base64Encode('héllo ✓')", {}, Buffer.from('héllo ✓', 'utf8').toString('base64')],
      ['States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'],
      ['States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU' }, 'Data to encode'],
      ['States.Base64Decode($.s)', { s: '' }, ''],
      ['States.Base64Decode(States.Base64Encode($.s))', { s: asciiText }, asciiText],
      ['States.Base64Encode($.s)', { s: maxText }, Buffer.from(maxText, 'utf8').toString('base64')],
      ['States.Hash($.s, $.alg)', { s: maxText, alg: 'SHA-256' }, createHash('sha256').update(maxText).digest('hex')],
      // States.Hash
      ["States.Hash('input data', 'SHA-1')", {}, 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
      ["States.Hash('input data', 'SHA-256')", {}, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
      [
        "States.Hash('input data', 'SHA-384')",
        {},
        'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562',
      ],
      [
        "States.Hash('input data', 'SHA-512')",
        {},
        '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
      ],
      ["States.Hash('input data', 'MD5')", {}, createHash('md5').update('input data').digest('hex')],
      // States.JsonMerge
      [
        'States.JsonMerge($.a, $.b, false)',
        { a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } },
        { a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 },
      ],
      ['States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: 1 }, b: { y: 2, z: 2 } }, { x: 1, y: 2, z: 2 }],
      [
        'States.JsonMerge($.a, $.b, false)',
        JSON.parse('{"a":{"__proto__":{"p":1}},"b":{"q":2}}') as JsonValue,
        JSON.parse('{"__proto__":{"p":1},"q":2}') as JsonValue,
      ],
      // States.MathAdd
      ['States.MathAdd($.a, $.b)', { a: -9, b: 3 }, -6],
      ['States.MathAdd($.a, $.b)', { a: 1.49, b: 1.5 }, 3],
      ['States.MathAdd($.a, $.b)', { a: 1.5, b: 1.51 }, 4],
      ['States.MathAdd($.a, $.b)', { a: -1.5, b: 0 }, -1],
      ['States.MathAdd($.a, $.b)', { a: -0.5, b: 0.5 }, 1],
      ['States.MathAdd($.a, $.b)', { a: -2.5, b: 0 }, -2],
      ['States.MathAdd($.a, $.b)', { a: 2.5, b: 0 }, 3],
      ['States.MathAdd($.a, $.b)', { a: 1.49, b: -1.49 }, 0],
      ['States.MathAdd($x, 1)', {}, 42],
      // States.StringSplit
      ['States.StringSplit($.s, $.d)', { s: '1,2,3,4,5', d: ',' }, ['1', '2', '3', '4', '5']],
      ['States.StringSplit($.s, $.d)', { s: ' , ', d: ',' }, [' ', ' ']],
      ['States.StringSplit($.s, $.d)', { s: ',,,,', d: ',' }, []],
      [
        'States.StringSplit($.s, $.d)',
        { s: 'split on T and \nnew line', d: 'T\n' },
        ['split on ', ' and ', 'new line'],
      ],
      ["States.StringSplit('Hello\nWorld', '\n')", {}, ['Hello', 'World']],
      ['States.StringSplit($.s, $.d)', { s: 'abc', d: '' }, ['abc']],
      // More AWS-recorded values (LocalStack's AWS-validated snapshots, not in the conformance folder)
      [
        "States.Format('fst={} and snd={}.', $.o, $.o)",
        { o: { Arg1: 1, Arg2: [] } },
        'fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.',
      ],
      ['States.StringToJson($.s)', { s: ' ' }, null],
      ['States.StringToJson($.s)', { s: '"HelloWorld"' }, 'HelloWorld'],
      ['States.JsonToString($.v)', { v: 'HelloWorld' }, '"HelloWorld"'],
      ['States.JsonToString($.v)', { v: { Arg1: 1, Arg2: [] } }, '{"Arg1":1,"Arg2":[]}'],
      [
        'States.JsonMerge(States.StringToJson(\'{"constant_in_literal": "false"}\'), $$.Execution.Input.input_field, false)',
        {},
        { constant_in_literal: 'false', constant_input_field: 'constant_value' },
      ],
      [
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
        {},
        'flow',
      ],
      // States.UUID
      ['States.UUID()', {}, FIXED_UUID],
    ])('%s (case %#)', (text, input, expected) => {
      // Act
      const value = evaluate(text, input, { variables: { x: 41 }, context: CONTEXT });

      // Assess
      expect(value).toEqual(expected);
    });
  });

  describe('States.MathRandom', () => {
    it('uses the injected random source between start (inclusive) and end (exclusive)', () => {
      // Act
      const low = evaluate('States.MathRandom(1, 10)', {}, { random: () => 0 });
      const high = evaluate('States.MathRandom(1, 10)', {}, { random: () => 0.999999 });

      // Assess
      expect([low, high]).toEqual([1, 9]);
    });

    it('gives the same value for the same seed, whatever the random source', () => {
      // Act
      const values = [0, 0.3, 0.9].map((r) => evaluate('States.MathRandom(0, 1000000, 42)', {}, { random: () => r }));

      // Assess
      expect(new Set(values).size).toBe(1);
      expect(values[0]).toBeGreaterThanOrEqual(0);
      expect(values[0]).toBeLessThan(1000000);
    });

    it('gives values within range for many seeds, including power-of-two ranges', () => {
      // Act
      const values = Array.from({ length: 200 }, (_, seed) => [
        evaluate(`States.MathRandom(-5, 5, ${seed})`) as number,
        evaluate(`States.MathRandom(0, 64, ${seed})`) as number,
      ]);

      // Assess
      for (const [a, b] of values) {
        expect(a).toBeGreaterThanOrEqual(-5);
        expect(a).toBeLessThan(5);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(64);
      }
      expect(new Set(values.map(([a]) => a)).size).toBeGreaterThan(5);
    });

    it('reproduces java.util.Random for a seed', () => {
      // Act: new java.util.Random(42).nextInt(10) == 0, .nextInt(100) == 30; new java.util.Random(1).nextInt(1000) == 985
      const values = [
        'States.MathRandom(0, 10, 42)',
        'States.MathRandom(0, 100, 42)',
        'States.MathRandom(5, 1005, 1)',
      ].map((text) => evaluate(text));

      // Assess
      expect(values).toEqual([0, 30, 990]);
    });
  });

  describe('fails with States.IntrinsicFailure', () => {
    it.each<[string, JsonValue, string]>([
      [
        "States.Format('{} and {}', 1)",
        {},
        "The number of arguments to 'States.Format' (1) does not match the number of '{}' placeholders in the template (2).",
      ],
      [
        "States.Format('{}', 1, 2)",
        {},
        "The number of arguments to 'States.Format' (2) does not match the number of '{}' placeholders in the template (1).",
      ],
      ['States.Format($.t, 1)', { t: 5 }, "The first argument of 'States.Format' must be a string, but was number: 5"],
      ['States.StringToJson($.s)', { s: '{bad' }, "The argument of 'States.StringToJson' is not valid JSON: {bad"],
      [
        'States.StringToJson($.s)',
        { s: 1 },
        "The first argument of 'States.StringToJson' must be a string, but was number: 1",
      ],
      [
        'States.ArrayPartition($.a, 0)',
        { a: [1] },
        "The chunk size of 'States.ArrayPartition' must be a positive integer, but was 0.",
      ],
      [
        'States.ArrayPartition($.a, 1)',
        { a: 'x' },
        'The first argument of \'States.ArrayPartition\' must be an array, but was string: "x"',
      ],
      [
        "States.ArrayPartition($.a, 'x')",
        { a: [] },
        'The second argument of \'States.ArrayPartition\' must be a number, but was string: "x"',
      ],
      [
        'States.ArrayContains($.a, 1)',
        { a: {} },
        "The first argument of 'States.ArrayContains' must be an array, but was object: {}",
      ],
      ['States.ArrayRange(0, 10, 0)', {}, "The step of 'States.ArrayRange' must not be 0."],
      ['States.ArrayRange(0, 1000, 1)', {}, "'States.ArrayRange' would return 1001 items; the limit is 1000."],
      [
        'States.ArrayGetItem($.a, 3)',
        { a: [1, 2, 3] },
        "The index 3 of 'States.ArrayGetItem' is out of bounds for an array of length 3.",
      ],
      [
        'States.ArrayGetItem($.a, -1)',
        { a: [1, 2, 3] },
        "The index -1 of 'States.ArrayGetItem' is out of bounds for an array of length 3.",
      ],
      [
        'States.ArrayLength($.a)',
        { a: null },
        "The first argument of 'States.ArrayLength' must be an array, but was null: null",
      ],
      [
        'States.ArrayUnique($.a)',
        { a: 'x' },
        'The first argument of \'States.ArrayUnique\' must be an array, but was string: "x"',
      ],
      [
        'States.Base64Encode($.s)',
        { s: longText },
        "The input of 'States.Base64Encode' is 10001 characters long; the limit is 10000.",
      ],
      [
        'States.Base64Encode($.s)',
        { s: [] },
        "The first argument of 'States.Base64Encode' must be a string, but was array: []",
      ],
      [
        'States.Base64Decode($.s)',
        { s: 'not base64!' },
        "The argument of 'States.Base64Decode' is not valid base64: not base64!",
      ],
      ['States.Base64Decode($.s)', { s: 'A' }, "The argument of 'States.Base64Decode' is not valid base64: A"],
      [
        'States.Base64Decode($.s)',
        { s: longText },
        "The input of 'States.Base64Decode' is 10001 characters long; the limit is 10000.",
      ],
      [
        'States.Hash($.s, $.alg)',
        { s: longText, alg: 'MD5' },
        "The input of 'States.Hash' is 10001 characters long; the limit is 10000.",
      ],
      [
        "States.Hash('x', 'SHA-3')",
        {},
        "The algorithm 'SHA-3' of 'States.Hash' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512.",
      ],
      [
        "States.Hash($.o, 'MD5')",
        { o: { a: 1 } },
        'The first argument of \'States.Hash\' must be a string, but was object: {"a":1}',
      ],
      [
        'States.JsonMerge($.a, $.b, true)',
        { a: {}, b: {} },
        "'States.JsonMerge' supports only shallow merging: its third argument must be false.",
      ],
      [
        'States.JsonMerge($.a, $.b, false)',
        { a: [], b: {} },
        "The first argument of 'States.JsonMerge' must be an object, but was array: []",
      ],
      [
        'States.JsonMerge($.a, $.b, false)',
        { a: {}, b: 1 },
        "The second argument of 'States.JsonMerge' must be an object, but was number: 1",
      ],
      [
        "States.JsonMerge($.a, $.b, 'no')",
        { a: {}, b: {} },
        'The third argument of \'States.JsonMerge\' must be a boolean, but was string: "no"',
      ],
      ['States.MathRandom(10, 10)', {}, "The end of 'States.MathRandom' (10) must be greater than its start (10)."],
      [
        "States.MathRandom('a', 10)",
        {},
        'The first argument of \'States.MathRandom\' must be a number, but was string: "a"',
      ],
      [
        "States.MathAdd($.a, '1')",
        { a: 1 },
        'The second argument of \'States.MathAdd\' must be a number, but was string: "1"',
      ],
      [
        'States.MathAdd($.a, 1)',
        { a: 2147483648 },
        "The first argument of 'States.MathAdd' must be an integer between -2147483648 and 2147483647, but was 2147483648.",
      ],
      [
        'States.StringSplit($.s, 1)',
        { s: 'a' },
        "The second argument of 'States.StringSplit' must be a string, but was number: 1",
      ],
    ])('%s (case %#)', (text, input, cause) => {
      // Act
      const failure = failureOf(() => evaluate(text, input));

      // Assess
      expect(failure).toEqual({ error: 'States.IntrinsicFailure', cause });
    });

    it.each<[IntrinsicCall, string]>([
      [{ name: 'States.Nope', args: [] }, "The function 'States.Nope' is not a known intrinsic function."],
      [
        { name: 'States.MathAdd', args: [{ kind: 'number', value: 1 }] },
        "The function 'States.MathAdd' expects 2 arguments but was given 1.",
      ],
      [
        { name: 'States.UUID', args: [{ kind: 'null' }] },
        "The function 'States.UUID' expects no arguments but was given 1.",
      ],
      [
        { name: 'States.Format', args: [] },
        "The function 'States.Format' expects at least 1 argument but was given 0.",
      ],
      [
        { name: 'States.MathRandom', args: [] },
        "The function 'States.MathRandom' expects 2 to 3 arguments but was given 0.",
      ],
    ])('for a call the parser would reject: %j', (call, cause) => {
      // Prepare
      const evaluator = compileIntrinsic(call, testPathCompiler, 'value.$');

      // Act
      const failure = failureOf(() => evaluator(scopeOf({}), Math.random, () => FIXED_UUID));

      // Assess
      expect(failure).toEqual({ error: 'States.IntrinsicFailure', cause });
    });
  });

  describe('fails with States.Runtime when a path argument selects nothing', () => {
    it.each<[string, JsonValue, string]>([
      [
        "States.Format('{}', $.missing)",
        { a: 1 },
        "The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"a\":1}'",
      ],
      [
        'States.Format($.nope, 1)',
        { other: 1 },
        "The JSONPath '$.nope' specified for the field 'value.$' could not be found in the input '{\"other\":1}'",
      ],
      [
        "States.ArrayLength(States.StringSplit($$.Execution.Input.no_such, ','))",
        {},
        "The JSONPath '$$.Execution.Input.no_such' specified for the field 'value.$' could not be found in the input '{}'",
      ],
      [
        'States.MathAdd($undefinedVar, 1)',
        {},
        "The JSONPath '$undefinedVar' specified for the field 'value.$' could not be found in the input '{}'",
      ],
    ])('%s with %j', (text, input, cause) => {
      // Act
      const failure = failureOf(() => evaluate(text, input));

      // Assess
      expect(failure).toEqual({ error: 'States.Runtime', cause });
    });

    it('names the field it was compiled for', () => {
      // Prepare
      const evaluator = compileIntrinsic(parse("States.Format('{}', $.x)"), testPathCompiler, 'CausePath');

      // Act
      const failure = failureOf(() => evaluator(scopeOf({}), Math.random, () => FIXED_UUID));

      // Assess
      expect(failure.cause).toBe(
        "The JSONPath '$.x' specified for the field 'CausePath' could not be found in the input '{}'",
      );
    });
  });

  it('evaluates the same compiled call repeatedly against different scopes', () => {
    // Prepare
    const evaluator = compileIntrinsic(parse('States.MathAdd($.i, 1)'), testPathCompiler, 'i.$');

    // Act
    let scope = scopeOf({ i: 0 });
    for (let n = 0; n < 100; n++) scope = scopeOf({ i: evaluator(scope, Math.random, () => FIXED_UUID) });

    // Assess
    expect(scope.input).toEqual({ i: 100 });
  });
});
