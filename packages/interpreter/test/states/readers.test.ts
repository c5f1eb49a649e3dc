import type { MapState, State } from '@step/asl';
import { VirtualClock } from '@step/interpreter';
import type { ExecutionCore } from '../../src/engine/ExecutionCore.js';
import { loadJsonata } from '../../src/engine/loadJsonata.js';
import type { CompiledState, Outcome } from '../../src/engine/model.js';
import { jsonataReader } from '../../src/engine/readers/jsonataReader.js';
import { jsonPathReader } from '../../src/engine/readers/jsonPathReader.js';
import type { FieldReader } from '../../src/engine/states/FieldReader.js';
import { Visit } from '../../src/engine/Visit.js';

/** A visit of a state named `S` at t = 0, with variables `{ v: 7 }`; its history events are kept in `events`. */
function visitOf(type: CompiledState['type'] = 'Pass'): { visit: Visit; events: string[] } {
  const events: string[] = [];
  const core = {
    clock: new VirtualClock(0),
    random: () => 0.5,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    history: {
      add: (t: string) => {
        events.push(t);
        return events.length;
      },
    },
    path: [],
    executionContext: { Id: 'exec' },
    stateMachineContext: { Id: 'machine' },
  } as unknown as ExecutionCore;
  const state = { name: 'S', type } as CompiledState;
  const visit = new Visit(core, { vars: { v: 7 }, signal: new AbortController().signal, lastEventId: 0 }, state);
  visit.enteredEventId = 1;
  return { visit, events };
}

const JSONPATH = ['JSONPath', jsonPathReader] as const;
const JSONATA = ['JSONata', jsonataReader] as const;

beforeAll(async () => {
  await loadJsonata();
});

