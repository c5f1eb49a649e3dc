import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AslValidationError, assertValid, formatDiagnostic, isStepError, StepError, validate } from '@step/asl';
import type { Diagnostic } from '@step/asl';
import { machine, single } from '../helpers/machines.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

const VALID_DIR = path.join(FIXTURES_DIR, 'valid');
const validFiles = readdirSync(VALID_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('validate on valid definitions', () => {
  it.each(validFiles)('accepts %s with no diagnostic', (file) => {
    // Prepare
    const text = readFileSync(path.join(VALID_DIR, file), 'utf8');
    // Act
    const fromText = validate(text);
    const fromObject = validate(JSON.parse(text));
    // Assess
    expect(fromText.diagnostics).toEqual([]);
    expect(fromText.ok).toBe(true);
    expect(fromObject.ok).toBe(true);
  });

  it('returns the definition with TaskFn expanded', () => {
    // Act
    const result = validate(readFileSync(path.join(VALID_DIR, 'taskfn-hello.asl.json'), 'utf8'));
    // Assess
    expect(result.ok && result.definition.States.Hello).toMatchObject({
      Type: 'Task',
      Parameters: { Task: 'Hello', 'Input.$': '$' },
    });
  });

  it('reports no error for a JSONata machine whose Parallel branch states inherit JSONata', () => {
    const result = validate(
      single(
        {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Output: 1, End: true } } }],
        },
        { QueryLanguage: 'JSONata' },
      ),
    );
    expect(result.ok).toBe(true);
  });

  it('ignores fields whose value is undefined, as JSON.stringify does', () => {
    expect(
      validate({
        StartAt: 'A',
        Foo: undefined,
        States: { A: { Type: 'Pass', End: true, Next: undefined, Bar: undefined } },
      }),
    ).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('accepts a DefinitionSubstitutions placeholder as a Task Resource', () => {
    expect(validate(single({ Type: 'Task', Resource: '${ChargeFunctionArn}', End: true })).ok).toBe(true);
  });

  it.each([
    ['HeartbeatSeconds with TimeoutSecondsPath', { HeartbeatSeconds: 30, TimeoutSecondsPath: '$.timeout' }, {}],
    ['HeartbeatSecondsPath with TimeoutSeconds', { HeartbeatSecondsPath: '$.heartbeat', TimeoutSeconds: 10 }, {}],
    ['both as paths', { HeartbeatSecondsPath: '$.heartbeat', TimeoutSecondsPath: '$.timeout' }, {}],
    [
      'a JSONata HeartbeatSeconds expression with a literal TimeoutSeconds',
      { HeartbeatSeconds: '{% 30 %}', TimeoutSeconds: 10 },
      { QueryLanguage: 'JSONata' },
    ],
  ])('leaves %s to run time (the comparison needs the input)', (_name, fields, extra) => {
    // Act
    const result = validate(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...fields }, extra),
    );
    // Assess
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('accepts ToleratedFailureCount and ToleratedFailurePercentage on an INLINE Map, as AWS does', () => {
    // Prepare: the recorded AWS runs use ToleratedFailureCount on inline Maps
    const def = single({
      Type: 'Map',
      End: true,
      ToleratedFailureCount: 1,
      ToleratedFailurePercentage: 50,
      ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
    });
    // Act
    const result = validate(def);
    // Assess
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('accepts HeartbeatSeconds below TimeoutSeconds', () => {
    expect(
      validate(
        single({
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          End: true,
          HeartbeatSeconds: 9,
          TimeoutSeconds: 10,
        }),
      ),
    ).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('lets a JSONata state live in a JSONPath machine', () => {
    expect(validate(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true })).ok).toBe(true);
  });

  it('treats a string with whitespace outside the delimiters as a literal', () => {
    expect(validate(single({ Type: 'Pass', Output: ' {% ( %}', End: true }, { QueryLanguage: 'JSONata' })).ok).toBe(
      true,
    );
  });

  it('accepts a Parallel Catch Assign that reuses a name assigned inside a branch', () => {
    // Prepare: AWS accepted this shape (conformance PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING)
    const def = machine({
      A: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Assign: { v: 1 }, End: true } } }],
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { v: 2 }, Next: 'B' }],
        Next: 'B',
      },
      B: { Type: 'Succeed' },
    });
    // Act / Assess
    expect(validate(def).ok).toBe(true);
  });

  it('lets inner states of a distributed Map reuse outer variable names', () => {
    const def = machine({
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'M' },
      M: {
        Type: 'Map',
        End: true,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'X',
          States: { X: { Type: 'Pass', Assign: { x: 2 }, End: true } },
        },
      },
    });
    expect(validate(def).ok).toBe(true);
  });
});

