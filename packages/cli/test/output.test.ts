import { findFailedState } from '../src/run/execMachine.js';
import { formatExecutionJson, formatExecutionText, formatFileDiagnostic } from '../src/output.js';

describe('formatFileDiagnostic', () => {
  it.each([
    {
      name: 'an error',
      d: {
        code: 'MISSING_TRANSITION_TARGET',
        severity: 'error' as const,
        path: '/States/A/Next',
        message: "Missing 'Next' target: B",
      },
      line: "f.json#/States/A/Next: Missing 'Next' target: B (MISSING_TRANSITION_TARGET)",
    },
    {
      name: 'a warning at the root with a position',
      d: {
        code: 'UNKNOWN_FIELD',
        severity: 'warning' as const,
        path: '',
        message: 'unknown field "Foo"',
        line: 3,
        column: 5,
      },
      line: 'f.json#: warning: unknown field "Foo" [line 3, column 5] (UNKNOWN_FIELD)',
    },
    {
      name: 'a message that already gives the position',
      d: {
        code: 'INVALID_JSON_DESCRIPTION',
        severity: 'error' as const,
        path: '',
        message: 'bad JSON at line 2, column 1',
        line: 2,
        column: 1,
      },
      line: 'f.json#: bad JSON at line 2, column 1 (INVALID_JSON_DESCRIPTION)',
    },
  ])('formats $name', ({ d, line }) => {
    expect(formatFileDiagnostic('f.json', d)).toBe(line);
  });
});

describe('formatExecutionJson', () => {
  it('keeps the contract keys in order and leaves out absent ones', () => {
    const text = formatExecutionJson({ status: 'FAILED', error: 'E', path: ['A'], failedState: 'A' });

    expect(text).toBe('{"status":"FAILED","error":"E","path":["A"]}');
  });

  it('keeps a null output', () => {
    expect(formatExecutionJson({ status: 'SUCCEEDED', output: null, path: [] })).toBe(
      '{"status":"SUCCEEDED","output":null,"path":[]}',
    );
  });
});

describe('formatExecutionText', () => {
  it('shortens a long path, keeping its first and last states', () => {
    // Prepare
    const path = Array.from({ length: 20002 }, (_, i) => `S${i}`);

    // Act
    const text = formatExecutionText({ status: 'SUCCEEDED', output: 1, path });

    // Assess
    expect(text).toContain('Execution SUCCEEDED (20,002 states entered)');
    expect(text).toContain('S0 → S1');
    expect(text).toContain('… 19,977 more states … → S19997');
    expect(text).toContain('S20001\n');
  });

  it('says when no state was entered', () => {
    expect(formatExecutionText({ status: 'ABORTED', path: [] })).toContain('Path: (no state entered)');
  });
});

describe('findFailedState', () => {
  const entered = (name: string) => ({ type: 'PassStateEntered', stateEnteredEventDetails: { name } });
  const exited = (name: string) => ({ type: 'PassStateExited', stateExitedEventDetails: { name } });

  it.each([
    {
      name: 'the last state entered and not exited',
      history: [entered('A'), exited('A'), entered('B')],
      expected: 'B',
    },
    {
      name: 'the innermost open state',
      history: [entered('Par'), entered('X'), exited('X'), entered('Y')],
      expected: 'Y',
    },
    { name: 'the last path entry without history', history: [], expected: 'Z' },
  ])('returns $name', ({ history, expected }) => {
    expect(findFailedState(history as never[], ['Z'])).toBe(expected);
  });
});
