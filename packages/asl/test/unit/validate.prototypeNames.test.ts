// Names every JavaScript object inherits (constructor, __proto__, toString...) are ordinary names to the validator:
// as a Type, a field, a Choice operator, an intrinsic, a States.* error or a state name they get the diagnostics any
// other unknown name gets.
import { INTRINSIC_FUNCTIONS, validate } from '@step/asl';
import type { Diagnostic } from '@step/asl';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;
/** An unknown name with no "did you mean" neighbour, to compare against. */
const NEUTRAL = 'Zzq';
const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
const TYPE_MESSAGE =
  "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]";
const TASK = '"Type":"Task","Resource":"arn:aws:states:::lambda:invoke"';
const DISTRIBUTED =
  '"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Succeed"}}}';

interface NameCase {
  name: string;
  /** Definition JSON text; `@N@` stands for the name under test (JSON text, so `__proto__` is an own key). */
  text: string;
  /** The diagnostic expected (`@N@` replaced), or `valid` for a definition with no diagnostics at all. */
  expected: { code: string; path: string; message: string; severity?: 'warning' } | 'valid';
}

function unsupported(path: string): NameCase['expected'] {
  return { code: SCHEMA, path: `${path}/@N@`, message: "Field '@N@' is not supported" };
}

const cases: NameCase[] = [
  // --- state type table
  {
    name: 'a Type value',
    text: '{"StartAt":"A","States":{"A":{"Type":"@N@","End":true}}}',
    expected: { code: SCHEMA, path: '/States/A/Type', message: TYPE_MESSAGE },
  },

  // --- field tables
  {
    name: 'a Pass field',
    text: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"@N@":1}}}',
    expected: unsupported('/States/A'),
  },
  {
    name: 'a Task field',
    text: `{"StartAt":"A","States":{"A":{${TASK},"End":true,"@N@":1}}}`,
    expected: unsupported('/States/A'),
  },
  {
    name: 'a Succeed field',
    text: '{"StartAt":"A","States":{"A":{"Type":"Succeed","@N@":{}}}}',
    expected: unsupported('/States/A'),
  },
  {
    name: 'a top-level field',
    text: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}},"@N@":1}',
    expected: unsupported(''),
  },
  {
    name: 'a Parallel branch field',
    text: '{"StartAt":"A","States":{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}},"@N@":1}]}}}',
    expected: unsupported('/States/A/Branches/0'),
  },
  {
    name: 'a retrier field',
    text: `{"StartAt":"A","States":{"A":{${TASK},"End":true,"Retry":[{"ErrorEquals":["States.ALL"],"@N@":1}]}}}`,
    expected: unsupported('/States/A/Retry/0'),
  },
  {
    name: 'a catcher field',
    text: `{"StartAt":"A","States":{"A":{${TASK},"End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"A","@N@":1}]}}}`,
    expected: unsupported('/States/A/Catch/0'),
  },
  {
    name: 'an ItemReader field',
    text: `{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","@N@":1},${DISTRIBUTED}}}}`,
    expected: unsupported('/States/A/ItemReader'),
  },
  {
    name: 'a ReaderConfig field',
    text: `{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"@N@":1}},${DISTRIBUTED}}}}`,
    expected: unsupported('/States/A/ItemReader/ReaderConfig'),
  },
  {
    name: 'an ItemBatcher field',
    text: `{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ItemBatcher":{"MaxItemsPerBatch":2,"@N@":1},${DISTRIBUTED}}}}`,
    expected: unsupported('/States/A/ItemBatcher'),
  },
  {
    name: 'a WriterConfig field',
    text: `{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","WriterConfig":{"@N@":1}},${DISTRIBUTED}}}}`,
    expected: unsupported('/States/A/ResultWriter/WriterConfig'),
  },
  {
    name: 'a ProcessorConfig field',
    text: '{"StartAt":"A","States":{"A":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"@N@":1},"StartAt":"P","States":{"P":{"Type":"Succeed"}}}}}}',
    expected: unsupported('/States/A/ItemProcessor/ProcessorConfig'),
  },

  // --- Choice operator table
  {
    name: 'a JSONPath Choice operator',
    text: '{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Variable":"$.a","@N@":"x","Next":"B"}]},"B":{"Type":"Succeed"}}}',
    expected: unsupported('/States/A/Choices/0'),
  },
  {
    name: 'a Choice operator inside Not',
    text: '{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.a","@N@":"x"},"Next":"B"}]},"B":{"Type":"Succeed"}}}',
    expected: unsupported('/States/A/Choices/0/Not'),
  },
  {
    name: 'a JSONata Choice rule field',
    text: '{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Condition":true,"@N@":"x","Next":"B"}]},"B":{"Type":"Succeed"}}}',
    expected: unsupported('/States/A/Choices/0'),
  },

  // --- intrinsic function table
  {
    name: 'an intrinsic States.<name>',
    text: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Parameters":{"x.$":"States.@N@()"}}}}',
    expected: {
      code: SCHEMA,
      path: '/States/A/Parameters/x.$',
      message: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
    },
  },
  {
    name: 'a nested intrinsic States.<name>',
    text: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Parameters":{"x.$":"States.Format(\'{}\', States.@N@(1))"}}}}',
    expected: {
      code: SCHEMA,
      path: '/States/A/Parameters/x.$',
      message: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
    },
  },
  {
    name: 'an intrinsic States.<name> in ErrorPath',
    text: '{"StartAt":"A","States":{"A":{"Type":"Fail","ErrorPath":"States.@N@()"}}}',
    expected: {
      code: SCHEMA,
      path: '/States/A/ErrorPath',
      message:
        "The value for the field 'ErrorPath' must be a valid JSONPath or an intrinsic function expression that returns a string (ArrayGetItem, Base64Encode, Base64Decode, Format, JsonToString, Hash, or UUID)",
    },
  },

  // --- States.* error names (accepted, as AWS does, with a warning)
  {
    name: 'a Retry ErrorEquals States.<name>',
    text: `{"StartAt":"A","States":{"A":{${TASK},"End":true,"Retry":[{"ErrorEquals":["States.@N@"]}]}}}`,
    expected: {
      code: 'UNKNOWN_STATES_ERROR',
      path: '/States/A/Retry/0/ErrorEquals/0',
      message:
        "'States.@N@' is not a predefined error name, so this entry never matches it; names starting with 'States.' are reserved for Step Functions' own errors",
      severity: 'warning',
    },
  },
  {
    name: 'a Catch ErrorEquals States.<name>',
    text: `{"StartAt":"A","States":{"A":{${TASK},"End":true,"Catch":[{"ErrorEquals":["States.@N@"],"Next":"A"}]}}}`,
    expected: {
      code: 'UNKNOWN_STATES_ERROR',
      path: '/States/A/Catch/0/ErrorEquals/0',
      message:
        "'States.@N@' is not a predefined error name, so this entry never matches it; names starting with 'States.' are reserved for Step Functions' own errors",
      severity: 'warning',
    },
  },

  // --- state names
  {
    name: 'a state name as StartAt and Next source',
    text: '{"StartAt":"@N@","States":{"@N@":{"Type":"Pass","Next":"E"},"E":{"Type":"Succeed"}}}',
    expected: 'valid',
  },
  {
    name: 'a state name as Next, Default, Choices Next and Catch Next target',
    text: `{"StartAt":"S","States":{"S":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"@N@"}],"Default":"T"},"T":{${TASK},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"@N@"}],"Next":"@N@"},"@N@":{"Type":"Succeed"}}}`,
    expected: 'valid',
  },
  {
    name: 'a TaskFn state name',
    text: '{"StartAt":"@N@","States":{"@N@":{"Type":"TaskFn","End":true}}}',
    expected: 'valid',
  },
  {
    name: 'an unreachable state name',
    text: '{"StartAt":"A","States":{"A":{"Type":"Succeed"},"@N@":{"Type":"Succeed"}}}',
    expected: { code: 'MISSING_TRANSITION_TARGET', path: '/States/@N@', message: 'State "@N@" is not reachable.' },
  },
  {
    name: 'a missing Next target',
    text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"@N@"},"B":{"Type":"Succeed"}}}',
    expected: { code: 'MISSING_TRANSITION_TARGET', path: '/States/A/Next', message: "Missing 'Next' target: @N@" },
  },
  {
    name: 'a missing StartAt target',
    text: '{"StartAt":"@N@","States":{"A":{"Type":"Succeed"}}}',
    expected: { code: 'MISSING_TRANSITION_TARGET', path: '/StartAt', message: "Missing 'StartAt' target: @N@" },
  },
  {
    name: 'a state name reused in a branch',
    text: '{"StartAt":"@N@","States":{"@N@":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"@N@","States":{"@N@":{"Type":"Succeed"}}}]}}}',
    expected: {
      code: 'DUPLICATE_STATE_NAME',
      path: '/States/@N@/Branches/0/States/@N@',
      message: 'Duplicate State name: @N@',
    },
  },

  // --- payload keys and variables
  {
    name: 'a payload key and a variable',
    text: '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"@N@":1},"Assign":{"@N@":1},"Next":"B"},"B":{"Type":"Pass","Parameters":{"x.$":"$@N@"},"End":true}}}',
    expected: 'valid',
  },
];

