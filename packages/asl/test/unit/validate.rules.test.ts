import { MAX_JSON_DEPTH, validate } from '@step/asl';
import { machine, single } from '../helpers/machines.js';

const jsonata = { QueryLanguage: 'JSONata' };

function codes(def: unknown): string[] {
  return validate(def).diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe('validate graph rules', () => {
  it('reports no unreachable state when the scope has no terminal state (as AWS does)', () => {
    // Prepare
    const def = machine({ A: { Type: 'Pass', Next: 'A' }, B: { Type: 'Pass', Next: 'B' } });
    // Act / Assess
    expect(codes(def)).toEqual(['MISSING_END_STATE ']);
  });

  it('reports a dangling target before the missing terminal state', () => {
    expect(codes(machine({ A: { Type: 'Pass', Next: 'B' } }))).toEqual([
      'MISSING_TRANSITION_TARGET /States/A/Next',
      'MISSING_END_STATE ',
    ]);
  });

  it('reports every state of an island cycle, and nothing else', () => {
    // Prepare
    const def = {
      StartAt: 'S',
      States: {
        S: { Type: 'Succeed' },
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Pass', Next: 'A' },
      },
    };
    // Act
    const result = validate(def);
    // Assess
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'State "A" is not reachable.',
      'State "B" is not reachable.',
      'State "C" is not reachable.',
    ]);
  });

  it('follows Catch edges when computing reachability', () => {
    const def = machine({
      A: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
        End: true,
      },
      Recover: { Type: 'Pass', End: true },
    });
    expect(validate(def)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('checks reachability inside each branch separately', () => {
    const def = single({
      Type: 'Parallel',
      End: true,
      Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' }, Y: { Type: 'Succeed' } } }],
    });
    expect(codes(def)).toEqual(['MISSING_TRANSITION_TARGET /States/A/Branches/0/States/Y']);
  });

  it('reports a state name used in two branches once', () => {
    const def = single({
      Type: 'Parallel',
      End: true,
      Branches: [
        { StartAt: 'X', States: { X: { Type: 'Succeed' } } },
        { StartAt: 'X', States: { X: { Type: 'Succeed' } } },
      ],
    });
    expect(codes(def)).toEqual(['DUPLICATE_STATE_NAME /States/A/Branches/1/States/X']);
  });

  it('does not report a missing terminal for a state of unknown type', () => {
    expect(codes(single({ Type: 'Nope', Next: 'A' }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Type']);
  });
});

describe('validate JSONata rules', () => {
  it('does not count variables bound inside the expression or built-in functions as reads', () => {
    // Prepare
    const def = single(
      { Type: 'Pass', Output: '{% ($f := function($v) { $v * 2 }; $map([1, 2], $f) ~> $sum()) %}', End: true },
      jsonata,
    );
    // Act / Assess
    expect(validate(def)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('accepts $states.context and $states.input everywhere', () => {
    const def = single(
      { Type: 'Pass', Output: '{% [$states.context.Execution.Id, $states.input] %}', End: true },
      jsonata,
    );
    expect(validate(def).ok).toBe(true);
  });

  it('accepts $states.errorOutput in a Catch Assign and $states.result in a Map Output', () => {
    const def = single(
      {
        Type: 'Map',
        Items: [1],
        ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } },
        Output: '{% $states.result %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { e: '{% $states.errorOutput %}' }, Next: 'A' }],
        End: true,
      },
      jsonata,
    );
    expect(validate(def).ok).toBe(true);
  });

  it('rejects $states.result in a Catch Output', () => {
    const def = single(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.result %}', Next: 'A' }],
        End: true,
      },
      jsonata,
    );
    expect(codes(def)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Catch/0/Output']);
  });

  it('accepts a JSONata Credentials expression and checks it', () => {
    // Prepare
    const good = single(
      { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: '{% $states.input.role %}', End: true },
      jsonata,
    );
    const bad = single(
      { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Credentials: { RoleArn: '{% ( %}' }, End: true },
      jsonata,
    );
    // Act / Assess
    expect(validate(good).ok).toBe(true);
    expect(codes(bad)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Credentials/RoleArn']);
  });

  it('accepts a JSONPath Credentials RoleArn.$ and checks its path', () => {
    // Prepare
    const good = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { 'RoleArn.$': '$.role' },
      End: true,
    });
    const bad = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Credentials: { 'RoleArn.$': 'role' },
      End: true,
    });
    // Act / Assess
    expect(validate(good).ok).toBe(true);
    expect(codes(bad)).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/Credentials/RoleArn.$']);
  });

  it('accepts JSONata literals and expressions for Task timeouts and Wait fields', () => {
    const def = machine(
      {
        A: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 10,
          HeartbeatSeconds: '{% 5 %}',
          Next: 'B',
        },
        B: { Type: 'Wait', Timestamp: '{% $now() %}', Next: 'C' },
        C: { Type: 'Wait', Timestamp: '2030-01-01T00:00:00.123+02:00', End: true },
      },
      jsonata,
    );
    expect(validate(def)).toMatchObject({ ok: true, diagnostics: [] });
  });
});

