import type { Diagnostic } from '@step/asl';
import { DEFAULT_STACK_ENVIRONMENT, evaluateIntrinsics, fakeResourceValue } from '@step/asl/template';

const template = {
  Parameters: {
    Stage: { Type: 'String', Default: 'dev' },
    Subnets: { Type: 'CommaDelimitedList', Default: 'a, b' },
    Required: { Type: 'String' },
  },
  Mappings: { Sizes: { dev: { Memory: 128 } } },
  Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }, Loop: { Condition: 'Loop' } },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: { 'Fn::Sub': 'fn-${Stage}' } } },
    Plain: { Type: 'AWS::Serverless::Function' },
    Queue: { Type: 'AWS::SQS::Queue' },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } },
    Table: { Type: 'AWS::DynamoDB::Table' },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' } },
    Flow: { Type: 'AWS::StepFunctions::StateMachine' },
    Role: { Type: 'AWS::IAM::Role' },
    Custom: { Type: 'Custom::Thing' },
    Odd: { Type: 'AWS::AppSync::GraphQLApi' },
    SelfNamed: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: { Ref: 'SelfNamed' } } },
  },
};

function run(value: unknown, parameters: Record<string, string> = {}): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out = evaluateIntrinsics(value, '/X', {
    template,
    env: DEFAULT_STACK_ENVIRONMENT,
    parameters,
    report: (d) => diagnostics.push(d),
  });
  return { value: out, diagnostics };
}

