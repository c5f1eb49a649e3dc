import { parsePath } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { compilePath } from '../../src/paths/compilePath.js';
import { StatesFailure } from '../../src/StatesFailure.js';
import { runExecution, VirtualClock } from '@step/interpreter';

/** Evaluates `text` against `input` the way a state's InputPath does. */
const run = (text: string, input: JsonValue, variables: Record<string, JsonValue> = {}): JsonValue | undefined => {
  const r = parsePath(text);
  if (!r.ok) throw new Error(r.message);
  return compilePath(r.path)({ input, context: { Execution: { Name: 'e1' } }, variables });
};

/** Items with an `id` so that a row lists only the ids a filter keeps. */
const items: JsonValue = [
  { id: 1, name: 'apple', qty: 3, price: 1.5, tags: ['red', 'fruit'], code: '3', ok: true, note: null },
  { id: 2, name: 'Banana', qty: 0, price: 0.25, tags: ['yellow', 'fruit'], code: 'x', ok: false },
  { id: 3, name: '', qty: 10, tags: [], sub: { deep: 'yes' } },
  { id: 4, name: 'cherry', qty: '10', tags: ['red'], sub: { deep: 'no' } },
];
const ids = (filter: string, root: JsonValue = { items }): unknown => {
  const out = run(`$.items[?(${filter})]`, root);
  return Array.isArray(out) ? out.map((o) => (o as { id: number }).id) : out;
};

describe('JSONPath filters with Jayway semantics (AWS)', () => {
  it.each<[string, number[]]>([
    // equality: numbers and strings compare across types with ==, not with ===
    ['@.qty == 10', [3, 4]],
    ['@.qty === 10', [3]],
    ["@.qty == '10'", [3, 4]],
    ['@.code == 3', [1]],
    ['@.qty != 10', [1, 2]],
    ['@.qty !== 10', [1, 2, 4]],
    ["@.name == 'apple'", [1]],
    ['@.name == "apple"', [1]],
    ['@.ok == true', [1]],
    ['@.ok == false', [2]],
    ['@.note == null', [1]],
    // a missing path equals nothing; != and !== on it are true
    ['@.missing == 1', []],
    ['@.missing != 1', [1, 2, 3, 4]],
    // ordering only within numbers or within strings
    ['@.qty > 2', [1, 3]],
    ['@.qty >= 3', [1, 3]],
    ['@.qty < 3', [2]],
    ['@.qty <= 3', [1, 2]],
    ["@.name < 'b'", [1, 2, 3]], // UTF-16 order, as Java's compareTo: 'B' < 'b'
    ["@.name > 'B'", [1, 2, 4]],
    ['@.price < 1', [2]],
    // regex: whole text, flags
    ['@.name =~ /a.*e/', [1]],
    ['@.name =~ /ppl/', []],
    ['@.name =~ /banana/i', [2]],
    ['@.name =~ /b.*|c.*/', [4]],
    ['@.qty =~ /1\\d/', [3, 4]],
    ['@.missing =~ /.*/', [1, 2, 3, 4]],
    // list operators
    ["@.name in ['apple', 'cherry']", [1, 4]],
    ['@.qty in [0, 3]', [1, 2]],
    ["@.qty in ['3']", [1]],
    ["@.name nin ['apple', 'cherry']", [2, 3]],
    ["@.tags subsetof ['red', 'fruit']", [1, 3, 4]],
    ["@.tags anyof ['red', 'blue']", [1, 4]],
    ["@.tags noneof ['red']", [2, 3]],
    ["@.tags contains 'fruit'", [1, 2]],
    ["@.name contains 'an'", [2]],
    ["@.missing anyof ['red']", []],
    ["@.missing noneof ['red']", []],
    ["@.missing nin ['red']", [1, 2, 3, 4]],
    // size and empty on strings and arrays
    ['@.tags size 2', [1, 2]],
    ['@.name size 6', [2, 4]],
    ['@.tags size 2.9', [1, 2]],
    ['@.sub size 1', []],
    ['@.tags empty true', [3]],
    ['@.name empty true', [3]],
    ['@.tags empty false', [1, 2, 4]],
    ['@.qty empty false', [4]],
    // existence: a path that is there, even null or false
    ['@.sub', [3, 4]],
    ['@.note', [1]],
    ['@.ok', [1, 2]],
    ['!@.sub', [1, 2]],
    // nested paths and bracket notation
    ["@.sub.deep == 'yes'", [3]],
    ["@['sub']['deep'] == 'no'", [4]],
    ["@.tags[0] == 'red'", [1, 4]],
    ["@.tags[-1] == 'fruit'", [1, 2]],
    // combinations
    ["@.qty > 0 && @.tags contains 'red'", [1]],
    ["@.qty == 0 || @.name == ''", [2, 3]],
    ["!(@.qty == 0 || @.name == '') && @.id > 1", [4]],
    ['(@.id == 1 || @.id == 2) && (@.ok == false)', [2]],
    ['@.id > 1 && @.id < 4 || @.id == 1', [1, 2, 3]],
  ])('[?(%s)] keeps %j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('compares with the root ($) of the path inside a filter', () => {
    const root = { limit: 2, wanted: ['apple', 'Banana'], items };
    expect(ids('@.id <= $.limit', root)).toEqual([1, 2]);
    expect(ids('@.name in $.wanted', root)).toEqual([1, 2]);
    expect(ids('@.id == $.missing', root)).toEqual([]);
  });

  it('compares whole arrays and objects with ==', () => {
    expect(ids("@.tags == ['red']")).toEqual([4]);
    expect(ids('@.tags == []')).toEqual([3]);
    expect(ids('@.sub == @.sub')).toEqual([3, 4]);
  });

  it('reads escapes in string literals', () => {
    expect(run("$[?(@.s == 'it\\'s')].s", [{ s: "it's" }, { s: 'its' }])).toEqual(["it's"]);
  });

  it('keeps the recorded AWS case: $.users[?(@.status == 0)]', () => {
    const input = {
      users: [
        { year: 1997, status: 0 },
        { year: 1998, status: 1 },
      ],
    };
    expect(run('$.users[?(@.status == 0)]', input)).toEqual([{ year: 1997, status: 0 }]);
  });

  it('applies a filter on an object to the object itself, and skips primitives', () => {
    expect(run('$.o[?(@.a == 1)]', { o: { a: 1 } })).toEqual([{ a: 1 }]);
    expect(run('$.o[?(@.a == 2)]', { o: { a: 1 } })).toEqual([]);
    expect(run('$.o[?(@.a == 1)]', { o: 5 })).toEqual([]);
  });

  it('continues after a filter and filters on variables and the context', () => {
    expect(run('$.items[?(@.qty > 2)].name', { items })).toEqual(['apple', '']);
    expect(run('$v[?(@ > 1)]', null, { v: [1, 2, 3] })).toEqual([2, 3]);
    expect(run("$$.Execution[?(@.Name == 'e1')].Name", null)).toEqual(['e1']);
  });

  it('filters on nested filters inside an operand path', () => {
    const input = { groups: [{ m: [{ r: 'x' }] }, { m: [{ r: 'y' }] }] };
    expect(run("$.groups[?(@.m[?(@.r == 'y')] size 1)]", input)).toEqual([{ m: [{ r: 'y' }] }]);
  });

  it('fails with States.Runtime for a regex JavaScript cannot run, naming the filter', () => {
    expect(() => run('$.items[?(@.name =~ /a*+/)]', { items })).toThrow(StatesFailure);
    expect(() => run('$.items[?(@.name =~ /a*+/)]', { items })).toThrow(/possessive/);
    expect(() => run('$.items[?(@.name =~ /a/x)]', { items })).toThrow(/flag 'x'/);
  });

  it('bounds a catastrophically backtracking regex', () => {
    const input = { items: [{ s: 'a'.repeat(40) + '!' }] };
    expect(() => run('$.items[?(@.s =~ /(a+)+b/)]', input)).toThrow(/matching limit/);
  }, 20_000);
});