/** The parts of a diagnostic that must not depend on the name (params may carry a suggestion). */
function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.code} ${d.path} ${d.message}`);
}

const table = cases.flatMap((c) => NAMES.map((n) => [c.name, n, c] as const));

describe('validate with names every object inherits', () => {
  it.each(table)('%s: %s', (_case, n, c) => {
    // Prepare
    const text = c.text.replaceAll('@N@', n);
    // Act
    const fromText = validate(text);
    const fromValue = validate(JSON.parse(text));
    const neutral = validate(c.text.replaceAll('@N@', NEUTRAL));
    // Assess
    if (c.expected === 'valid') {
      expect(fromText).toMatchObject({ ok: true, diagnostics: [] });
    } else {
      const want = {
        code: c.expected.code,
        path: c.expected.path.replaceAll('@N@', n),
        message: c.expected.message.replaceAll('@N@', n),
      };
      const severity = c.expected.severity ?? 'error';
      expect(fromText.ok).toBe(severity === 'warning');
      expect(fromText.diagnostics).toContainEqual(expect.objectContaining({ ...want, severity }));
    }
    expect(summary(fromValue.diagnostics)).toEqual(summary(fromText.diagnostics));
    // Same diagnostics as any other unknown name, and nothing else.
    expect(summary(fromText.diagnostics).map((s) => s.replaceAll(n, NEUTRAL))).toEqual(summary(neutral.diagnostics));
  });

  it('has no inherited entries in the public intrinsic table', () => {
    for (const n of NAMES) {
      expect(INTRINSIC_FUNCTIONS[n]).toBeUndefined();
      expect(INTRINSIC_FUNCTIONS[`States.${n}`]).toBeUndefined();
    }
    expect(INTRINSIC_FUNCTIONS['States.MathAdd']?.maxArgs).toBe(2);
  });
});