describe('validate options', () => {
  const unknownField = single({ Type: 'Pass', End: true, Foo: 1 });

  it.each([
    [undefined, false, 'error'],
    [true, false, 'error'],
    ['warn' as const, true, 'warning'],
  ])('with strict=%s reports an unknown field (ok=%s, %s)', (strict, ok, severity) => {
    // Act
    const result = validate(unknownField, strict === undefined ? undefined : { strict });
    // Assess
    expect(result.ok).toBe(ok);
    expect(result.diagnostics).toEqual([expect.objectContaining({ path: '/States/A/Foo', severity })]);
  });

  it('with strict=false ignores unknown fields', () => {
    expect(validate(unknownField, { strict: false })).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('accepts .sync and .waitForTaskToken for STANDARD machines', () => {
    const def = machine({
      A: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Next: 'B' },
      B: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true },
    });
    expect(validate(def, { stateMachineType: 'STANDARD' }).ok).toBe(true);
  });

  it('accepts a plain Lambda Task for EXPRESS machines', () => {
    expect(
      validate(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }), {
        stateMachineType: 'EXPRESS',
      }).ok,
    ).toBe(true);
  });
});

describe('validate warnings', () => {
  function warnings(def: unknown): Pick<Diagnostic, 'code' | 'path'>[] {
    const result = validate(def);
    expect(result.ok).toBe(true);
    return result.diagnostics.map(({ code, path: p }) => ({ code, path: p }));
  }

  it.each([
    [
      'NO_DOLLAR for a path-like literal in Parameters',
      single({ Type: 'Pass', Parameters: { a: '$.x' }, End: true }),
      'NO_DOLLAR',
      '/States/A/Parameters/a',
    ],
    [
      'NO_DOLLAR for an intrinsic-like literal in Assign',
      single({ Type: 'Pass', Assign: { a: 'States.UUID()' }, End: true }),
      'NO_DOLLAR',
      '/States/A/Assign/a',
    ],
    ['NO_PATH for a path in Fail Error', single({ Type: 'Fail', Error: '$.error' }), 'NO_PATH', '/States/A/Error'],
    [
      'PASS_RESULT_IS_STATIC for a .$ key in Result',
      single({ Type: 'Pass', Result: { nested: [{ 'a.$': '$.x' }] }, End: true }),
      'PASS_RESULT_IS_STATIC',
      '/States/A/Result',
    ],
    [
      'PASS_RESULT_IS_STATIC for a path-like value in Result',
      single({ Type: 'Pass', Result: { a: ['$.x'] }, End: true }),
      'PASS_RESULT_IS_STATIC',
      '/States/A/Result',
    ],
    [
      'PASS_RESULT_IS_STATIC for a Result that is a path',
      single({ Type: 'Pass', Result: '$$.Execution.Id', End: true }),
      'PASS_RESULT_IS_STATIC',
      '/States/A/Result',
    ],
    [
      'PASS_RESULT_IS_STATIC for an intrinsic-like value in Result',
      single({ Type: 'Pass', Result: { id: 'States.UUID()' }, End: true }),
      'PASS_RESULT_IS_STATIC',
      '/States/A/Result',
    ],
    [
      'NO_DOLLAR for a path-like literal in ResultSelector',
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        ResultSelector: { p: '$.Payload' },
        End: true,
      }),
      'NO_DOLLAR',
      '/States/A/ResultSelector/p',
    ],
    [
      'NO_DOLLAR for a context path literal in ItemSelector',
      single({
        Type: 'Map',
        ItemSelector: { v: '$$.Map.Item.Value' },
        ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
        End: true,
      }),
      'NO_DOLLAR',
      '/States/A/ItemSelector/v',
    ],
    ['NO_PATH for a path in Fail Cause', single({ Type: 'Fail', Cause: '$.cause' }), 'NO_PATH', '/States/A/Cause'],
    [
      'UNASSIGNED_VARIABLE for a read nothing assigns',
      single({ Type: 'Pass', Parameters: { 'a.$': '$missing' }, End: true }),
      'UNASSIGNED_VARIABLE',
      '/States/A/Parameters/a.$',
    ],
    [
      'UNASSIGNED_VARIABLE for a JSONata read before the assignment',
      machine(
        {
          A: { Type: 'Pass', Output: '{% $later %}', Next: 'B' },
          B: { Type: 'Pass', Assign: { later: 1 }, End: true },
        },
        { QueryLanguage: 'JSONata' },
      ),
      'UNASSIGNED_VARIABLE',
      '/States/A/Output',
    ],
  ])('emits %s', (_name, def, code, path) => {
    expect(warnings(def)).toEqual([{ code, path }]);
  });

  it('emits NO_PATH alongside the type error for a path-like Wait Timestamp', () => {
    // Act
    const result = validate(single({ Type: 'Wait', Timestamp: '$.when', End: true }));
    // Assess
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      'warning NO_PATH',
      'error SCHEMA_VALIDATION_FAILED',
    ]);
  });

  it('emits NO_PATH alongside the type error for a path-like Seconds', () => {
    const result = validate(single({ Type: 'Wait', Seconds: '$.s', End: true }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['NO_PATH', 'SCHEMA_VALIDATION_FAILED']);
  });

  it('does not warn about a variable assigned on a path from StartAt, including through a loop', () => {
    const def = machine({
      A: { Type: 'Pass', Assign: { i: 0 }, Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Variable: '$i', NumericLessThan: 3, Next: 'C' }], Default: 'D' },
      C: { Type: 'Pass', Assign: { 'i.$': 'States.MathAdd($i, 1)', 'seen.$': '$seen2' }, Next: 'B' },
      D: { Type: 'Pass', Assign: { seen2: true }, End: true },
    });
    expect(warnings(def)).toEqual([{ code: 'UNASSIGNED_VARIABLE', path: '/States/C/Assign/seen.$' }]);
  });

  it('lets inner states read variables assigned in the outer scope', () => {
    const def = machine({
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'P' },
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true } } }],
      },
    });
    expect(warnings(def)).toEqual([]);
  });
});

