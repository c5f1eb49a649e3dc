import { AslValidationError } from '@step/asl';
import { compileMachine, runExecution, VirtualClock } from '@step/interpreter';

const run = (definition: unknown, input: unknown = {}) =>
  runExecution(definition, { input, clock: new VirtualClock(0) });

const pass = (state: Record<string, unknown>) => ({
  StartAt: 'P',
  States: { P: { Type: 'Pass', End: true, ...state } },
});

describe('runExecution data flow (JSONPath)', () => {
  it.each([
    ['InputPath selects part of the input', { InputPath: '$.a' }, { a: { b: 1 } }, { b: 1 }],
    ['InputPath null gives an empty object', { InputPath: null }, { a: 1 }, {}],
    [
      'Parameters builds a payload with paths and literals',
      { Parameters: { 'x.$': '$.a', y: 2, nested: { 'z.$': '$.b[1]' } } },
      { a: 1, b: [0, 7] },
      { x: 1, y: 2, nested: { z: 7 } },
    ],
    ['Result replaces the input by default', { Result: { r: true } }, { a: 1 }, { r: true }],
    [
      'ResultPath inserts the result into a copy of the input',
      { Result: 5, ResultPath: '$.deep.er' },
      { a: 1 },
      { a: 1, deep: { er: 5 } },
    ],
    ['ResultPath null keeps the input', { Result: 5, ResultPath: null }, { a: 1 }, { a: 1 }],
    ['OutputPath selects part of the output', { Result: { k: { v: 3 } }, OutputPath: '$.k' }, {}, { v: 3 }],
    ['OutputPath null gives an empty object', { OutputPath: null }, { a: 1 }, {}],
    [
      'an indefinite path gives an array of matches',
      { Parameters: { 'ids.$': '$.items[*].id' } },
      { items: [{ id: 1 }, { id: 2 }] },
      { ids: [1, 2] },
    ],
    [
      'a filter path selects the matching elements',
      { Parameters: { 'big.$': '$.items[?(@.n > 1)].n' } },
      { items: [{ n: 1 }, { n: 2 }, { n: 3 }] },
      { big: [2, 3] },
    ],
    [
      'intrinsics are evaluated in Parameters',
      { Parameters: { 'msg.$': "States.Format('hi {}', $.who)" } },
      { who: 'bob' },
      { msg: 'hi bob' },
    ],
    ['the context object is readable', { Parameters: { 'name.$': '$$.State.Name' } }, {}, { name: 'P' }],
  ])('%s', async (_name, state, input, expected) => {
    // Act
    const result = await run(pass(state), input);
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual(expected);
  });

  it('never mutates the execution input', async () => {
    // Prepare
    const input = { a: { b: 1 } };
    // Act
    await run(pass({ Result: 2, ResultPath: '$.a.c' }), input);
    // Assess
    expect(input).toEqual({ a: { b: 1 } });
  });

  it('fails with States.Runtime and AWS cause when InputPath matches nothing', async () => {
    // Act
    const result = await run(pass({ InputPath: '$.missing' }), { a: 1 });
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
    );
  });

  it('fails with the field name and input when a Parameters path matches nothing', async () => {
    // Act
    const result = await run(pass({ Parameters: { 'v.$': '$.nope' } }), { a: 1 });
    // Assess
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'",
    );
  });

  it('names the first missing property for an OutputPath through a missing object', async () => {
    // Act
    const result = await run(pass({ OutputPath: '$.no.such' }), {});
    // Assess
    expect(result.cause).toMatch(/Invalid path '\$\.no\.such' : Missing property in path \$\['no'\]$/);
  });

  it('throws AslValidationError for an invalid definition', () => {
    // Act / Assess
    expect(() => compileMachine({ StartAt: 'Nope', States: {} })).toThrow(AslValidationError);
  });
});

