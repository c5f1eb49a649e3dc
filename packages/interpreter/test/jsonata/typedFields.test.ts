import {
  compileJsonataCondition,
  compileJsonataItems,
  compileJsonataNumber,
  compileJsonataString,
  QueryEvaluationFailure,
} from '../../src/jsonata/index.js';
import type { JsonValue } from '@step/asl';
import { PREFIX, scopeOf } from './helpers.js';

async function causeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof QueryEvaluationFailure) return e.failureCause;
    throw e;
  }
  throw new Error('expected a QueryEvaluationFailure');
}

describe('compileJsonataCondition', () => {
  it.each<[string | boolean, JsonValue, boolean]>([
    [true, {}, true],
    [false, {}, false],
    ['{% $states.input.age >= 18 %}', { age: 20 }, true],
    ['{% $states.input.age >= 18 %}', { age: 3 }, false],
    ['{% $not($states.input.result.done) %}', { result: { done: false } }, true],
    ['{% $states.input.str_value = "string literal" %}', { str_value: 'string literal' }, true],
  ])('evaluates %j against %j as %j', async (condition, input, expected) => {
    // Act
    const matched = await compileJsonataCondition(condition, 'Condition')(scopeOf(input), 'S', 2);

    // Assess
    expect(matched).toBe(expected);
  });

  it.each<[string, JsonValue, string]>([
    [
      '{% $states.input.flag %}',
      { flag: 'yes' },
      `returned an unexpected result type. Expected 'boolean', but was 'string' for value: "yes"`,
    ],
    [
      '{% $states.input.flag %}',
      { flag: 1 },
      `returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1`,
    ],
    [
      '{% $states.input.flag %}',
      { flag: null },
      `returned an unexpected result type. Expected 'boolean', but was 'null' for value: null`,
    ],
    [
      '{% $states.input.flag %}',
      { flag: [true] },
      `returned an unexpected result type. Expected 'boolean', but was 'array' for value: [true]`,
    ],
    ['{% $states.input.flag %}', {}, 'returned nothing (undefined).'],
  ])('fails %s on %j without applying truthiness', async (condition, input, detail) => {
    // Act
    const cause = await causeOf(compileJsonataCondition(condition, 'Condition')(scopeOf(input), 'S', 2));

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '$states.input.flag' specified for the field 'Condition' ${detail}`,
    );
  });
});

describe('compileJsonataNumber', () => {
  it.each<[unknown, JsonValue, number]>([
    [5, {}, 5],
    [0, {}, 0],
    ['{% $states.input.t %}', { t: 30 }, 30],
    ['{% $variable := 1 %}', {}, 1],
    ['{% $states.input.t * 1.5 %}', { t: 2 }, 3],
  ])('evaluates %j as %d', async (value, input, expected) => {
    // Act
    const seconds = await compileJsonataNumber(value, 'TimeoutSeconds')(scopeOf(input), 'S', 2);

    // Assess
    expect(seconds).toBe(expected);
  });

  it('fails a non-number result with the expected type', async () => {
    // Act
    const cause = await causeOf(
      compileJsonataNumber('{% $states.input.t %}', 'HeartbeatSeconds')(scopeOf({ t: '5' }), 'S', 2),
    );

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '$states.input.t' specified for the field 'HeartbeatSeconds' returned an unexpected result type. Expected 'number', but was 'string' for value: "5"`,
    );
  });

  it('fails a literal of the wrong type', async () => {
    // Act
    const cause = await causeOf(compileJsonataNumber('5', 'Seconds')(scopeOf(), 'S', 2));

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '"5"' specified for the field 'Seconds' returned an unexpected result type. Expected 'number', but was 'string' for value: "5"`,
    );
  });
});

describe('compileJsonataString', () => {
  it.each<[unknown, JsonValue, string]>([
    ['Exception', {}, 'Exception'],
    [' {% not an expression %}', {}, ' {% not an expression %}'],
    ['{% $states.input.error %}', { error: 'Exception' }, 'Exception'],
    ['{% $states.input.cause %}', { cause: 'This failed to due an Exception.' }, 'This failed to due an Exception.'],
    ['{% "Order " & $states.input.id & " failed" %}', { id: 7 }, 'Order 7 failed'],
  ])('evaluates %j as %j', async (value, input, expected) => {
    // Act
    const text = await compileJsonataString(value, 'Cause')(scopeOf(input), 'S', 2);

    // Assess
    expect(text).toBe(expected);
  });

  it('fails a non-string result with the expected type', async () => {
    // Act
    const cause = await causeOf(
      compileJsonataString('{% $states.input.code %}', 'Error')(scopeOf({ code: 42 }), 'S', 2),
    );

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '$states.input.code' specified for the field 'Error' returned an unexpected result type. Expected 'string', but was 'number' for value: 42`,
    );
  });
});

describe('compileJsonataItems', () => {
  it.each<[unknown, JsonValue, JsonValue]>([
    [[1, 'two', 3], {}, [1, 'two', 3]],
    [['{% $states.input.a %}', { b: '{% $states.input.b %}' }], { a: 1, b: 2 }, [1, { b: 2 }]],
    ["{% [1, 'two', 3] %}", {}, [1, 'two', 3]],
    ['{% $states.input.input_value %}', { input_value: [1, 2, 3] }, [1, 2, 3]],
    ['{% $states.input.list[] %}', { list: 'one' }, ['one']],
    [undefined, [4, 5], [4, 5]],
    [undefined, [], []],
  ])('evaluates Items %j against %j', async (items, input, expected) => {
    // Act
    const output = await compileJsonataItems(items)(scopeOf(input), 'S', 2);

    // Assess
    expect(output).toEqual(expected);
  });

  it.each<[string, JsonValue]>([
    ['string', 'string'],
    ['number', 1],
    ['boolean', true],
    ['object', { foo: 'bar' }],
    ['null', null],
  ])('fails a variable holding a %s', async (type, value) => {
    // Act
    const cause = await causeOf(compileJsonataItems('{% $ItemsVar %}')(scopeOf({}, { ItemsVar: value }), 'S', 2));

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${JSON.stringify(value)}`,
    );
  });

  it('fails a function result as an unsupported result type', async () => {
    // Act
    const cause = await causeOf(compileJsonataItems('{% $fn := function($x){$x} %}')(scopeOf(), 'S', 2));

    // Assess
    expect(cause).toBe(
      `${PREFIX}The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.`,
    );
  });

  it.each<[JsonValue]>([[{ foo: 'bar' }], [true], ['text'], [null]])(
    'fails a default (absent Items) input %j that is not an array',
    async (input) => {
      // Act
      const cause = await causeOf(compileJsonataItems(undefined)(scopeOf(input), 'S', 2));

      // Assess
      expect(cause).toBe(`${PREFIX}Map state input must be an array but was: ${JSON.stringify(input)}`);
    },
  );
});
