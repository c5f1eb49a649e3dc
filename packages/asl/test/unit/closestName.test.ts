import { validate } from '@step/asl';
import { closestName } from '../../src/validate/closestName.js';
import { machine, single } from '../helpers/machines.js';

describe('closestName', () => {
  it.each([
    ['Chrage', ['Charge', 'Done'], 'Charge'],
    ['charge', ['Charge'], 'Charge'],
    ['Nxt', ['Next', 'End'], 'Next'],
    ['Xyz', ['Next', 'End'], undefined],
    ['Dnoe', ['Done'], 'Done'],
    ['A', ['B'], undefined],
    ['Same', ['Same'], undefined],
    ['ResultPth', ['ResultPath', 'ResultSelector', 'OutputPath'], 'ResultPath'],
  ])('suggests a name for %j among %j: %j', (name, candidates, expected) => {
    expect(closestName(name, candidates)).toBe(expected);
  });
});

describe('validate suggestions', () => {
  it('suggests the closest state for a missing target and StartAt', () => {
    // Act
    const result = validate({
      StartAt: 'Chrge',
      States: { Charge: { Type: 'Pass', Next: 'Dnoe' }, Done: { Type: 'Succeed' } },
    });
    // Assess
    expect(result.diagnostics.map((d) => d.params)).toEqual([
      { target: 'Chrge', suggestion: 'Charge' },
      { target: 'Dnoe', suggestion: 'Done' },
    ]);
  });

  it('suggests the closest field and type', () => {
    // Act
    const fieldResult = validate(single({ Type: 'Pass', Nxt: 'A', End: true }));
    const typeResult = validate(machine({ A: { Type: 'Pas', End: true } }));
    const topResult = validate(single({ Type: 'Succeed' }, { Commnet: 'x' }));
    // Assess
    expect(fieldResult.diagnostics[0]?.params).toEqual({ field: 'Nxt', suggestion: 'Next' });
    expect(typeResult.diagnostics[0]?.params).toEqual({ field: 'Type', value: 'Pas', suggestion: 'Pass' });
    expect(topResult.diagnostics[0]?.params).toEqual({ field: 'Commnet', suggestion: 'Comment' });
  });
});
