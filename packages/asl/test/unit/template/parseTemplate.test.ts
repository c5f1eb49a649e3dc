import { parseTemplate } from '@step/asl/template';

describe('parseTemplate', () => {
  it('turns every short-form tag into its long form', () => {
    // Prepare
    const text = [
      'Resources:',
      '  A:',
      '    Properties:',
      '      Ref: !Ref Param',
      '      Att: !GetAtt Fn.Arn',
      '      AttList: !GetAtt [Fn, Arn]',
      '      Sub: !Sub "${AWS::Region}-x"',
      '      SubList: !Sub ["${a}", { a: !Ref B }]',
      '      Join: !Join ["", [a, !Ref B]]',
      '      If: !If [IsProd, 1, 2]',
      '      Select: !Select [0, !Split [",", "a,b"]]',
      '      B64: !Base64 hello',
      '      Map: !FindInMap [M, k, v]',
      '      Import: !ImportValue Shared-Arn',
      '      AZs: !GetAZs ""',
      '      Cond: !Condition IsProd',
      '      Eq: !Not [!Equals [a, b]]',
    ].join('\n');
    // Act
    const result = parseTemplate(text);
    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((result.template as { Resources: { A: { Properties: unknown } } }).Resources.A.Properties).toEqual({
      Ref: { Ref: 'Param' },
      Att: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      AttList: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Sub: { 'Fn::Sub': '${AWS::Region}-x' },
      SubList: { 'Fn::Sub': ['${a}', { a: { Ref: 'B' } }] },
      Join: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      If: { 'Fn::If': ['IsProd', 1, 2] },
      Select: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      B64: { 'Fn::Base64': 'hello' },
      Map: { 'Fn::FindInMap': ['M', 'k', 'v'] },
      Import: { 'Fn::ImportValue': 'Shared-Arn' },
      AZs: { 'Fn::GetAZs': '' },
      Cond: { Condition: 'IsProd' },
      Eq: { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] },
    });
  });

  it('records the line and column of each pointer, through the long-form level of a tag', () => {
    // Act
    const result = parseTemplate('Resources:\n  A:\n    Value: !Join\n      - ""\n      - [a, !Ref B]\n');
    // Assess
    if (!result.ok) throw new Error('expected a template');
    expect(result.locations.get('/Resources/A/Value')).toEqual({ line: 3, column: 5 });
    expect(result.locations.get('/Resources/A/Value/Fn::Join/1/1')).toEqual({ line: 5, column: 18 }); // the tagged value itself
  });

  it('reads JSON templates with their locations', () => {
    // Act
    const result = parseTemplate('{\n  "Resources": {\n    "A": { "Type": "AWS::SNS::Topic" }\n  }\n}');
    // Assess
    if (!result.ok) throw new Error('expected a template');
    expect(result.locations.get('/Resources/A/Type')).toEqual({ line: 3, column: 12 });
  });

  it.each([
    { name: 'broken JSON', text: '{ "Resources": ', line: 1 },
    { name: 'broken YAML', text: 'Resources:\n  A: [1, 2\n', line: 3 },
    { name: 'an unknown tag', text: 'Resources:\n  A: !Reff X\n', line: 2 },
  ])('reports $name as TEMPLATE_PARSE_ERROR with its line', ({ text, line }) => {
    // Act
    const result = parseTemplate(text);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: 'TEMPLATE_PARSE_ERROR', severity: 'error', path: '', line });
  });

  it('keeps a key named __proto__ as an ordinary key', () => {
    // Act
    const result = parseTemplate('Resources:\n  __proto__: { Type: X }\n');
    // Assess
    if (!result.ok) throw new Error('expected a template');
    expect(Object.keys((result.template as { Resources: object }).Resources)).toEqual(['__proto__']);
  });
});