describe('evaluateIntrinsics', () => {
  it.each([
    { name: 'Ref of a pseudo parameter', value: { Ref: 'AWS::Region' }, expected: 'us-east-1' },
    {
      name: 'Ref of AWS::StackId',
      value: { Ref: 'AWS::StackId' },
      expected: 'arn:aws:cloudformation:us-east-1:123456789012:stack/local/00000000-0000-0000-0000-000000000000',
    },
    { name: 'Ref of a parameter default', value: { Ref: 'Stage' }, expected: 'dev' },
    { name: 'Ref of a list parameter', value: { Ref: 'Subnets' }, expected: ['a', 'b'] },
    { name: 'Ref of a Lambda function named by Fn::Sub', value: { Ref: 'Fn' }, expected: 'fn-dev' },
    {
      name: 'GetAtt Arn of a Lambda function',
      value: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      expected: 'arn:aws:lambda:us-east-1:123456789012:function:fn-dev',
    },
    {
      name: 'GetAtt in dotted form',
      value: { 'Fn::GetAtt': 'Plain.Arn' },
      expected: 'arn:aws:lambda:us-east-1:123456789012:function:Plain',
    },
    {
      name: 'Ref of a queue (its URL)',
      value: { Ref: 'Queue' },
      expected: 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue',
    },
    { name: 'GetAtt QueueName', value: { 'Fn::GetAtt': ['Queue', 'QueueName'] }, expected: 'Queue' },
    {
      name: 'Ref of a topic (its ARN)',
      value: { Ref: 'Topic' },
      expected: 'arn:aws:sns:us-east-1:123456789012:alerts',
    },
    {
      name: 'GetAtt of a table',
      value: { 'Fn::GetAtt': ['Table', 'Arn'] },
      expected: 'arn:aws:dynamodb:us-east-1:123456789012:table/Table',
    },
    { name: 'Ref of a bucket', value: { Ref: 'Bucket' }, expected: 'bucket' },
    { name: 'GetAtt of a bucket', value: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, expected: 'arn:aws:s3:::bucket' },
    {
      name: 'GetAtt of an event bus',
      value: { 'Fn::GetAtt': ['Bus', 'Arn'] },
      expected: 'arn:aws:events:us-east-1:123456789012:event-bus/orders',
    },
    {
      name: 'Ref of a state machine (its ARN)',
      value: { Ref: 'Flow' },
      expected: 'arn:aws:states:us-east-1:123456789012:stateMachine:Flow',
    },
    {
      name: 'GetAtt of a role',
      value: { 'Fn::GetAtt': ['Role', 'Arn'] },
      expected: 'arn:aws:iam::123456789012:role/Role',
    },
    {
      name: 'GetAtt Arn of an unknown type',
      value: { 'Fn::GetAtt': ['Odd', 'Arn'] },
      expected: 'arn:aws:appsync:us-east-1:123456789012:graphqlapi/Odd',
    },
    {
      name: 'GetAtt of a custom resource',
      value: { 'Fn::GetAtt': ['Custom', 'Endpoint'] },
      expected: 'Custom.Endpoint',
    },
    { name: 'a name that refers to its own resource', value: { Ref: 'SelfNamed' }, expected: 'SelfNamed' },
    {
      name: 'Fn::Sub with Ref, GetAtt and a literal',
      value: { 'Fn::Sub': '${Stage}:${Fn.Arn}:${!Literal}' },
      expected: 'dev:arn:aws:lambda:us-east-1:123456789012:function:fn-dev:${Literal}',
    },
    {
      name: 'Fn::Sub with variables',
      value: { 'Fn::Sub': ['${a}-${AWS::AccountId}', { a: { Ref: 'Stage' } }] },
      expected: 'dev-123456789012',
    },
    { name: 'Fn::Join', value: { 'Fn::Join': ['-', ['a', { Ref: 'Stage' }, 3]] }, expected: 'a-dev-3' },
    { name: 'Fn::Select of Fn::Split', value: { 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] }, expected: 'y' },
    { name: 'Fn::If on a condition', value: { 'Fn::If': ['IsDev', 'small', 'big'] }, expected: 'small' },
    { name: 'Fn::FindInMap', value: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, expected: 128 },
    {
      name: 'Fn::FindInMap with a default',
      value: { 'Fn::FindInMap': ['Sizes', 'prod', 'Memory', { DefaultValue: 512 }] },
      expected: 512,
    },
    { name: 'Fn::Base64', value: { 'Fn::Base64': 'hi' }, expected: 'aGk=' },
    { name: 'Fn::GetAZs', value: { 'Fn::GetAZs': '' }, expected: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
    { name: 'Fn::Length', value: { 'Fn::Length': [1, 2] }, expected: 2 },
    { name: 'Fn::ToJsonString', value: { 'Fn::ToJsonString': { a: { Ref: 'Stage' } } }, expected: '{"a":"dev"}' },
    {
      name: 'AWS::NoValue, which removes the key',
      value: { a: { Ref: 'AWS::NoValue' }, b: [1, { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 2] }] },
      expected: { b: [1] },
    },
  ])('evaluates $name', ({ value, expected }) => {
    // Act
    const result = run(value);
    // Assess
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toEqual(expected);
  });

  it('uses given parameters before defaults', () => {
    expect(run({ Ref: 'Stage' }, { Stage: 'prod' }).value).toBe('prod');
  });

  it.each([
    { name: 'a parameter without a default', value: { Ref: 'Required' }, code: 'UNRESOLVED_PARAMETER', path: '/X/Ref' },
    {
      name: 'an unknown resource',
      value: { 'Fn::GetAtt': ['Fnn', 'Arn'] },
      code: 'UNRESOLVED_REFERENCE',
      path: '/X/Fn::GetAtt',
      suggestion: 'Fn',
    },
    {
      name: 'an unknown Ref in Fn::Sub',
      value: { 'Fn::Sub': 'a-${Stag}' },
      code: 'UNRESOLVED_REFERENCE',
      path: '/X/Fn::Sub',
      suggestion: 'Stage',
    },
    {
      name: 'an unknown condition',
      value: { 'Fn::If': ['IsDevv', 1, 2] },
      code: 'UNRESOLVED_REFERENCE',
      path: '/X/Fn::If/0',
      suggestion: 'IsDev',
    },
    {
      name: 'a condition that refers to itself',
      value: { Condition: 'Loop' },
      code: 'INVALID_INTRINSIC',
      path: '/Conditions/Loop/Condition',
    },
    {
      name: 'a missing mapping',
      value: { 'Fn::FindInMap': ['Sizes', 'prod', 'Memory'] },
      code: 'UNRESOLVED_REFERENCE',
      path: '/X/Fn::FindInMap',
    },
    { name: 'a malformed Fn::Join', value: { 'Fn::Join': 'abc' }, code: 'INVALID_INTRINSIC', path: '/X/Fn::Join' },
    {
      name: 'an out-of-range Fn::Select',
      value: { 'Fn::Select': [5, ['a']] },
      code: 'INVALID_INTRINSIC',
      path: '/X/Fn::Select',
    },
    {
      name: 'a list joined into a string',
      value: { 'Fn::Join': ['', [['a']]] },
      code: 'INVALID_INTRINSIC',
      path: '/X/Fn::Join/1/0',
    },
    {
      name: 'Fn::Cidr',
      value: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      code: 'UNSUPPORTED_INTRINSIC',
      path: '/X/Fn::Cidr',
    },
  ])('reports $name', ({ value, code, path, suggestion }) => {
    // Act
    const { diagnostics } = run(value);
    // Assess
    expect(diagnostics[0]).toMatchObject({ code, severity: 'error', path });
    if (suggestion !== undefined) expect(diagnostics[0]?.params?.suggestion).toBe(suggestion);
  });

  it('stands an Fn::ImportValue in as the export name, with a warning', () => {
    // Act
    const { value, diagnostics } = run({ 'Fn::ImportValue': 'shared-TopicArn' });
    // Assess
    expect(value).toBe('shared-TopicArn');
    expect(diagnostics).toMatchObject([{ code: 'UNRESOLVED_IMPORT', severity: 'warning', path: '/X/Fn::ImportValue' }]);
  });
});

describe('fakeResourceValue', () => {
  it('builds ARNs from the given environment', () => {
    // Prepare
    const env = { region: 'eu-west-1', accountId: '111122223333', partition: 'aws-cn', stackName: 's' };
    // Act
    const arn = fakeResourceValue('Fn', { Type: 'AWS::Lambda::Function' }, 'Arn', env);
    // Assess
    expect(arn).toBe('arn:aws-cn:lambda:eu-west-1:111122223333:function:Fn');
  });
});