describe('validate intrinsic functions', () => {
  it.each([
    "States.Format('{} and {}', $.a, States.JsonToString($.b))",
    'States.StringToJson($.s)',
    'States.ArrayPartition($.a, 2)',
    'States.ArrayContains($.a, 1)',
    'States.ArrayRange(1, 9, 2)',
    'States.ArrayGetItem($.a, 0)',
    'States.ArrayLength(States.Array(1, 2))',
    'States.ArrayUnique($.a)',
    "States.Base64Encode('x')",
    'States.Base64Decode($.b)',
    "States.Hash($.d, 'SHA-256')",
    'States.JsonMerge($.a, $.b, false)',
    'States.MathRandom(1, 10)',
    'States.MathRandom(1, 10, 7)',
    'States.MathAdd($x, -1)',
    "States.StringSplit($.s, ',')",
    'States.UUID()',
  ])('accepts %s', (call) => {
    // Prepare
    const def = machine(
      { P: { Type: 'Pass', Assign: { x: 1 }, Next: 'A' }, A: { Type: 'Pass', Parameters: { 'v.$': call }, End: true } },
      { StartAt: 'P' },
    );
    // Act / Assess
    expect(validate(def)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it.each([
    ['States.JsonMerge($.a, $.b, 1)', 'argument 3 of States.JsonMerge must be a boolean'],
    ['States.Hash($.d, 1)', 'argument 2 of States.Hash must be a string'],
    ['States.JsonMerge(1, $.b, false)', 'argument 1 of States.JsonMerge must be a path or a call giving an object'],
  ])('rejects %s', (call, reason) => {
    // Act
    const result = validate(single({ Type: 'Pass', Parameters: { 'v.$': call }, End: true }));
    // Assess
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ path: '/States/A/Parameters/v.$', params: { field: 'v.$', reason } }),
    ]);
  });

  it('accepts string-returning intrinsics in Fail ErrorPath and CausePath', () => {
    const def = single({ Type: 'Fail', ErrorPath: "States.Format('E{}', $.n)", CausePath: 'States.JsonToString($)' });
    expect(validate(def)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('rejects a malformed intrinsic in Fail CausePath', () => {
    expect(codes(single({ Type: 'Fail', CausePath: 'States.Format(' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/CausePath',
    ]);
  });

  it('rejects a literal type error in Fail ErrorPath', () => {
    expect(codes(single({ Type: 'Fail', ErrorPath: 'States.Base64Encode(1)' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/ErrorPath',
    ]);
  });

  it('rejects a non-string ErrorPath', () => {
    expect(codes(single({ Type: 'Fail', ErrorPath: 1 }))).toEqual(['SCHEMA_VALIDATION_FAILED /States/A/ErrorPath']);
  });

  it('reports the reads of a repeated intrinsic text at each place it is used, on every call', () => {
    // Prepare: the same call text twice, so the second use and the second validate() come from the parse caches
    const call = 'States.MathAdd($y, 1)';
    const def = machine({
      A: { Type: 'Pass', Parameters: { 'a/b.$': call }, Next: 'B' },
      B: { Type: 'Pass', Parameters: { 'c.$': call, 'd.$': '$y' }, End: true },
    });
    // Act
    const first = validate(def);
    const second = validate(def);
    // Assess
    expect(first.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'UNASSIGNED_VARIABLE /States/A/Parameters/a~1b.$',
      'UNASSIGNED_VARIABLE /States/B/Parameters/c.$',
      'UNASSIGNED_VARIABLE /States/B/Parameters/d.$',
    ]);
    expect(second).toEqual(first);
  });
});

describe('validate on pathological input', () => {
  it('reports TOO_DEEPLY_NESTED instead of throwing on very deep nesting', () => {
    // Prepare
    let result: unknown = 1;
    for (let i = 0; i < 100_000; i++) result = [result];
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Result: result, End: true } } };
    // Act
    const r = validate(def);
    // Assess
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'TOO_DEEPLY_NESTED', params: { limit: MAX_JSON_DEPTH } }),
    ]);
    // the first array deeper than the limit: the definition is depth 0, Result depth 3, its arrays 4 to 1001
    expect(r.diagnostics[0]?.path).toBe(`/States/A/Result${'/0'.repeat(MAX_JSON_DEPTH - 2)}`);
  });

  it('reports an error thrown by a getter as an internal error instead of throwing', () => {
    // Prepare
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    Object.defineProperty(def.States.A, 'Comment', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    // Act
    const r = validate(def);
    // Assess
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'INTERNAL_ERROR', message: expect.stringContaining('boom') }),
    ]);
  });
});