describe('validate on JSON text', () => {
  it.each([
    ['{"StartAt": "A",\n  "States": tru}', 2, 16, /^Unrecognized token 'tru'/],
    ['{"a" 1}', 1, 6, /colon/],
    ['{"a": 1,}', 1, 9, /double-quote/],
    ['[1 2]', 1, 4, /comma to separate Array/],
    ['{"a": 1 "b": 2}', 1, 9, /comma to separate Object/],
    ['{"a": "x', 1, 9, /closing quote/],
    ['{"a": "\\q"}', 1, 8, /escape/],
    ['{"a": "\\u12"}', 1, 8, /\\u escape/],
    ['{"a": "\u0001"}', 1, 8, /control character/],
    ['{"a": 1} x', 1, 10, /end of input/],
    ['{"a": ', 1, 7, /end-of-input/],
    ['{"a": 01}', 1, 9, /Unrecognized token/],
    [
      '{"a": {}, "b": [], "c": [true, false, null, "\\u00e9\\n", -1.5e3, [1, 2]], "d": nul}',
      1,
      82,
      /Unrecognized token 'nul'/,
    ],
    ['{"a": [1, 2 }', 1, 13, /comma to separate Array/],
    ['{"a": "\\', 1, 8, /escape/],
    [
      '{ "StartAt": "A", "States": {\n',
      2,
      1,
      /^Unexpected end-of-input: expected close marker for OBJECT at line 2, column 1$/,
    ],
    ['[1,\n2', 2, 2, /^Unexpected end-of-input: expected close marker for ARRAY/],
    ["{'a': 1}", 1, 2, /^Unexpected character \(''' \(code 39\)\): was expecting double-quote to start field name/],
    ['{"a" = 1}', 1, 6, /^Unexpected character \('=' \(code 61\)\): was expecting a colon/],
  ])('reports %j as INVALID_JSON_DESCRIPTION at line %i, column %i', (text, line, column, message) => {
    // Act
    const result = validate(text);
    // Assess
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', line, column, path: '' });
    expect(result.diagnostics[0]?.message).toMatch(message);
  });

  it('reports the column just after an unrecognized token, as AWS does', () => {
    expect(validate('not a definition').diagnostics[0]).toMatchObject({
      message:
        "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 4",
      line: 1,
      column: 4,
    });
  });

  it('reports a whitespace-only text as not a JSON object', () => {
    expect(validate('  \n').diagnostics[0]).toMatchObject({
      code: 'SCHEMA_VALIDATION_FAILED',
      message: 'Definition must be a valid JSON object',
    });
  });

  it('parses valid nested JSON text with escapes and numbers', () => {
    const text = JSON.stringify(
      single({ Type: 'Pass', Result: { s: 'a"\\\u00e9\n', n: [-1.5e3, 0, true, false, null] }, End: true }),
    );
    expect(validate(text).ok).toBe(true);
  });
});

describe('assertValid', () => {
  it('returns the definition when it is valid', () => {
    expect(assertValid(single({ Type: 'Succeed' })).StartAt).toBe('A');
  });

  it('throws AslValidationError with every diagnostic', () => {
    // Act
    let thrown: unknown;
    try {
      assertValid(machine({ A: { Type: 'Pass', Next: 'B' }, C: { Type: 'Succeed' } }));
    } catch (e) {
      thrown = e;
    }
    // Assess
    expect(thrown).toBeInstanceOf(AslValidationError);
    expect(thrown).toBeInstanceOf(StepError);
    expect(isStepError(thrown)).toBe(true);
    const error = thrown as AslValidationError;
    expect(error.name).toBe('AslValidationError');
    expect(error.diagnostics.map((d) => d.path)).toEqual(['/States/A/Next', '/States/C']);
    expect(error.message).toContain("/States/A/Next: Missing 'Next' target: B (MISSING_TRANSITION_TARGET)");
  });

  it('summarises more than five errors', () => {
    // Prepare
    const states: Record<string, unknown> = { A: { Type: 'Succeed' } };
    for (let i = 0; i < 7; i++) states[`S${i}`] = { Type: 'Pass', Next: `Missing${i}` };
    // Act / Assess
    expect(() => assertValid(machine(states))).toThrow(/and 9 more/);
  });

  it('uses the singular for one error', () => {
    expect(() => assertValid({ StartAt: 'A', States: { A: { Type: 'Pass' } } })).toThrow(/\(1 error\)/);
  });
});

describe('formatDiagnostic', () => {
  it.each([
    [
      {
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'error',
        path: '/States/A/Next',
        message: "Missing 'Next' target: B",
      },
      "/States/A/Next: Missing 'Next' target: B (MISSING_TRANSITION_TARGET)",
    ],
    [
      { code: 'MISSING_END_STATE', severity: 'error', path: '', message: 'Workflow has no terminal state' },
      '/: Workflow has no terminal state (MISSING_END_STATE)',
    ],
    [
      { code: 'NO_DOLLAR', severity: 'warning', path: '/States/A/Parameters/a', message: 'm' },
      'warning /States/A/Parameters/a: m (NO_DOLLAR)',
    ],
    [
      { code: 'INVALID_JSON_DESCRIPTION', severity: 'error', path: '', message: 'bad', line: 2, column: 3 },
      '/: bad [line 2, column 3] (INVALID_JSON_DESCRIPTION)',
    ],
    [
      {
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'error',
        path: '/States/A/Next',
        message: "Missing 'Next' target: Chrage",
        params: { target: 'Chrage', suggestion: 'Charge' },
      },
      '/States/A/Next: Missing \'Next\' target: Chrage (MISSING_TRANSITION_TARGET); did you mean "Charge"?',
    ],
  ] as [Diagnostic, string][])('formats %j', (d, expected) => {
    expect(formatDiagnostic(d)).toBe(expected);
  });
});

describe('isStepError', () => {
  it.each([
    [new StepError('x'), true],
    [new AslValidationError([]), true],
    [new Error('x'), false],
    [null, false],
    ['StepError', false],
    [{ [Symbol.for('@step/error')]: true }, true],
  ])('says %p is %s', (value, expected) => {
    expect(isStepError(value)).toBe(expected);
  });

  it('keeps the cause of a StepError', () => {
    const cause = new Error('root');
    const e = new StepError('wrapped', { cause });
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('StepError');
  });
});