describe('runExecution state types', () => {
  it('follows Choice rules and Default', async () => {
    // Prepare
    const definition = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: 5, Next: 'Big' }],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      },
    };
    // Act
    const big = await run(definition, { n: 9 });
    const small = await run(definition, { n: 1 });
    // Assess
    expect(big.path).toEqual(['C', 'Big']);
    expect(small.path).toEqual(['C', 'Small']);
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    // Act
    const result = await run(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'D' }] },
          D: { Type: 'Succeed' },
        },
      },
      { n: 2 },
    );
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  it('fails with the Fail state error and cause, or paths to them', async () => {
    // Act
    const literal = await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'Because' } } });
    const paths = await run(
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' } } },
      { e: 'E1', c: 'C1' },
    );
    const bare = await run({ StartAt: 'F', States: { F: { Type: 'Fail' } } });
    // Assess
    expect([literal.error, literal.cause]).toEqual(['Oops', 'Because']);
    expect([paths.error, paths.cause]).toEqual(['E1', 'C1']);
    expect(bare.status).toBe('FAILED');
    expect(bare.error).toBeUndefined();
  });

  it.each([
    ['Seconds', { Seconds: 30 }, {}, 30_000],
    ['SecondsPath', { SecondsPath: '$.s' }, { s: 12 }, 12_000],
    ['Timestamp', { Timestamp: '1970-01-01T00:01:00Z' }, {}, 60_000],
    ['TimestampPath', { TimestampPath: '$.t' }, { t: '1970-01-01T00:00:05.5Z' }, 5_500],
  ])('waits on %s using the clock', async (_name, wait, input, elapsed) => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act
    const result = await runExecution(
      { StartAt: 'W', States: { W: { Type: 'Wait', Next: 'D', ...wait }, D: { Type: 'Succeed' } } },
      { input, clock },
    );
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(clock.now()).toBe(elapsed);
    expect(result.output).toEqual(input);
  });

  it('rejects a negative SecondsPath with AWS cause', async () => {
    // Act
    const result = await run(
      { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } },
      { s: -1 },
    );
    // Assess
    expect(result.cause).toMatch(/The SecondsPath parameter references a negative value: \$\.s == -1$/);
  });

  it('runs Parallel branches on the same input and returns outputs in branch order', async () => {
    // Prepare
    const definition = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            {
              StartAt: 'B',
              States: { B: { Type: 'Wait', Seconds: 1, Next: 'B2' }, B2: { Type: 'Pass', Result: 'b', End: true } },
            },
          ],
        },
      },
    };
    // Act
    const result = await run(definition, { x: 1 });
    // Assess
    expect(result.output).toEqual([{ a: 1 }, 'b']);
    expect([...result.path].sort()).toEqual(['A', 'B', 'B2', 'Par']);
  });

  it('fails a Parallel with the failing branch own error', async () => {
    // Act
    const result = await run({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke', Cause: 'x' } } },
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
          ],
        },
      },
    });
    // Assess
    expect([result.status, result.error, result.cause]).toEqual(['FAILED', 'BranchBroke', 'x']);
    expect(result.history().some((e) => e.type === 'WaitStateAborted')).toBe(true);
  });

  it('assigns JSONPath variables after the state and reads them as $name', async () => {
    // Prepare
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, 'y.$': '$.in' }, Next: 'B' },
        B: { Type: 'Pass', Assign: { 'x.$': '$y', 'old.$': '$x' }, Next: 'C' },
        C: { Type: 'Pass', Parameters: { 'x.$': '$x', 'old.$': '$old' }, End: true },
      },
    };
    // Act
    const result = await run(definition, { in: 5 });
    // Assess
    expect(result.output).toEqual({ x: 5, old: 1 });
    const exited = result.history().find((e) => e.type === 'PassStateExited');
    expect(exited?.stateExitedEventDetails).toMatchObject({ assignedVariables: { x: '1', y: '5' } });
  });

  it("hands a caught error to the catcher's Next without the state's OutputPath", async () => {
    // Prepare
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:my:task',
          OutputPath: '$.Payload',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const fail = () => {
      throw Object.assign(new Error('boom'), { name: 'Oops' });
    };
    // Act
    const result = await runExecution(definition, {
      input: { a: 1 },
      handlers: { T: fail },
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.output).toEqual({ a: 1, error: { Error: 'Oops', Cause: 'boom' } });
  });
});
