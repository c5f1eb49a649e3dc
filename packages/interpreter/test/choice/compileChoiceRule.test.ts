import { isStepError } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { compileChoiceRule } from '../../src/choice/index.js';
import { StatesFailure } from '../../src/StatesFailure.js';
import { scopeOf, testPathCompiler } from '../intrinsics/testPathCompiler.js';

type Rule = Record<string, unknown>;

function matches(rule: Rule, input: JsonValue, variables: Record<string, JsonValue> = {}): boolean {
  const predicate = compileChoiceRule({ ...rule, Next: 'N' }, testPathCompiler);
  return predicate(scopeOf(input, variables, { Execution: { Name: 'run-1' } }));
}

function failureOf(action: () => unknown): { error: string; cause: string } {
  try {
    action();
  } catch (e) {
    if (e instanceof StatesFailure) return { error: e.error, cause: e.failureCause };
    throw e;
  }
  throw new Error('expected a StatesFailure, but the rule evaluated');
}

const v = (operator: string, operand: unknown): Rule => ({ Variable: '$.v', [operator]: operand });
const vp = (operator: string): Rule => ({ Variable: '$.v', [operator]: '$.w' });

describe('compileChoiceRule', () => {
  describe('String operators', () => {
    it.each<[Rule, JsonValue, boolean]>([
      [v('StringEquals', 'abc'), { v: 'abc' }, true],
      [v('StringEquals', 'abc'), { v: 'abd' }, false],
      [v('StringEquals', '\t\r\n'), { v: '\t\n' }, false],
      [v('StringEquals', '1'), { v: 1 }, false],
      [v('StringEquals', 'null'), { v: null }, false],
      [v('StringLessThan', 'AB'), { v: 'A' }, true],
      [v('StringLessThan', ''), { v: '' }, false],
      [v('StringLessThan', 'b'), { v: 'B' }, true],
      [v('StringLessThan', 'b'), { v: 1 }, false],
      [v('StringGreaterThan', 'ABC'), { v: 'AB' }, false],
      [v('StringGreaterThan', 'A'), { v: 'A\t' }, true],
      [v('StringGreaterThan', 'a'), { v: ['b'] }, false],
      [v('StringLessThanEquals', ''), { v: '' }, true],
      [v('StringLessThanEquals', 'AB'), { v: 'A' }, true],
      [v('StringLessThanEquals', 'A'), { v: 'AB' }, false],
      [v('StringGreaterThanEquals', ''), { v: '' }, true],
      [v('StringGreaterThanEquals', 'AB'), { v: 'A' }, false],
      [v('StringGreaterThanEquals', 'a'), { v: true }, false],
      [vp('StringEqualsPath'), { v: 'Hello', w: 'Hello' }, true],
      [vp('StringEqualsPath'), { v: ' ', w: '     ' }, false],
      [vp('StringEqualsPath'), { v: 1, w: 1 }, false],
      [vp('StringLessThanPath'), { v: 'a', w: 'b' }, true],
      [vp('StringLessThanPath'), { v: '', w: '' }, false],
      [vp('StringGreaterThanPath'), { v: 'AB', w: 'ABC' }, false],
      [vp('StringGreaterThanPath'), { v: 'b', w: 'a' }, true],
      [vp('StringLessThanEqualsPath'), { v: 'AB', w: 'A' }, false],
      [vp('StringLessThanEqualsPath'), { v: 'A', w: 'A' }, true],
      [vp('StringGreaterThanEqualsPath'), { v: 'A', w: 'A' }, true],
      [vp('StringGreaterThanEqualsPath'), { v: 'A', w: 1 }, false],
    ])('%j on %j is %s', (rule, input, expected) => {
      expect(matches(rule, input)).toBe(expected);
    });
  });

  describe('StringMatches', () => {
    it.each<[string, JsonValue, boolean]>([
      ['log-*.txt', 'log-2024.txt', true],
      ['log-*.txt', 'log-.txt', true],
      ['log-*.txt', 'log-2024.csv', false],
      ['*', '', true],
      ['*', 'anything', true],
      ['a*b*c', 'abc', true],
      ['a*b*c', 'aXbYc', true],
      ['a*b*c', 'acb', false],
      ['a*a', 'a', false],
      ['*.log', 'app.log', true],
      ['test*', 'test', true],
      ['exact', 'exact', true],
      ['exact', 'exactly', false],
      ['**x**', 'yxy', true],
      ['a\\*b', 'a*b', true],
      ['a\\*b', 'aXb', false],
      ['a\\\\b', 'a\\b', true],
      ['a\\\\*', 'a\\anything', true],
      ['*\\*', 'star*', true],
      ['*\\*', 'star', false],
      ['x*', 1, false],
      ['*', null, false],
    ])('pattern %j against %j is %s', (pattern, value, expected) => {
      expect(matches(v('StringMatches', pattern), { v: value })).toBe(expected);
    });
  });

  describe('Numeric operators', () => {
    it.each<[Rule, JsonValue, boolean]>([
      [v('NumericEquals', 1), { v: 1 }, true],
      [v('NumericEquals', 1), { v: 1.0 }, true],
      [v('NumericEquals', 1), { v: 1.1 }, false],
      [v('NumericEquals', 0), { v: null }, false],
      [v('NumericEquals', 1), { v: '1' }, false],
      [v('NumericEquals', 1), { v: true }, false],
      [v('NumericEquals', 0), { v: false }, false],
      [v('NumericEquals', 0), { v: [] }, false],
      [v('NumericLessThan', 1), { v: 0 }, true],
      [v('NumericLessThan', 1), { v: 1 }, false],
      [v('NumericLessThan', 1), { v: '0' }, false],
      [v('NumericGreaterThan', 0), { v: 1 }, true],
      [v('NumericGreaterThan', 0), { v: 0 }, false],
      [v('NumericGreaterThan', 0), { v: {} }, false],
      [v('NumericLessThanEquals', 1), { v: 1 }, true],
      [v('NumericLessThanEquals', 1), { v: 1.5 }, false],
      [v('NumericLessThanEquals', 1), { v: null }, false],
      [v('NumericGreaterThanEquals', 1), { v: 1 }, true],
      [v('NumericGreaterThanEquals', 1), { v: 0.5 }, false],
      [v('NumericGreaterThanEquals', -1.5), { v: -1 }, true],
      [vp('NumericEqualsPath'), { v: 2.22, w: 2.22 }, true],
      [vp('NumericEqualsPath'), { v: 0, w: 1 }, false],
      [vp('NumericEqualsPath'), { v: '0', w: 0 }, false],
      [vp('NumericEqualsPath'), { v: 0, w: '0' }, false],
      [vp('NumericLessThanPath'), { v: 0, w: 1 }, true],
      [vp('NumericLessThanPath'), { v: 1, w: 1 }, false],
      [vp('NumericGreaterThanPath'), { v: 1, w: 0 }, true],
      [vp('NumericGreaterThanPath'), { v: 0, w: 0 }, false],
      [vp('NumericLessThanEqualsPath'), { v: 1, w: 1 }, true],
      [vp('NumericLessThanEqualsPath'), { v: 2, w: 1 }, false],
      [vp('NumericGreaterThanEqualsPath'), { v: 1, w: 1 }, true],
      [vp('NumericGreaterThanEqualsPath'), { v: 0, w: 1 }, false],
    ])('%j on %j is %s', (rule, input, expected) => {
      expect(matches(rule, input)).toBe(expected);
    });
  });

  describe('Boolean operators', () => {
    it.each<[Rule, JsonValue, boolean]>([
      [v('BooleanEquals', true), { v: true }, true],
      [v('BooleanEquals', false), { v: false }, true],
      [v('BooleanEquals', true), { v: false }, false],
      [v('BooleanEquals', true), { v: 'true' }, false],
      [v('BooleanEquals', false), { v: 0 }, false],
      [v('BooleanEquals', false), { v: '' }, false],
      [v('BooleanEquals', false), { v: null }, false],
      [v('BooleanEquals', false), { v: [] }, false],
      [vp('BooleanEqualsPath'), { v: true, w: true }, true],
      [vp('BooleanEqualsPath'), { v: false, w: false }, true],
      [vp('BooleanEqualsPath'), { v: false, w: true }, false],
      [vp('BooleanEqualsPath'), { v: null, w: false }, false],
      [vp('BooleanEqualsPath'), { v: 1, w: true }, false],
    ])('%j on %j is %s', (rule, input, expected) => {
      expect(matches(rule, input)).toBe(expected);
    });
  });

  describe('Timestamp operators', () => {
    const t = '2016-03-14T01:59:00Z';
    it.each<[Rule, JsonValue, boolean]>([
      [v('TimestampEquals', t), { v: t }, true],
      [v('TimestampEquals', t), { v: '2016-03-14T03:59:00+02:00' }, true],
      [v('TimestampEquals', t), { v: '2016-03-14T01:59:00.000000Z' }, true],
      [v('TimestampEquals', t), { v: '2016-03-14T01:59:00.000001Z' }, false],
      [v('TimestampEquals', t), { v: '2016-03-14 01:59:00Z' }, false],
      [v('TimestampEquals', t), { v: 1457920740000 }, false],
      [v('TimestampLessThan', t), { v: '2016-03-14T01:58:59.999Z' }, true],
      [v('TimestampLessThan', t), { v: t }, false],
      [v('TimestampLessThan', '2016-03-14T01:59:00.0000001Z'), { v: t }, true],
      [v('TimestampGreaterThan', t), { v: '2016-03-14T01:59:01Z' }, true],
      [v('TimestampGreaterThan', t), { v: '2016-03-14T02:59:00+02:00' }, false],
      [v('TimestampLessThanEquals', t), { v: t }, true],
      [v('TimestampLessThanEquals', t), { v: '2017-01-01T00:00:00Z' }, false],
      [v('TimestampGreaterThanEquals', t), { v: t }, true],
      [v('TimestampGreaterThanEquals', t), { v: '2015-01-01T00:00:00Z' }, false],
      [v('TimestampGreaterThanEquals', t), { v: 'not a timestamp' }, false],
      [vp('TimestampEqualsPath'), { v: t, w: '2016-03-13T20:29:00-05:30' }, true],
      [vp('TimestampEqualsPath'), { v: t, w: 'x' }, false],
      [vp('TimestampLessThanPath'), { v: '2016-01-01T00:00:00Z', w: t }, true],
      [vp('TimestampGreaterThanPath'), { v: '2016-01-01T00:00:00Z', w: t }, false],
      [vp('TimestampLessThanEqualsPath'), { v: t, w: t }, true],
      [vp('TimestampGreaterThanEqualsPath'), { v: t, w: t }, true],
      [vp('TimestampGreaterThanEqualsPath'), { v: null, w: t }, false],
    ])('%j on %j is %s', (rule, input, expected) => {
      expect(matches(rule, input)).toBe(expected);
    });
  });

  it('gives the right answer when one compiled timestamp rule sees changing values', () => {
    // Prepare
    const rule = compileChoiceRule({ Variable: '$.v', TimestampLessThanPath: '$.w', Next: 'N' }, testPathCompiler);
    const inputs: [JsonValue, JsonValue][] = [
      ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
      ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
      ['2022-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
      ['bad', '2021-01-01T00:00:00Z'],
      ['2020-01-01T00:00:00Z', '2019-12-31T23:59:59Z'],
      ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
    ];

    // Act
    const results = inputs.map(([v, w]) => rule(scopeOf({ v, w })));

    // Assess
    expect(results).toEqual([true, true, false, false, false, true]);
  });

  describe('Timestamp operators as recorded against AWS', () => {
    // LocalStack's AWS-validated test_timestamp_operators snapshot (timestamps normalised to "date" there, so the
    // cases are not in the conformance folder; values rebuilt from its test module, outcomes from the snapshot).
    const T0 = '2012-10-09T19:00:55Z';
    const T1 = '2012-10-09T19:00:56Z';
    const notTimestamps: JsonValue[] = [
      null,
      0,
      0.0,
      1,
      1.1,
      '',
      ' ',
      '2023-02-24 12:15:56.832957',
      [],
      [''],
      {},
      { A: 0 },
      false,
      true,
    ];
    it.each<[string, JsonValue, string, boolean]>([
      ...notTimestamps.map((value) => ['TimestampEquals', value, T0, false] as [string, JsonValue, string, boolean]),
      ['TimestampEquals', T0, T0, true],
      ['TimestampEquals', T0, T1, false],
      ['TimestampEquals', T1, T0, false],
      ['TimestampGreaterThan', T0, T0, false],
      ['TimestampGreaterThan', T0, T1, false],
      ['TimestampGreaterThan', T1, T0, true],
      ['TimestampGreaterThanEquals', T0, T0, true],
      ['TimestampGreaterThanEquals', T0, T1, false],
      ['TimestampGreaterThanEquals', T1, T0, true],
      ['TimestampLessThan', T0, T0, false],
      ['TimestampLessThan', T0, T1, true],
      ['TimestampLessThan', T1, T0, false],
      ['TimestampLessThanEquals', T0, T0, true],
      ['TimestampLessThanEquals', T0, T1, true],
      ['TimestampLessThanEquals', T1, T0, false],
    ])('%s: %j against %s is %s', (operator, variable, value, expected) => {
      expect(matches(v(operator, value), { v: variable })).toBe(expected);
    });

    it.each<[string, string, string, boolean]>([
      ['TimestampEqualsPath', T0, T0, true],
      ['TimestampEqualsPath', T0, T1, false],
      ['TimestampEqualsPath', T1, T0, false],
      ['TimestampGreaterThanPath', T0, T1, false],
      ['TimestampGreaterThanEqualsPath', T0, T1, false],
      ['TimestampLessThanPath', T1, T0, false],
      ['TimestampLessThanEqualsPath', T1, T0, false],
    ])('%s: %s against %s is %s', (operator, variable, value, expected) => {
      expect(matches(vp(operator), { v: variable, w: value })).toBe(expected);
    });
  });

  describe('type tests', () => {
    const values: [string, JsonValue][] = [
      ['null', null],
      ['string', 'HelloWorld'],
      ['empty string', ''],
      ['timestamp', '2012-10-09T19:00:55Z'],
      ['local date-time', '2012-10-09T19:00:55'],
      ['number', 1.1],
      ['zero', 0],
      ['true', true],
      ['false', false],
      ['array', []],
      ['object', { A: 0 }],
    ];
    const kinds: Record<string, string[]> = {
      IsNull: ['null'],
      IsString: ['string', 'empty string', 'timestamp', 'local date-time'],
      IsNumeric: ['number', 'zero'],
      IsBoolean: ['true', 'false'],
      IsTimestamp: ['timestamp'],
      IsPresent: values.map(([name]) => name),
    };
    const table = Object.entries(kinds).flatMap(([operator, positives]) =>
      values.flatMap(([name, value]) => [
        [operator, true, name, value, positives.includes(name)] as const,
        [operator, false, name, value, !positives.includes(name)] as const,
      ]),
    );

    it.each(table)('%s: %s on a %s value is %s', (operator, operand, _name, value, expected) => {
      expect(matches(v(operator, operand), { v: value })).toBe(expected);
    });

    it.each([
      [true, false],
      [false, true],
    ])('IsPresent: %s on a missing path is %s', (operand, expected) => {
      expect(matches({ Variable: '$.a.b', IsPresent: operand }, { a: {} })).toBe(expected);
    });
  });

  describe('And, Or, Not', () => {
    const positive = v('NumericGreaterThan', 0);
    const small = v('NumericLessThan', 10);
    it.each<[Rule, JsonValue, boolean]>([
      [{ And: [positive, small] }, { v: 5 }, true],
      [{ And: [positive, small] }, { v: 50 }, false],
      [{ And: [positive] }, { v: 5 }, true],
      [{ Or: [v('StringEquals', 'a'), v('StringEquals', 'b')] }, { v: 'b' }, true],
      [{ Or: [v('StringEquals', 'a'), v('StringEquals', 'b')] }, { v: 'c' }, false],
      [{ Or: [v('StringEquals', 'a')] }, { v: 'a' }, true],
      [{ Not: positive }, { v: -1 }, true],
      [{ Not: positive }, { v: 1 }, false],
      [{ Not: { And: [positive, { Not: small }] } }, { v: 50 }, false],
      [{ Or: [{ Variable: '$.missing', IsPresent: true }, positive] }, { v: 1 }, true],
      [
        { And: [{ Variable: '$.missing', IsPresent: false }, { Not: { Variable: '$.v', IsNull: true } }] },
        { v: 1 },
        true,
      ],
    ])('%j on %j is %s', (rule, input, expected) => {
      expect(matches(rule, input)).toBe(expected);
    });

    it('stops at the first deciding rule, so a later rule on a missing path is not evaluated', () => {
      // Act
      const and = matches(
        { And: [v('NumericGreaterThan', 100), { Variable: '$.missing', NumericEquals: 1 }] },
        { v: 1 },
      );
      const or = matches({ Or: [v('NumericGreaterThan', 0), { Variable: '$.missing', NumericEquals: 1 }] }, { v: 1 });

      // Assess
      expect([and, or]).toEqual([false, true]);
    });
  });

  describe('paths', () => {
    it.each<[Rule, JsonValue, Record<string, JsonValue>, boolean]>([
      [{ Variable: '$', StringEquals: 'root' }, 'root', {}, true],
      [{ Variable: '$.a[1].b', NumericEquals: 2 }, { a: [{}, { b: 2 }] }, {}, true],
      [{ Variable: "$['odd key']", BooleanEquals: true }, { 'odd key': true }, {}, true],
      [{ Variable: '$$.Execution.Name', StringEquals: 'run-1' }, {}, {}, true],
      [{ Variable: '$limit', NumericGreaterThanPath: '$.n' }, { n: 1 }, { limit: 5 }, true],
      [{ Variable: '$cfg.mode', StringEqualsPath: '$$.Execution.Name' }, {}, { cfg: { mode: 'run-1' } }, true],
    ])('%j on %j with variables %j is %s', (rule, input, variables, expected) => {
      expect(matches(rule, input, variables)).toBe(expected);
    });
  });

  describe('fails with States.Runtime when a path selects nothing', () => {
    it.each<[Rule, JsonValue, string]>([
      [{ Variable: '$.x', StringEquals: 'a' }, {}, "Invalid path '$.x' : No results for path: $['x']"],
      [{ Variable: '$.x', IsNull: true }, { y: 1 }, "Invalid path '$.x' : No results for path: $['x']"],
      [{ Variable: '$.a.b', NumericEquals: 1 }, { a: {} }, "Invalid path '$.a.b' : No results for path: $['a']['b']"],
      [
        { Variable: '$.no.such.path', NumericEquals: 1 },
        {},
        "Invalid path '$.no.such.path' : Missing property in path $['no']",
      ],
      [{ Variable: '$.a[3]', NumericEquals: 1 }, { a: [1] }, "Invalid path '$.a[3]' : No results for path: $['a'][3]"],
      [{ Variable: '$.v', NumericEqualsPath: '$.w' }, { v: 1 }, "Invalid path '$.w' : No results for path: $['w']"],
      [
        { Variable: '$.v', TimestampEqualsPath: '$.w.t' },
        { v: 1, w: {} },
        "Invalid path '$.w.t' : No results for path: $['w']['t']",
      ],
      [
        { Variable: '$$.Execution.Nope', StringEquals: 'a' },
        {},
        "Invalid path '$$.Execution.Nope' : No results for path: $$['Execution']['Nope']",
      ],
      [
        { Variable: '$cfg.mode', StringEquals: 'a' },
        {},
        "Invalid path '$cfg.mode' : No results for path: $cfg['mode']",
      ],
      [{ Not: { Variable: '$.x', BooleanEquals: true } }, {}, "Invalid path '$.x' : No results for path: $['x']"],
    ])('%j on %j', (rule, input, cause) => {
      // Act
      const failure = failureOf(() => matches(rule, input, { cfg: {} }));

      // Assess
      expect(failure).toEqual({ error: 'States.Runtime', cause });
    });
  });

  describe('throws a StepError for a malformed rule', () => {
    it.each<[Rule, RegExp]>([
      [{ Variable: '$.v' }, /has no comparison operator/],
      [{ Variable: '$.v', StringEquals: 'a', StringMatches: 'a' }, /two comparison operators/],
      [{ Variable: '$.v', StringContains: 'a' }, /is not a comparison operator/],
      [{ Variable: '$.v', BooleanLessThan: true }, /is not a comparison operator/],
      [{ Variable: 'v', StringEquals: 'a' }, /invalid path 'v'/],
      [{ Variable: 1, StringEquals: 'a' }, /must be a path string/],
      [{ StringEquals: 'a' }, /must be a path string/],
      [{ Variable: '$.v', NumericEquals: '1' }, /needs a number/],
      [{ Variable: '$.v', StringEquals: 1 }, /needs a string/],
      [{ Variable: '$.v', BooleanEquals: 'true' }, /needs true or false/],
      [{ Variable: '$.v', TimestampEquals: '2016-03-14' }, /needs an ISO-8601 timestamp/],
      [{ Variable: '$.v', IsNull: 'yes' }, /needs true or false/],
      [{ Variable: '$.v', IsPresent: 1 }, /needs true or false/],
      [{ Variable: '$.v', StringMatches: 1 }, /needs a pattern string/],
      [{ Variable: '$.v', NumericEqualsPath: 1 }, /must be a path string/],
      [{ And: [] }, /non-empty array/],
      [{ Or: {} }, /non-empty array/],
      [{ Not: [] }, /single rule object/],
      [{ Condition: '{% true %}' }, /JSONata/],
    ])('%j', (rule, message) => {
      // Act
      let thrown: unknown;
      try {
        compileChoiceRule(rule, testPathCompiler);
      } catch (e) {
        thrown = e;
      }

      // Assess
      expect(isStepError(thrown)).toBe(true);
      expect((thrown as Error).message).toMatch(message);
    });
  });
});
