// The Go original's examples (coinbase/step examples/*.json, reconstructed from step-go-reference.md §1.8)
// judged strictly: Go only checked field shapes, we also check targets, reachability and scopes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@step/asl';
import type { Diagnostic } from '@step/asl';
import { FIXTURES_DIR } from '../helpers/paths.js';

function load(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'go-examples', `${name}.json`), 'utf8')) as unknown;
}

function errors(name: string): Pick<Diagnostic, 'code' | 'path' | 'message'>[] {
  return validate(load(name))
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ code, path: p, message }) => ({ code, path: p, message }));
}

describe('the Go examples judged strictly', () => {
  it('rejects all_types: StartAt Pass is End so every other state is unreachable, Choice targets dangle, Parallel has no Branches nor End', () => {
    // Act
    const found = errors('all_types');
    // Assess
    expect(found).toEqual(
      expect.arrayContaining([
        { code: 'SCHEMA_VALIDATION_FAILED', path: '/States/Parallel', message: expect.stringContaining('[Next, End]') },
        {
          code: 'SCHEMA_VALIDATION_FAILED',
          path: '/States/Parallel',
          message: 'These fields are required: [Branches]',
        },
        {
          code: 'MISSING_TRANSITION_TARGET',
          path: '/States/Choice/Choices/0/Next',
          message: "Missing 'Next' target: Public",
        },
        {
          code: 'MISSING_TRANSITION_TARGET',
          path: '/States/Choice/Choices/1/Next',
          message: "Missing 'Next' target: ValueIsZero",
        },
        {
          code: 'MISSING_TRANSITION_TARGET',
          path: '/States/Choice/Choices/2/Next',
          message: "Missing 'Next' target: ValueInTwenties",
        },
        {
          code: 'MISSING_TRANSITION_TARGET',
          path: '/States/Choice/Default',
          message: "Missing 'Next' target: DefaultState",
        },
        ...['Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel'].map((s) => ({
          code: 'MISSING_TRANSITION_TARGET',
          path: `/States/${s}`,
          message: `State "${s}" is not reachable.`,
        })),
      ]),
    );
    expect(found).toHaveLength(12);
  });

  it('rejects taskfn: StartAt Pass does not exist and the Catch Next Pass is missing', () => {
    expect(errors('taskfn')).toEqual([
      { code: 'MISSING_TRANSITION_TARGET', path: '/StartAt', message: "Missing 'StartAt' target: Pass" },
      { code: 'MISSING_TRANSITION_TARGET', path: '/States/Hello/Catch/0/Next', message: "Missing 'Next' target: Pass" },
    ]);
  });

  it('expands the TaskFn states of taskfn into Tasks with the Task envelope', () => {
    // Prepare
    const fixed = load('taskfn') as { StartAt: string; States: Record<string, Record<string, unknown>> };
    fixed.StartAt = 'Hello';
    (fixed.States.Hello as Record<string, unknown>).Catch = [{ ErrorEquals: ['States.ALL'], Next: 'World' }];
    // Act
    const result = validate(fixed);
    // Assess
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.definition.States.Hello).toMatchObject({
        Type: 'Task',
        Parameters: { Task: 'Hello', 'Input.$': '$' },
      });
      expect(result.definition.States.World).toMatchObject({
        Type: 'Task',
        Parameters: { Task: 'World', 'Input.$': '$' },
      });
    }
  });

  it('rejects basic_choice: both Pass states go to a missing NextState', () => {
    expect(errors('basic_choice')).toEqual([
      { code: 'MISSING_TRANSITION_TARGET', path: '/States/IsTrue/Next', message: "Missing 'Next' target: NextState" },
      { code: 'MISSING_TRANSITION_TARGET', path: '/States/IsFalse/Next', message: "Missing 'Next' target: NextState" },
      { code: 'MISSING_END_STATE', path: '', message: 'Workflow has no terminal state' },
    ]);
  });

  it('rejects bad_unknown_state: StartAt Start does not exist', () => {
    expect(errors('bad_unknown_state')).toEqual([
      { code: 'MISSING_TRANSITION_TARGET', path: '/StartAt', message: "Missing 'StartAt' target: Start" },
    ]);
  });

  it('rejects bad_path: ResultPath "$." is not a reference path', () => {
    expect(errors('bad_path')).toEqual([
      {
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/Pass/ResultPath',
        message: "The value for the field 'ResultPath' must be a valid ReferencePath",
      },
    ]);
  });

  it('rejects bad_type: NOT_A_TYPE is not a state type', () => {
    expect(errors('bad_type')).toEqual([
      {
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/Pass/Type',
        message:
          "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
      },
    ]);
  });

  it.each(['basic_pass', 'map'])('accepts %s with no diagnostic', (name) => {
    // Act
    const result = validate(load(name));
    // Assess
    expect(result).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('keeps the map example fields', () => {
    // Act
    const result = validate(load('map'));
    // Assess
    expect(result.ok && result.definition.States['Validate-All']).toMatchObject({
      InputPath: '$.detail',
      ItemsPath: '$.shipped',
      ResultPath: '$.detail.shipped',
      Iterator: { StartAt: 'Validate' },
    });
  });
});
