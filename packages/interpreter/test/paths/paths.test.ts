import { parsePath } from '@step/asl';
import type { JsonPathAst, JsonValue } from '@step/asl';
import { compilePath, explainMissing } from '../../src/paths/compilePath.js';
import { applyResultPath, ResultPathRef } from '../../src/paths/compileResultPath.js';
import { PathRef, readPath } from '../../src/paths/PathRef.js';
import { compileTemplateNode } from '../../src/paths/compileTemplate.js';
import { evalTemplate } from '../../src/paths/TemplateNode.js';
import { StatesFailure } from '../../src/StatesFailure.js';

const ast = (text: string): JsonPathAst => {
  const r = parsePath(text);
  if (!r.ok) throw new Error(r.message);
  return r.path;
};
const scope = (input: JsonValue, variables: Record<string, JsonValue> = {}, context: JsonValue = {}) => ({
  input,
  context,
  variables,
});
const env = { random: () => 0.5, uuid: () => 'u' };

describe('compilePath and readPath', () => {
  const input: JsonValue = { a: { b: [10, 20, 30] }, list: [{ n: 1 }, { n: 2 }, { m: 3 }], 'odd key': 1 };
  it.each([
    ['$', input],
    ['$.a.b[1]', 20],
    ['$.a.b[-1]', 30],
    ["$['odd key']", 1],
    ['$.list[*].n', [1, 2]],
    ['$.list[0:2].n', [1, 2]],
    ['$.a.b[0,2]', [10, 30]],
    ['$.missing', undefined],
    ['$.a.missing.deeper', undefined],
    ['$.missing[*]', []],
    ['$..n', [1, 2]],
  ])('reads %s', (text, expected) => {
    // Act
    const viaClosure = compilePath(ast(text))(scope(input));
    const viaRef = readPath(new PathRef(text, ast(text)), scope(input));
    // Assess
    expect(viaClosure).toEqual(expected);
    expect(viaRef).toEqual(expected);
  });

  it('reads variables and the context object', () => {
    // Act / Assess
    expect(readPath(new PathRef('$v.x', ast('$v.x')), scope({}, { v: { x: 5 } }))).toBe(5);
    expect(readPath(new PathRef('$$.State.Name', ast('$$.State.Name')), scope({}, {}, { State: { Name: 'S' } }))).toBe(
      'S',
    );
  });

  it.each([
    ['$.x', { a: 1 }, "No results for path: $['x']"],
    ['$.a.b', { a: 1 }, "No results for path: $['a']['b']"],
    ['$.no.such.path', {}, "Missing property in path $['no']"],
    ['$.a[3]', { a: [1] }, "No results for path: $['a'][3]"],
  ])('explains why %s selects nothing in AWS words', (text, input, message) => {
    // Act / Assess
    expect(explainMissing(ast(text), scope(input))).toBe(message);
  });
});

describe('applyResultPath', () => {
  it.each([
    [null, { a: 1 }, 2, { a: 1 }],
    ['$', { a: 1 }, 2, 2],
    ['$.r', { a: 1 }, 2, { a: 1, r: 2 }],
    ['$.x.y', { a: 1 }, 2, { a: 1, x: { y: 2 } }],
    ['$.x.y', { x: { z: 0 } }, 2, { x: { z: 0, y: 2 } }],
    ['$.arr[1]', { arr: [0, 0] }, 2, { arr: [0, 2] }],
  ])('ResultPath %j puts the result where it says', (path, raw, result, expected) => {
    // Prepare
    const before = JSON.stringify(raw);
    // Act
    const out = applyResultPath(new ResultPathRef(path === null ? null : ast(path)), raw, result);
    // Assess
    expect(out).toEqual(expected);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('payload templates', () => {
  it('evaluates paths, intrinsics and literals, and copies literal objects', () => {
    // Prepare
    const node = compileTemplateNode({
      'a.$': '$.x',
      lit: { k: [1] },
      'n.$': 'States.MathAdd($.x, 1)',
      arr: [{ 'y.$': '$.x' }],
    });
    // Act
    const first = evalTemplate(node, scope({ x: 1 }), env) as Record<string, JsonValue>;
    const second = evalTemplate(node, scope({ x: 1 }), env) as Record<string, JsonValue>;
    // Assess
    expect(first).toEqual({ a: 1, lit: { k: [1] }, n: 2, arr: [{ y: 1 }] });
    expect(first.lit).not.toBe(second.lit);
  });

  it('fails with the field and the input when a path selects nothing', () => {
    // Prepare
    const node = compileTemplateNode({ 'v.$': '$.nope' });
    // Act
    let error: unknown;
    try {
      evalTemplate(node, scope({ a: 1 }), env);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(StatesFailure);
    expect((error as StatesFailure).failureCause).toBe(
      "The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'",
    );
  });
});
