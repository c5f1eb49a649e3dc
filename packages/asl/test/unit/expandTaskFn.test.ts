import { expandTaskFn, getJsonataExpression, TASKFN_RESOURCE_TEMPLATE } from '@step/asl';
import { expandTaskFnRecordingNames } from '../../src/expandTaskFn.js';

describe('expandTaskFn', () => {
  it('expands TaskFn states at every depth and keeps other fields', () => {
    // Prepare
    const def = {
      StartAt: 'Hello',
      States: {
        Hello: { Type: 'TaskFn', Resource: 'arn:fn', Next: 'P', Parameters: { dropped: true } },
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'TaskFn', Resource: 'arn:fn', End: true } } }],
        },
      },
    };
    // Act
    const out = expandTaskFn(def);
    // Assess
    expect(out.States.Hello).toEqual({
      Type: 'Task',
      Resource: 'arn:fn',
      Next: 'P',
      Parameters: { Task: 'Hello', 'Input.$': '$' },
    });
    expect(out.States.P.Branches[0]?.States.Inner).toEqual({
      Type: 'Task',
      Resource: 'arn:fn',
      End: true,
      Parameters: { Task: 'Inner', 'Input.$': '$' },
    });
    expect(def.States.Hello.Type).toBe('TaskFn');
  });

  it('expands TaskFn states inside Map processors and nested branches', () => {
    // Prepare
    const inner = { StartAt: 'T', States: { T: { Type: 'TaskFn', Resource: 'arn:fn', End: true } } };
    const def = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: inner, Next: 'I' },
        I: {
          Type: 'Map',
          Iterator: {
            StartAt: 'P',
            States: {
              P: {
                Type: 'Parallel',
                Branches: [{ StartAt: 'U', States: { U: { Type: 'TaskFn', End: true } } }],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    // Act
    const out = expandTaskFn(def);
    // Assess
    expect(out.States.M.ItemProcessor.States.T).toMatchObject({
      Type: 'Task',
      Parameters: { Task: 'T', 'Input.$': '$' },
    });
    expect(out.States.I.Iterator.States.P.Branches[0]?.States.U).toMatchObject({
      Type: 'Task',
      Parameters: { Task: 'U', 'Input.$': '$' },
    });
    expect(inner.States.T.Type).toBe('TaskFn');
  });

  it('gives a TaskFn without Resource the Lambda ARN template', () => {
    // Act
    const out = expandTaskFn({ StartAt: 'A', States: { A: { Type: 'TaskFn', End: true } } });
    // Assess
    expect(out.States.A).toEqual({
      Type: 'Task',
      End: true,
      Resource: TASKFN_RESOURCE_TEMPLATE,
      Parameters: { Task: 'A', 'Input.$': '$' },
    });
    expect(TASKFN_RESOURCE_TEMPLATE).toBe('arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}');
  });

  it('ignores malformed scopes', () => {
    const def = { StartAt: 'A', States: { A: null, B: { Type: 'Parallel', Branches: [1, { States: 3 }] } } };
    expect(expandTaskFn(def)).toBe(def);
  });

  it('returns the same reference when there is nothing to expand', () => {
    // Prepare
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true, Result: [1, { x: 2 }] } } };
    // Act / Assess
    expect(expandTaskFn(def)).toBe(def);
  });

  it.each([null, 1, 'text', [1, 2]])('returns %j unchanged', (value) => {
    expect(expandTaskFn(value)).toBe(value);
  });

  it('does not expand a TaskFn-looking object outside a States map', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Result: { Type: 'TaskFn' }, End: true } } };
    expect(expandTaskFn(def)).toBe(def);
  });
});

describe('expandTaskFnRecordingNames', () => {
  it('expands like expandTaskFn and records the state names of every States object of the result', () => {
    // Prepare
    const inner = { StartAt: 'F', States: { F: { Type: 'TaskFn', End: true }, G: { Type: 'Pass', End: true } } };
    const def = {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [inner], End: true }, Q: { Type: 'Succeed' } },
    };
    const stateNames = new Map<object, readonly string[]>();
    // Act
    const expanded = expandTaskFnRecordingNames(def, stateNames);
    // Assess
    expect(expanded).toEqual(expandTaskFn(def));
    const branch = expanded.States.P.Branches[0] as typeof inner;
    expect(branch).not.toBe(inner);
    expect(stateNames.get(branch.States)).toEqual(['F', 'G']);
    expect(stateNames.get(expanded.States)).toEqual(['P', 'Q']);
    expect(stateNames.size).toBe(2);
  });

  it('records the original States object when nothing is expanded', () => {
    // Prepare
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    const stateNames = new Map<object, readonly string[]>();
    // Act
    const expanded = expandTaskFnRecordingNames(def, stateNames);
    // Assess
    expect(expanded).toBe(def);
    expect(stateNames.get(def.States)).toEqual(['A']);
  });
});

describe('getJsonataExpression', () => {
  it.each([
    ['{% $states.input %}', '$states.input'],
    ['{%1%}', '1'],
    ['{%%}', ''],
    [' {% 1 %}', undefined],
    ['{% 1 %} ', undefined],
    ['{% 1 }', undefined],
    ['plain', undefined],
    ['{}', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(getJsonataExpression(value)).toBe(expected);
  });

  it('returns undefined for a non-string', () => {
    expect(getJsonataExpression(3 as unknown as string)).toBeUndefined();
  });
});
