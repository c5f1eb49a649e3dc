import { runExecution, VirtualClock } from '@step/interpreter';
import jsonata from 'jsonata';
import { needsEvaluationBounds } from '../../src/jsonata/evaluationLimits.js';

/** A JSONata Pass state whose Output is `expression`. */
const pass = (expression: string) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'P',
  States: { P: { Type: 'Pass', Output: `{% ${expression} %}`, End: true } },
});

describe('JSONata evaluation limits', () => {
  it.each([
    [
      '$pad of half a billion characters',
      "$pad('', 500000000)",
      /\$pad to a width of 500000000 is longer than 16777216 characters/,
    ],
    ['a range mapped over a range', '[1..100000].[1..100000]', /the steps produced more than 10000000 array items/],
    [
      'a string doubled without end',
      "($f := function($s) { $f($s & $s) }; $f('ab'))",
      /longer than 16777216|more than 67108864 characters/,
    ],
    [
      'many strings padded into one array',
      "[1..1000000].($pad('', 10000000))",
      /the strings built hold more than 67108864 characters/,
    ],
    [
      'a backtracking regular expression',
      "$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', /(a+)+b/)",
      /Regular expression \/\(a\+\)\+b\/ ran longer than the 1000 ms matching limit/,
    ],
    [
      'a backtracking $replace',
      "$replace('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', /(a|aa)+b/, 'x')",
      /ran longer than the 1000 ms matching limit/,
    ],
    [
      'a backtracking $contains',
      "$contains('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', /^(a+)+$/)",
      /ran longer than the 1000 ms matching limit/,
    ],
  ])('fails %s with States.QueryEvaluationError naming the limit', async (_name, expression, cause) => {
    // Act
    const result = await runExecution(pass(expression), { clock: new VirtualClock(0) });
    // Assess
    expect([result.status, result.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
    expect(result.cause).toMatch(
      /^An error occurred while executing the state 'P' \(entered at the event id #2\)\. The JSONata expression '.*' specified for the field 'Output' threw an error during evaluation\. /,
    );
    expect(result.cause).toMatch(cause);
  });

  it('keeps the process usable after a timed-out regular expression', async () => {
    // Prepare
    await runExecution(pass("$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', /(a+)+b/)"));
    // Act
    const result = await runExecution(
      pass(
        "[$match('a1b22c333', /[0-9]+/).match, $replace('a-b-c', /-/, '+'), $split('x,y', /,/), $contains('abc', /B/i)]",
      ),
    );
    // Assess
    expect([result.status, result.output]).toEqual(['SUCCEEDED', ['1', '22', '333', 'a+b+c', 'x', 'y', true]]);
  });

  it('matches regular expressions as JSONata does: groups, indexes and its zero-length error', async () => {
    // Act
    const groups = await runExecution(pass("$match('k1=v1;k2=v2', /(\\w+)=(\\w+)/)"));
    const zeroLength = await runExecution(pass("$replace('abc', /x*/, '-')"));
    // Assess
    expect(groups.output).toEqual([
      { match: 'k1=v1', index: 0, groups: ['k1', 'v1'] },
      { match: 'k2=v2', index: 6, groups: ['k2', 'v2'] },
    ]);
    expect(zeroLength.cause).toMatch(/D1004: Regular expression matches zero length string$/);
  });

  it.each([
    ["$pad('ab', 5)", 'ab   '],
    ["$pad('ab', -5, '#')", '###ab'],
    ["$pad('ab', 6, 'xyz')", 'abxyzx'],
    ["$pad('€😀', 4, '😀')", '€😀😀😀'],
    ["$pad('abcdef', 3)", 'abcdef'],
  ])('pads %s as JSONata does', async (expression, expected) => {
    // Act
    const result = await runExecution(pass(expression));
    // Assess
    expect(result.output).toBe(expected);
  });

  it('still allows large legitimate values', async () => {
    // Act
    const result = await runExecution(pass("$count([1..100000]) & ':' & $length($pad('', 100000, 'ab'))"));
    // Assess
    expect(result.output).toBe('100000:100000');
  });
});

describe('needsEvaluationBounds', () => {
  it.each([
    ['$merge([$states.input, {"last": {"b": $states.input.a.b, "first": $states.input.list[0]}}])', false],
    ['$states.input.i < $states.input.n ? "a" & $string($states.input.i) : -1', false],
    ['[1..100000].[1..100000]', true],
    ["$pad('', 5)", true],
    ['$states.input.a.($states.input.a)', true],
    ['$states.input.items[n > 1]', true],
    ['$map($states.input.items, function($v) { $v })', true],
    ["$match('a', /a/)", true],
  ])('says whether %s needs the evaluation bounds', (text, expected) => {
    // Act / Assess
    expect(needsEvaluationBounds(jsonata(text).ast())).toBe(expected);
  });
});