describe('FieldReader: the same field read in each query language', () => {
  it('input: JSONPath applies InputPath, JSONata reads the raw input', () => {
    // Prepare
    const { visit } = visitOf();
    const state = { Type: 'Pass', InputPath: '$.a', End: true } as State;
    // Act
    const jp = jsonPathReader.input(state)(visit, { a: 1 });
    const ja = jsonataReader.input({ Type: 'Pass', End: true })(visit, { a: 1 });
    // Assess
    expect(jp).toBe(1);
    expect(ja).toEqual({ a: 1 });
  });

  it('argumentsOf: JSONPath reads Parameters, JSONata reads Arguments', () => {
    // Prepare
    const holder = { Parameters: { p: 1 }, Arguments: { a: 2 } };
    // Act / Assess
    expect(jsonPathReader.argumentsOf(holder)).toEqual({ p: 1 });
    expect(jsonataReader.argumentsOf(holder)).toEqual({ a: 2 });
  });

  it.each([
    [...JSONPATH, { Parameters: { 'x.$': '$.a', 'y.$': '$v', k: 'lit' } }],
    [...JSONATA, { Arguments: { x: '{% $states.input.a %}', y: '{% $v %}', k: 'lit' } }],
  ] as const)('%s arguments: the template over the effective input and variables', async (_l, reader, holder) => {
    // Prepare
    const { visit } = visitOf();
    // Act
    const value = await reader.arguments(holder)!(visit, { a: 1 });
    // Assess
    expect(value).toEqual({ x: 1, y: 7, k: 'lit' });
    expect(reader.arguments({})).toBeUndefined();
  });

  it.each([
    [...JSONPATH, { Credentials: { 'RoleArn.$': '$.role' } }],
    [...JSONATA, { Credentials: { RoleArn: '{% $states.input.role %}' } }],
  ] as const)('%s template: any payload template field', async (_l, reader, holder) => {
    // Prepare
    const { visit } = visitOf();
    // Act
    const value = await reader.template(holder.Credentials, 'Credentials')!(visit, { role: 'r' });
    // Assess
    expect(value).toEqual({ RoleArn: 'r' });
    expect(reader.template(undefined, 'Credentials')).toBeUndefined();
  });

  it.each([
    [...JSONPATH, { TimeoutSeconds: 5 }, { TimeoutSecondsPath: '$.t' }, { t: '12' }],
    [...JSONATA, { TimeoutSeconds: 5 }, { TimeoutSeconds: '{% $states.input.t %}' }, { t: 12 }],
  ] as const)('%s number: a literal, or a value read from the input', async (_l, reader, literal, dynamic, input) => {
    // Prepare
    const { visit } = visitOf();
    // Act
    const fixed = await reader.number(literal, 'TimeoutSeconds')!(visit, input);
    const read = await reader.number(dynamic, 'TimeoutSeconds')!(visit, input);
    // Assess
    expect(fixed).toBe(5);
    expect(read).toBe(12);
    expect(reader.number({}, 'TimeoutSeconds')).toBeUndefined();
  });

  it('number: a JSONPath *Path to a non-integer fails with States.Runtime naming the field', () => {
    // Prepare
    const { visit } = visitOf();
    const read = jsonPathReader.number({ MaxItemsPerBatchPath: '$.n' }, 'MaxItemsPerBatch')!;
    // Act / Assess
    expect(() => read(visit, { n: 'many' })).toThrow(
      'The MaxItemsPerBatchPath field refers to value "many" which is not a valid integer: $.n',
    );
  });

  it('number: a JSONata expression of the wrong type fails with States.QueryEvaluationError naming parent/field', async () => {
    // Prepare
    const { visit, events } = visitOf();
    const read = jsonataReader.number(
      { MaxItemsPerBatch: '{% "many" %}' },
      'MaxItemsPerBatch',
      'integer',
      'ItemBatcher',
    );
    // Act
    const failure = await Promise.resolve(read!(visit, {})).catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ error: 'States.QueryEvaluationError' });
    expect((failure as { location?: string }).location).toContain('ItemBatcher/MaxItemsPerBatch');
    expect(events).toEqual(['EvaluationFailed']);
  });

  it.each([
    [...JSONPATH, { Error: 'E', CausePath: '$.why' }],
    [...JSONATA, { Error: 'E', Cause: '{% $states.input.why %}' }],
  ] as const)('%s text: a literal or a read Error/Cause; absent is undefined', async (_l, reader, holder) => {
    // Prepare
    const { visit } = visitOf();
    // Act
    const error = await reader.text(holder, 'Error')(visit, { why: 'because' });
    const cause = await reader.text(holder, 'Cause')(visit, { why: 'because' });
    const none = await reader.text({}, 'Cause')(visit, {});
    // Assess
    expect([error, cause, none]).toEqual(['E', 'because', undefined]);
  });

  it.each([
    [...JSONPATH, { SecondsPath: '$.s' }, { TimestampPath: '$.at' }],
    [...JSONATA, { Seconds: '{% $states.input.s %}' }, { Timestamp: '{% $states.input.at %}' }],
  ] as const)('%s waitSeconds and waitTimestamp', async (_l, reader, seconds, timestamp) => {
    // Prepare
    const { visit } = visitOf('Wait');
    const input = { s: 3, at: '1970-01-01T00:00:10Z' };
    // Act
    const s = await reader.waitSeconds({ Type: 'Wait', ...seconds })!(visit, input);
    const at = await reader.waitTimestamp({ Type: 'Wait', ...timestamp })!(visit, input);
    // Assess
    expect(s).toBe(3);
    expect(at).toBe(10_000);
    expect(reader.waitSeconds({ Type: 'Wait', ...timestamp })).toBeUndefined();
  });

  it.each([
    [...JSONPATH, { ItemsPath: '$.list', ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' } }],
    [
      ...JSONATA,
      {
        Items: '{% $states.input.list %}',
        ItemSelector: { i: '{% $states.context.Map.Item.Index %}', v: '{% $states.context.Map.Item.Value %}' },
      },
    ],
  ] as const)('%s items and itemSelector', async (_l, reader, fields) => {
    // Prepare
    const { visit } = visitOf('Map');
    const state = { Type: 'Map', ...fields, End: true } as unknown as MapState;
    // Act
    const items = await reader.items(state)(visit, { list: ['a', 'b'] });
    const selected = await reader.itemSelector(state)!(visit, { list: ['a', 'b'] }, 'b', 1);
    // Assess
    expect(items).toEqual(['a', 'b']);
    expect(selected).toEqual({ i: 1, v: 'b' });
  });

  it.each([
    [...JSONPATH, { Variable: '$.n', NumericGreaterThan: 1, Next: 'A' }],
    [...JSONATA, { Condition: '{% $states.input.n > 1 %}', Next: 'A' }],
  ] as const)('%s condition', async (_l, reader, rule) => {
    // Prepare
    const { visit } = visitOf('Choice');
    const test = reader.condition(rule);
    // Act / Assess
    expect(await test(visit, { n: 2 })).toBe(true);
    expect(await test(visit, { n: 0 })).toBe(false);
  });

  it.each([
    [
      ...JSONPATH,
      { ResultSelector: { 'r.$': '$.x' }, ResultPath: '$.out', Assign: { 'got.$': '$.r' } },
      { in: 1, out: { r: 9 } },
    ],
    [
      ...JSONATA,
      {
        Output: '{% {"in": $states.input.in, "out": {"r": $states.result.x}} %}',
        Assign: { got: '{% $states.result.x %}' },
      },
      { in: 1, out: { r: 9 } },
    ],
  ] as const)(
    '%s finish (result): the result placed in the output, and assigned',
    async (_l, reader, fields, output) => {
      // Prepare
      const { visit } = visitOf('Task');
      const state = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields } as State;
      // Act
      const o: Outcome = await reader.finish(state, 'result')(visit, { in: 1 }, { in: 1 }, { x: 9 }, undefined);
      // Assess
      expect(o.output).toEqual(output);
      expect(o.assigned).toEqual({ got: 9 });
    },
  );

  it.each([
    [...JSONPATH, { OutputPath: '$.a', Assign: { 'b.$': '$.b' } }, { Assign: { 'c.$': '$.a' } }],
    [
      ...JSONATA,
      { Output: '{% $states.input.a %}', Assign: { b: '{% $states.input.b %}' } },
      { Assign: { c: '{% $states.input.a %}' } },
    ],
  ] as const)(
    '%s finish (input): selected from the input; a Choice rule adds its Assign',
    async (_l, reader, fields, rule) => {
      // Prepare
      const { visit } = visitOf('Choice');
      const state = { Type: 'Choice', Choices: [], ...fields } as unknown as State;
      const input = { a: 1, b: 2 };
      // Act
      const plain = await reader.finish(state, 'input')(visit, input, input, input, undefined);
      const withRule = await reader.finish(state, 'input', { Next: 'X', Condition: true, ...rule })(
        visit,
        input,
        input,
        input,
        undefined,
      );
      // Assess
      expect(plain).toEqual({ output: 1, next: undefined, assigned: { b: 2 } });
      expect(withRule.assigned).toEqual({ b: 2, c: 1 });
    },
  );

  it.each([
    [...JSONPATH, { ResultPath: '$.err' }, { in: 1, err: { Error: 'E', Cause: 'C' } }],
    [
      ...JSONATA,
      { Output: '{% {"in": $states.input.in, "err": $states.errorOutput} %}' },
      { in: 1, err: { Error: 'E', Cause: 'C' } },
    ],
  ] as const)('%s catchers: the error output placed in the output', async (_l, reader, fields, output) => {
    // Prepare
    const { visit } = visitOf('Task');
    const state = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      End: true,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'R', Assign: { seen: true }, ...fields }],
    } as State;
    // Act
    const [catcher] = reader.catchers(state);
    const o = await catcher!.handle(visit, { in: 1 }, { Error: 'E', Cause: 'C' });
    // Assess
    expect(catcher!.nextName).toBe('R');
    expect(o.output).toEqual(output);
    expect(o.assigned).toEqual({ seen: true });
  });

  it('a JSONPath reader returns plain values (no promise), so JSONPath states stay synchronous', () => {
    // Prepare
    const { visit } = visitOf('Pass');
    const state = { Type: 'Pass', ResultPath: '$.r', End: true } as State;
    // Act
    const o = jsonPathReader.finish(state, 'pass')(visit, { a: 1 }, { a: 1 }, 2, undefined);
    // Assess
    expect(o).not.toBeInstanceOf(Promise);
    expect(o).toEqual({ output: { a: 1, r: 2 }, next: undefined, assigned: undefined });
  });
});

// The reader is the only language-specific part: check the type says so.
const readers: FieldReader[] = [jsonPathReader, jsonataReader];
test('each reader names its language', () => {
  expect(readers.map((r) => r.jsonata)).toEqual([false, true]);
});