describe('JSONPath recursive descent (..)', () => {
  const doc: JsonValue = {
    store: {
      book: [
        { title: 'A', price: 8, isbn: 'x' },
        { title: 'B', price: 12 },
      ],
      bicycle: { color: 'red', price: 20 },
    },
    price: 1,
  };

  it.each<[string, JsonValue]>([
    ['$..price', [1, 8, 12, 20]],
    ['$..title', ['A', 'B']],
    ['$.store..price', [8, 12, 20]],
    ['$..book[0].title', ['A']],
    ['$..book[*].title', ['A', 'B']],
    ['$..[?(@.price > 10)].title', ['B']],
    ['$..[?(@.isbn)].title', ['A']],
    ['$..book[?(@.price < 10)].title', ['A']],
    ['$..missing', []],
  ])('%s gives %j', (path, expected) => {
    expect(run(path, doc)).toEqual(expected);
  });

  it('$..* lists every descendant, each container’s children before their own', () => {
    expect(run('$..*', { a: { b: 1 }, c: [2] })).toEqual([{ b: 1 }, [2], 1, 2]);
  });

  it('$..[0] takes the first element of every array at or below', () => {
    expect(run('$..[0]', { a: [1, [2, 3]], b: { c: [4] } })).toEqual([1, 2, 4]);
  });
});

describe('filters in a running state machine', () => {
  const machine = (params: Record<string, string>) => ({
    StartAt: 'P',
    States: { P: { Type: 'Pass', Parameters: params, End: true } },
  });

  it('evaluates Jayway operators in Parameters', async () => {
    const result = await runExecution(
      machine({ 'picked.$': "$.items[?(@.tag in ['a', 'c'] && @.n size 2)].n", 'deep.$': '$..d' }),
      {
        input: {
          items: [
            { tag: 'a', n: 'xy' },
            { tag: 'b', n: 'zz' },
            { tag: 'c', n: 'w', d: 1 },
          ],
        },
        clock: new VirtualClock(0),
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ picked: ['xy'], deep: [1] });
  });

  it('fails the execution with States.Runtime on a regex JavaScript cannot run', async () => {
    const result = await runExecution(machine({ 'x.$': '$.items[?(@.n =~ /(?i)a/)]' }), {
      input: { items: [{ n: 'A' }] },
      clock: new VirtualClock(0),
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/inline flags/);
  });
});
