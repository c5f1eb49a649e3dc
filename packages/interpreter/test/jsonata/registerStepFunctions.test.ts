import { createHash } from 'node:crypto';
import { compileJsonataTemplate, QueryEvaluationFailure } from '../../src/jsonata/index.js';
import type { JsonataEvaluateOptions } from '../../src/jsonata/index.js';
import type { JsonValue } from '@step/asl';
import { PREFIX, scopeOf } from './helpers.js';

function run(expression: string, input: JsonValue = {}, options?: JsonataEvaluateOptions): Promise<JsonValue> {
  return compileJsonataTemplate(`{% ${expression} %}`, 'Output')(scopeOf(input), 'S', 2, options);
}

async function causeOf(expression: string, input: JsonValue = {}): Promise<string> {
  try {
    await run(expression, input);
  } catch (e) {
    if (e instanceof QueryEvaluationFailure) return e.failureCause;
    throw e;
  }
  throw new Error(`expected ${expression} to fail`);
}

function thrown(expression: string, detail: string): string {
  return `${PREFIX}The JSONata expression '${expression}' specified for the field 'Output' threw an error during evaluation. ${detail}`;
}

describe('Step Functions JSONata functions', () => {
  describe('$partition', () => {
    it.each<[JsonValue, number, JsonValue]>([
      [[0], 1, [[0]]],
      [[0], 5, [[0]]],
      [[0, 1, 2], 2, [[0, 1], [2]]],
      [[0, 1, 2, 3], 1, [[0], [1], [2], [3]]],
      [[0, 1, 2, 3], 4, [[0, 1, 2, 3]]],
      [
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        3,
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
      [[1, 2, 3], 2.9, [[1, 2], [3]]],
      [[], 2, []],
    ])('splits %j into chunks of %d', async (array, size, expected) => {
      // Act
      const output = await run('$partition($states.input.a, $states.input.n)', { a: array, n: size });

      // Assess
      expect(output).toEqual(expected);
    });

    it.each([0, -1, 0.5])('rejects chunk size %d', async (size) => {
      // Act
      const cause = await causeOf(`$partition([1, 2], ${size})`);

      // Assess
      expect(cause).toBe(
        thrown(`$partition([1, 2], ${size})`, `$partition: the chunk size must be a positive integer, but was ${size}`),
      );
    });

    it('rejects a chunk size that is not a number', async () => {
      // Act
      const cause = await causeOf('$partition([1, 2], "2")');

      // Assess
      expect(cause).toBe(
        thrown(
          '$partition([1, 2], "2")',
          'T0410: Argument 2 of function "partition" does not match function signature',
        ),
      );
    });
  });

  describe('$range', () => {
    it.each<[number, number, number, JsonValue]>([
      [0, 9, 3, [0, 3, 6, 9]],
      [0, 10, 3, [0, 3, 6, 9]],
      [1, 9, 2, [1, 3, 5, 7, 9]],
      [0, 10, 2, [0, 2, 4, 6, 8, 10]],
      [1, 9, 9, 1],
      [10, 0, -5, [10, 5, 0]],
      [0, 3.7, 1.2, [0, 1, 2, 3]],
    ])('builds $range(%d, %d, %d) as %j', async (start, end, step, expected) => {
      // Act
      const output = await run(`$range(${start}, ${end}, ${step})`);

      // Assess
      expect(output).toEqual(expected);
    });

    it('returns nothing for an empty range', async () => {
      // Act
      const cause = await causeOf('$range(5, 1, 1)');

      // Assess
      expect(cause).toBe(
        `${PREFIX}The JSONata expression '$range(5, 1, 1)' specified for the field 'Output' returned nothing (undefined).`,
      );
    });

    it.each([
      ['$range(0, 5, 0)', '$range: the step must be a non-zero integer, but was 0'],
      ['$range(0, 100000000, 1)', '$range: the range has 100000001 items, more than the limit of 10000000'],
      ['$range(0, "5", 1)', 'T0410: Argument 2 of function "range" does not match function signature'],
      ['$range(0, 5)', 'T0410: Argument 3 of function "range" does not match function signature'],
    ])('rejects %s', async (expression, detail) => {
      // Act
      const cause = await causeOf(expression);

      // Assess
      expect(cause).toBe(thrown(expression, detail));
    });
  });

  describe('$hash', () => {
    it.each([
      ['MD5', 'md5'],
      ['SHA-1', 'sha1'],
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ])('hashes with %s as lowercase hex', async (algorithm, nodeName) => {
      // Act
      const output = await run(`$hash("input data", "${algorithm}")`);

      // Assess
      expect(output).toBe(createHash(nodeName).update('input data').digest('hex'));
    });

    it.each([
      [
        '$hash("a", "SHA-3")',
        "$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'SHA-3'",
      ],
      [
        '$hash("a", "sha-256")',
        "$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was 'sha-256'",
      ],
      ['$hash(1, "MD5")', 'T0410: Argument 1 of function "hash" does not match function signature'],
      ['$hash("a")', 'T0410: Argument 2 of function "hash" does not match function signature'],
    ])('rejects %s', async (expression, detail) => {
      // Act
      const cause = await causeOf(expression);

      // Assess
      expect(cause).toBe(thrown(expression, detail));
    });
  });

  describe('$random', () => {
    it('reads the injected random source without a seed', async () => {
      // Act
      const output = await run('[$random(), $random()]', {}, { random: () => 0.25 });

      // Assess
      expect(output).toEqual([0.25, 0.25]);
    });

    it('gives the same number in [0, 1) for the same seed', async () => {
      // Act
      const output = (await run('[$random(42), $random(42), $random(7)]')) as number[];

      // Assess
      expect(output[0]).toBe(output[1]);
      expect(output[0]).not.toBe(output[2]);
      for (const n of output) {
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThan(1);
      }
    });

    it('rejects a seed that is not a number', async () => {
      // Act
      const cause = await causeOf('$random("x")');

      // Assess
      expect(cause).toBe(
        thrown('$random("x")', 'T0410: Argument 1 of function "random" does not match function signature'),
      );
    });
  });

  describe('$uuid', () => {
    it('reads the injected uuid source', async () => {
      // Act
      const output = await run('$uuid()', {}, { uuid: () => 'f0e1d2c3-0000-4000-8000-000000000000' });

      // Assess
      expect(output).toBe('f0e1d2c3-0000-4000-8000-000000000000');
    });

    it('generates a version 4 UUID by default', async () => {
      // Act
      const output = await run('$uuid()');

      // Assess
      expect(output).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('rejects arguments', async () => {
      // Act
      const cause = await causeOf('$uuid(1)');

      // Assess
      expect(cause).toBe(thrown('$uuid(1)', 'T0410: Argument 1 of function "uuid" does not match function signature'));
    });
  });

  describe('$parse', () => {
    it.each<[string, JsonValue]>([
      ['-0', 0],
      ['1', 1],
      ['1.1', 1.1],
      ['true', true],
      ['"HelloWorld"', 'HelloWorld'],
      ['[1, 2, "HelloWorld"]', [1, 2, 'HelloWorld']],
      ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }],
    ])('parses %s', async (text, expected) => {
      // Act
      const output = await run('$parse($states.input.text)', { text });

      // Assess
      expect(output).toEqual(expected);
    });

    it('rejects text that is not JSON', async () => {
      // Act
      const cause = await causeOf('$parse("{nope")');

      // Assess
      expect(cause).toMatch(/threw an error during evaluation\. \$parse: the argument is not valid JSON: /);
    });

    it('rejects a non-string argument', async () => {
      // Act
      const cause = await causeOf('$parse(1)');

      // Assess
      expect(cause).toBe(
        thrown('$parse(1)', 'T0410: Argument 1 of function "parse" does not match function signature'),
      );
    });
  });

  describe('$now and $millis', () => {
    it('read the injected clock once per evaluation', async () => {
      // Prepare
      let calls = 0;
      const now = (): number => {
        calls += 1;
        return Date.UTC(2026, 0, 2, 3, 4, 5, 600);
      };

      // Act
      const output = await run('[$now(), $millis(), $now("[Y0001]")]', {}, { now });

      // Assess
      expect(output).toEqual(['2026-01-02T03:04:05.600Z', Date.UTC(2026, 0, 2, 3, 4, 5, 600), '2026']);
      expect(calls).toBe(1);
    });
  });

  it('keeps the standard JSONata library', async () => {
    // Act
    const output = await run(
      '[$sum([1, 2]), $uppercase("a"), $merge([{"a": 1}, {"b": 2}]), $contains("hello$world", /^hello\\$/)]',
    );

    // Assess
    expect(output).toEqual([3, 'A', { a: 1, b: 2 }, true]);
  });
});
