import { getParseCount } from '../../src/jsonata/CompiledExpression.js';
import { compileJsonataCondition, compileJsonataTemplate } from '../../src/jsonata/index.js';

const scope = { states: { input: { n: 2 }, context: {} }, variables: {} };

describe('compile once', () => {
  it('parses each expression of a template once, however often it is evaluated', async () => {
    // Prepare
    const before = getParseCount();
    const evaluate = compileJsonataTemplate(
      { a: '{% $states.input.n * 11 %}', b: ['{% $states.input.n * 12 %}'] },
      'Output',
    );
    const afterCompile = getParseCount();

    // Act
    const outputs = [];
    for (let i = 0; i < 50; i++) outputs.push(await evaluate(scope, 'S', 2));

    // Assess
    expect(afterCompile - before).toBe(2);
    expect(getParseCount()).toBe(afterCompile);
    expect(outputs[49]).toEqual({ a: 22, b: [24] });
  });

  it('reuses the parse of an expression text compiled again (another run of the same definition)', () => {
    // Prepare
    compileJsonataCondition('{% $states.input.n > 13 %}', 'Condition');
    const before = getParseCount();

    // Act
    compileJsonataCondition('{% $states.input.n > 13 %}', 'Condition');

    // Assess
    expect(getParseCount()).toBe(before);
  });

  it('parses nothing for a template without expressions', () => {
    // Prepare
    const before = getParseCount();

    // Act
    compileJsonataTemplate({ literal: ['a', 1, null, ' {% x %}'] }, 'Output');

    // Assess
    expect(getParseCount()).toBe(before);
  });
});
