import { compileJsonataTemplate, JsonataSyntaxError, QueryEvaluationFailure } from '../../src/jsonata/index.js';
import { isStepError } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { PREFIX, scopeOf } from './helpers.js';

async function failureOf(promise: Promise<unknown>): Promise<QueryEvaluationFailure> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof QueryEvaluationFailure) return e;
    throw e;
  }
  throw new Error('expected a QueryEvaluationFailure');
}

describe('compileJsonataTemplate', () => {
  describe('{% %} delimiters', () => {
    it.each<[string, JsonValue]>([
      ['{% 1 + 1 %}', 2],
      ['{%1 + 1%}', 2],
      ['{%   1 + 1   %}', 2],
      ['{%\n1 + 1\n%}', 2],
      [' {% 1 + 1 %}', ' {% 1 + 1 %}'],
      ['{% 1 + 1 %} ', '{% 1 + 1 %} '],
      ['\t{% 1 + 1 %}', '\t{% 1 + 1 %}'],
      ['{% 1 + 1 }', '{% 1 + 1 }'],
      ['{ 1 + 1 %}', '{ 1 + 1 %}'],
      ['{%}', '{%}'],
      ['$states.input', '$states.input'],
      ["States.Format('{}', 1)", "States.Format('{}', 1)"],
    ])('evaluates %j as %j', async (template, expected) => {
      // Act
      const output = await compileJsonataTemplate(template, 'Output')(scopeOf(), 'S', 2);

      // Assess
      expect(output).toEqual(expected);
    });
  });

  it('returns literal templates by reference without copying them', async () => {
    // Prepare
    const literal = { a: [1, { b: 'x' }], c: null, d: ' {% not %} ' };
    const evaluate = compileJsonataTemplate(literal, 'Output');

    // Act
    const first = await evaluate(scopeOf(), 'S', 2);
    const second = await evaluate(scopeOf(), 'S', 2);

    // Assess
    expect(first).toBe(literal);
    expect(second).toBe(literal);
  });

  it('shares literal subtrees of a template that also holds expressions', async () => {
    // Prepare
    const constant = { deep: [1, 2, 3] };
    const evaluate = compileJsonataTemplate({ constant, value: '{% $states.input %}' }, 'Output');

    // Act
    const output = (await evaluate(scopeOf(7), 'S', 2)) as { constant: unknown; value: unknown };

    // Assess
    expect(output).toEqual({ constant: { deep: [1, 2, 3] }, value: 7 });
    expect(output.constant).toBe(constant);
  });

  it('evaluates expressions at any depth of objects and arrays', async () => {
    // Prepare
    const evaluate = compileJsonataTemplate(
      { a: { b: ['{% $states.input.x %}', 2, { c: '{% $y & "!" %}' }] }, n: null, t: true },
      'Output',
    );

    // Act
    const output = await evaluate(scopeOf({ x: 1 }, { y: 'hi' }), 'S', 2);

    // Assess
    expect(output).toEqual({ a: { b: [1, 2, { c: 'hi!' }] }, n: null, t: true });
  });

  it('binds $states.input, $states.result, $states.errorOutput and $states.context', async () => {
    // Prepare
    const evaluate = compileJsonataTemplate(
      ['{% $states.input %}', '{% $states.result %}', '{% $states.errorOutput %}', '{% $states.context.State.Name %}'],
      'Output',
    );
    const scope = scopeOf(
      { i: 1 },
      {},
      { result: { r: 2 }, errorOutput: { Error: 'E', Cause: '' }, context: { State: { Name: 'S' } } },
    );

    // Act
    const output = await evaluate(scope, 'S', 2);

    // Assess
    expect(output).toEqual([{ i: 1 }, { r: 2 }, { Error: 'E', Cause: '' }, 'S']);
  });

  it('sees variables inherited from an outer scope', async () => {
    // Prepare
    const outer = { region: 'eu-west-1' };
    const inner = Object.assign(Object.create(outer) as Record<string, JsonValue>, { index: 3 });

    // Act
    const output = await compileJsonataTemplate('{% $region & "/" & $index %}', 'Output')(scopeOf({}, inner), 'S', 2);

    // Assess
    expect(output).toBe('eu-west-1/3');
  });

  it.each<[string, JsonValue]>([
    ['$map($states.input.list, function($v) { $v * $factor })', [2, 4]],
    ['$states.input.list[$ > $min]', 2],
    ['{"k": $label}', { k: 'L' }],
    ['$states.input.list^(>$)[0] + $factor', 4],
    ['$states.input ~> |$|{"tag": $label}|', { list: [1, 2], tag: 'L' }],
    ['($add := function($a) { $a + $factor }; $add(1))', 3],
    ['$states.input.list.($ & $label)', ['1L', '2L']],
  ])('binds variables used anywhere in %s', async (expression, expected) => {
    // Act
    const output = await compileJsonataTemplate(`{% ${expression} %}`, 'Output')(
      scopeOf({ list: [1, 2] }, { factor: 2, min: 1, label: 'L' }),
      'S',
      2,
    );

    // Assess
    expect(output).toEqual(expected);
  });

  it('lets a variable shadow a built-in function of the same name, as a binding does', async () => {
    // Act
    const output = await compileJsonataTemplate('{% $sum + 1 %}', 'Output')(scopeOf({}, { sum: 5 }), 'S', 2);

    // Assess
    expect(output).toBe(6);
  });

  it('returns plain arrays for JSONata sequences', async () => {
    // Act
    const output = await compileJsonataTemplate('{% $states.input.items[] %}', 'Output')(
      scopeOf({ items: [5] }),
      'S',
      2,
    );

    // Assess
    expect(output).toStrictEqual([5]);
    expect(Object.keys(output as object)).toEqual(['0']);
  });

  it('drops object members whose value is undefined inside an expression result', async () => {
    // Act
    const output = await compileJsonataTemplate('{% {"a": 1, "b": $nothing} %}', 'Output')(scopeOf(), 'S', 2);

    // Assess
    expect(output).toStrictEqual({ a: 1 });
  });

  describe('failures', () => {
    it.each([
      [
        '{% $doesNotExist %}',
        'Output',
        "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).",
      ],
      [
        { result: '{% $doesNotExist %}' },
        'Output',
        "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
      ],
      [
        { FunctionName: '{% $states.input.fn %}' },
        'Arguments',
        "The JSONata expression '$states.input.fn' specified for the field 'Arguments/FunctionName' returned nothing (undefined).",
      ],
      [
        { x: '{% $states.result %}' },
        'Assign',
        "The JSONata expression '$states.result' specified for the field 'Assign/x' returned nothing (undefined).",
      ],
      [
        { list: [1, '{% $nope %}'] },
        'Output',
        "The JSONata expression '$nope' specified for the field 'Output/list/1' returned nothing (undefined).",
      ],
      [
        { FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' },
        'Output',
        "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
      ],
      [
        '{% $eval("1 + 1") %}',
        'Output',
        "The JSONata expression '$eval(\"1 + 1\")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
      ],
      [
        '{% 1 + "a" %}',
        'Output',
        'The JSONata expression \'1 + "a"\' specified for the field \'Output\' threw an error during evaluation. T2002: The right side of the "+" operator must evaluate to a number',
      ],
      [
        '{% $formatNumber(1, "x") %}',
        'Output',
        expect.stringContaining(
          "specified for the field 'Output' threw an error during evaluation. ",
        ) as unknown as string,
      ],
      [
        '{% function($x) { $x } %}',
        'Output',
        "The JSONata expression 'function($x) { $x }' specified for the field 'Output' returned an unsupported result type.",
      ],
      [
        { f: '{% {"g": $uppercase} %}' },
        'Output',
        "The JSONata expression '{\"g\": $uppercase}' specified for the field 'Output/f' returned an unsupported result type.",
      ],
    ])("fails %j in field %s with AWS's cause", async (template, field, cause) => {
      // Act
      const failure = await failureOf(compileJsonataTemplate(template, field)(scopeOf(), 'S', 2));

      // Assess
      expect(failure.error).toBe('States.QueryEvaluationError');
      expect(failure.failureCause).toEqual(typeof cause === 'string' ? PREFIX + cause : cause);
    });

    it('reports the location and state of the failing field', async () => {
      // Act
      const failure = await failureOf(compileJsonataTemplate({ result: '{% $x %}' }, 'Output')(scopeOf(), 'Tally', 6));

      // Assess
      expect(failure).toMatchObject({ location: 'Output/result', stateName: 'Tally' });
      expect(failure.failureCause).toMatch(
        /^An error occurred while executing the state 'Tally' \(entered at the event id #6\)\. /,
      );
    });

    it('reports the first failing expression in document order', async () => {
      // Act
      const failure = await failureOf(
        compileJsonataTemplate({ a: '{% $first %}', b: '{% $second %}' }, 'Output')(scopeOf(), 'S', 2),
      );

      // Assess
      expect(failure.location).toBe('Output/a');
    });

    it('throws JsonataSyntaxError at compile time for an expression that does not parse', () => {
      // Act
      const compile = (): unknown => compileJsonataTemplate({ ok: '{% 1 %}', bad: '{% $states.input. %}' }, 'Output');

      // Assess
      expect(compile).toThrow(JsonataSyntaxError);
      try {
        compile();
      } catch (e) {
        expect(isStepError(e)).toBe(true);
        expect(e).toMatchObject({ name: 'JsonataSyntaxError', field: 'Output/bad', expression: '$states.input.' });
      }
    });
  });

  it('fails with a timeout when an evaluation runs past its time limit', async () => {
    // Prepare
    const evaluate = compileJsonataTemplate('{% $sum($map([1..2000], function($v) { $v * 2 })) %}', 'Output');

    // Act
    const failure = await failureOf(evaluate(scopeOf(), 'S', 2, { timeoutMs: -1 }));

    // Assess
    expect(failure.failureCause).toBe(
      `${PREFIX}The JSONata expression '$sum($map([1..2000], function($v) { $v * 2 }))' specified for the field 'Output' threw an error during evaluation. U1001: Expression evaluation timeout: Check for infinite loop`,
    );
  });

  it('stops a tail-recursive function that never ends', async () => {
    // Prepare: JSONata optimises tail calls, so this loops without growing the stack
    const text = '($loop := function($n) { $loop($n + 1) }; $loop(0))';
    const evaluate = compileJsonataTemplate(`{% ${text} %}`, 'Output');

    // Act
    const failure = await failureOf(evaluate(scopeOf(), 'S', 2, { timeoutMs: -1 }));

    // Assess
    expect(failure.failureCause).toBe(
      `${PREFIX}The JSONata expression '${text}' specified for the field 'Output' threw an error during evaluation. U1001: Expression evaluation timeout: Check for infinite loop`,
    );
  });

  it('bounds the time of an expression without functions too', async () => {
    // Prepare: a mapping over a range runs long without defining a function
    const evaluate = compileJsonataTemplate('{% $sum([1..2000].($ * 2)) %}', 'Output');

    // Act
    const failure = evaluate(scopeOf(), 'S', 2, { timeoutMs: -1 });

    // Assess
    await expect(failure).rejects.toMatchObject({ error: 'States.QueryEvaluationError' });
    await expect(failure).rejects.toThrow(/U1001: Expression evaluation timeout/);
  });

  it('keeps concurrent evaluations of one template apart', async () => {
    // Prepare
    const evaluate = compileJsonataTemplate({ v: '{% $v %}', id: '{% $uuid() %}' }, 'Output');

    // Act
    const outputs = await Promise.all(
      [1, 2, 3].map((v) => evaluate(scopeOf({}, { v }), 'S', 2, { uuid: () => `id-${v}` })),
    );

    // Assess
    expect(outputs).toEqual([
      { v: 1, id: 'id-1' },
      { v: 2, id: 'id-2' },
      { v: 3, id: 'id-3' },
    ]);
  });
});
