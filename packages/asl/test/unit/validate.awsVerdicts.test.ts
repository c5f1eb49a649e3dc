// Definitions of the kinds found in other tools' test suites (asl-validator, amazon-states-language-service,
// statelint, aws-local-stepfunctions) and in AWS's published workflow samples and docs, each with AWS's verdict.
// The entries are our own, written for the cases where Step once disagreed with AWS; `source` names where the
// kind of case comes from and `aws` what AWS does with it (docs/decisions/008 for the choices made).
import { MAX_JSON_DEPTH, MAX_STATE_NESTING, validate } from '@step/asl';
import type { Diagnostic } from '@step/asl';
import { machine, single } from '../helpers/machines.js';

interface VerdictCase {
  name: string;
  source: string;
  definition: unknown;
  /** AWS accepts it (Step may warn), or rejects it with these diagnostics (code and pointer). */
  aws: 'accepts' | { code: string; path: string; message?: RegExp }[];
  /** Warnings Step adds to a definition AWS accepts. */
  warnings?: { code: string; path: string }[];
}

const task = (Resource: string): Record<string, unknown> => single({ Type: 'Task', Resource, End: true });
const pass = { Type: 'Pass', End: true };
const params = (value: string): Record<string, unknown> =>
  single({ Type: 'Pass', Parameters: { 'x.$': value }, End: true });
const wait = (Timestamp: string): Record<string, unknown> => single({ Type: 'Wait', Timestamp, End: true });
const NOT_RECOGNIZED =
  /^The resource provided .* is not recognized\. The value is not a valid resource ARN, or the resource is not available in this region\./;
const RFC3339 = /^String does not match RFC3339 timestamp/;

function nest(levels: number, type: 'Parallel' | 'Map'): Record<string, unknown> {
  let scope: Record<string, unknown> = { StartAt: 'L', States: { L: pass } };
  for (let i = 0; i < levels; i++) {
    const state =
      type === 'Parallel'
        ? { Type: 'Parallel', End: true, Branches: [scope] }
        : { Type: 'Map', End: true, ItemProcessor: scope };
    scope = { StartAt: `S${i}`, States: { [`S${i}`]: state } };
  }
  return scope;
}

/** The pointer of the scope `depth` levels down in {@link nest}'s machine of `levels` levels. */
function nestedScope(levels: number, depth: number, type: 'Parallel' | 'Map'): string {
  let pointer = '';
  for (let i = levels - 1; i >= levels - depth; i--)
    pointer += `/States/S${i}/${type === 'Parallel' ? 'Branches/0' : 'ItemProcessor'}`;
  return pointer;
}

function deepObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const cases: VerdictCase[] = [
  // --- Task Resource: what AWS recognises
  {
    name: 'a Lambda function ARN with an alias',
    source: 'AWS samples',
    definition: task('arn:aws:lambda:us-east-1:123456789012:function:HelloWorld:prod'),
    aws: 'accepts',
  },
  {
    name: 'a Lambda function ARN in the China partition',
    source: 'asl-validator',
    definition: task('arn:aws-cn:lambda:cn-north-1:123456789012:function:Hello'),
    aws: 'accepts',
  },
  {
    name: 'lambda:invoke.waitForTaskToken',
    source: 'AWS samples (callback pattern)',
    definition: task('arn:aws:states:::lambda:invoke.waitForTaskToken'),
    aws: 'accepts',
  },
  {
    name: 'dynamodb:putItem',
    source: 'AWS samples',
    definition: task('arn:aws:states:::dynamodb:putItem'),
    aws: 'accepts',
  },
  {
    name: 'batch:submitJob.sync',
    source: 'asl-validator (optimized integration ARNs)',
    definition: task('arn:aws:states:::batch:submitJob.sync'),
    aws: 'accepts',
  },
  {
    name: 'ecs:runTask.waitForTaskToken',
    source: 'AWS samples (callback with ECS)',
    definition: task('arn:aws:states:::ecs:runTask.waitForTaskToken'),
    aws: 'accepts',
  },
  {
    name: 'glue:startJobRun.sync',
    source: 'AWS docs (Glue integration)',
    definition: task('arn:aws:states:::glue:startJobRun.sync'),
    aws: 'accepts',
  },
  {
    name: 'codebuild:startBuild.sync',
    source: 'AWS docs (CodeBuild integration)',
    definition: task('arn:aws:states:::codebuild:startBuild.sync'),
    aws: 'accepts',
  },
  {
    name: 'states:startExecution.sync:2',
    source: 'AWS samples (nested workflows)',
    definition: task('arn:aws:states:::states:startExecution.sync:2'),
    aws: 'accepts',
  },
  {
    name: 'eks:call',
    source: 'AWS docs (EKS integration)',
    definition: task('arn:aws:states:::eks:call'),
    aws: 'accepts',
  },
  {
    name: 'http:invoke',
    source: 'AWS docs (HTTP Task)',
    definition: task('arn:aws:states:::http:invoke'),
    aws: 'accepts',
  },
  {
    name: 'an AWS SDK integration',
    source: 'AWS docs (SDK integrations)',
    definition: task('arn:aws:states:::aws-sdk:dynamodb:query'),
    aws: 'accepts',
  },
  {
    name: 'an AWS SDK integration with a digit in its action',
    source: 'AWS samples',
    definition: task('arn:aws:states:::aws-sdk:s3:listObjectsV2'),
    aws: 'accepts',
  },
  {
    name: 'an AWS SDK integration with .waitForTaskToken',
    source: 'AWS docs (SDK integrations)',
    definition: task('arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken'),
    aws: 'accepts',
  },
  {
    name: 'an activity ARN',
    source: 'statelint',
    definition: task('arn:aws:states:us-east-1:123456789012:activity:ManualApproval'),
    aws: 'accepts',
  },
  {
    name: 'the TaskFn template',
    source: 'Step (TaskFn, filled in by the deployer)',
    definition: task('arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}'),
    aws: 'accepts',
  },
  {
    name: 'a DefinitionSubstitutions placeholder',
    source: 'AWS SAM samples',
    definition: task('${ProcessOrderFunctionArn}'),
    aws: 'accepts',
  },

  // --- Task Resource: what AWS does not recognise
  {
    name: 'dynamodb:query (not optimized)',
    source: 'amazon-states-language-service',
    definition: task('arn:aws:states:::dynamodb:query'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource', message: NOT_RECOGNIZED }],
  },
  {
    name: 'lambda:invoke.sync',
    source: 'statelint',
    definition: task('arn:aws:states:::lambda:invoke.sync'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource', message: NOT_RECOGNIZED }],
  },
  {
    name: 'sqs:sendMessage.sync',
    source: 'aws-local-stepfunctions',
    definition: task('arn:aws:states:::sqs:sendMessage.sync'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource', message: NOT_RECOGNIZED }],
  },
  {
    name: 'dynamodb:getItem.waitForTaskToken',
    source: 'AWS docs (DynamoDB supports request-response only)',
    definition: task('arn:aws:states:::dynamodb:getItem.waitForTaskToken'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'an AWS SDK integration with .sync',
    source: 'AWS docs (SDK integrations do not support .sync)',
    definition: task('arn:aws:states:::aws-sdk:s3:getObject.sync'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'an AWS SDK integration without an action',
    source: 'asl-validator',
    definition: task('arn:aws:states:::aws-sdk:s3'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'an unknown optimized service',
    source: 'amazon-states-language-service',
    definition: task('arn:aws:states:::kinesis:putRecord'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'an ItemReader resource used by a Task',
    source: 'AWS docs (s3:getObject is an ItemReader resource)',
    definition: task('arn:aws:states:::s3:getObject'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'a queue ARN',
    source: 'statelint',
    definition: task('arn:aws:sqs:us-east-1:123456789012:orders'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'a Lambda ARN without function:',
    source: 'asl-validator',
    definition: task('arn:aws:lambda:us-east-1:123456789012:Hello'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'a truncated ARN',
    source: 'asl-validator',
    definition: task('arn:aws:lambda'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'an activity ARN without a name',
    source: 'statelint',
    definition: task('arn:aws:states:us-east-1:123456789012:activity:'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'a service integration without an action',
    source: 'amazon-states-language-service',
    definition: task('arn:aws:states:::sqs'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },
  {
    name: 'a service integration ARN with a region',
    source: 'aws-local-stepfunctions',
    definition: task('arn:aws:states:us-east-1::sqs:sendMessage'),
    aws: [{ code: 'INVALID_RESOURCE', path: '/States/A/Resource' }],
  },

  // --- intrinsic string literals
  {
    name: 'escaped quote, braces and backslash in an intrinsic literal',
    source: 'AWS docs (intrinsic functions)',
    definition: params("States.Format('it\\'s \\{not a placeholder\\} \\\\ {}', $.x)"),
    aws: 'accepts',
  },
  {
    name: '\\" in an intrinsic literal',
    source: 'aws-local-stepfunctions',
    definition: params('States.Format(\'say \\"{}\\"\', $.x)'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Parameters/x.$' }],
  },

  // --- timestamps
  {
    name: 'a Wait Timestamp in UTC',
    source: 'asl-validator',
    definition: wait('2016-03-14T01:59:00Z'),
    aws: 'accepts',
  },
  {
    name: 'a Wait Timestamp on a leap day with an offset and fractions',
    source: 'aws-local-stepfunctions',
    definition: wait('2024-02-29T23:59:59.123456+05:30'),
    aws: 'accepts',
  },
  {
    name: 'a Wait Timestamp in month 13',
    source: 'AWS (recorded text)',
    definition: wait('2016-13-14T01:59:00Z'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Timestamp', message: RFC3339 }],
  },
  {
    name: 'a Wait Timestamp at hour 25',
    source: 'AWS (recorded text)',
    definition: wait('2016-03-14T25:59:00Z'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Timestamp', message: RFC3339 }],
  },
  {
    name: 'a Wait Timestamp on 29 February of a common year',
    source: 'statelint',
    definition: wait('2023-02-29T00:00:00Z'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Timestamp', message: RFC3339 }],
  },
  {
    name: 'a Wait Timestamp at second 60',
    source: 'aws-local-stepfunctions',
    definition: wait('2016-03-14T01:59:60Z'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Timestamp', message: RFC3339 }],
  },
  {
    name: 'a Wait Timestamp without an offset',
    source: 'AWS (recorded: Z or an offset is required)',
    definition: wait('2016-03-14T01:59:00'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Timestamp', message: RFC3339 }],
  },
  {
    name: 'a Choice TimestampEquals in month 13',
    source: 'amazon-states-language-service',
    definition: machine({
      A: {
        Type: 'Choice',
        Choices: [{ Variable: '$.t', TimestampEquals: '2016-13-01T00:00:00Z', Next: 'B' }],
        Default: 'B',
      },
      B: pass,
    }),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Choices/0/TimestampEquals' }],
  },

  // --- a dot before a bracket
  {
    name: '$.items.[0] as InputPath',
    source: 'AWS samples',
    definition: single({ Type: 'Pass', InputPath: '$.items.[0]', End: true }),
    aws: 'accepts',
  },
  {
    name: '$.[0] as OutputPath',
    source: 'AWS samples',
    definition: single({ Type: 'Pass', OutputPath: '$.[0]', End: true }),
    aws: 'accepts',
  },
  { name: '$.[?(@.n > 0)] in Parameters', source: 'AWS samples', definition: params('$.[?(@.n > 0)]'), aws: 'accepts' },
  {
    name: '$.items.[0] as ResultPath',
    source: 'AWS samples',
    definition: single({ Type: 'Pass', ResultPath: '$.items.[0]', End: true }),
    aws: 'accepts',
  },

  // --- filters
  {
    name: 'a filter comparing with a number',
    source: 'AWS docs (JSONPath filters)',
    definition: params('$.store.book[?(@.price < 10)]'),
    aws: 'accepts',
  },
  {
    name: 'a filter with && and a string',
    source: 'aws-local-stepfunctions',
    definition: params("$.orders[?(@.status == 'open' && @.total > 100)]"),
    aws: 'accepts',
  },
  {
    name: 'a filter testing that a field exists',
    source: 'aws-local-stepfunctions',
    definition: params('$..book[?(@.isbn)]'),
    aws: 'accepts',
  },
  {
    name: 'a filter missing its right operand',
    source: 'Step (was an internal error at run time)',
    definition: params('$..items[?(@.qty >)]'),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/Parameters/x.$' }],
  },
  {
    name: 'a malformed filter in InputPath',
    source: 'aws-local-stepfunctions',
    definition: single({ Type: 'Pass', InputPath: '$.items[?(@.qty >= )]', End: true }),
    aws: [{ code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A/InputPath' }],
  },

  // --- States.* names in ErrorEquals
  {
    name: 'a custom States.* name in ErrorEquals',
    source: 'statelint, amazon-states-language-service',
    definition: single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      End: true,
      Retry: [{ ErrorEquals: ['States.Timout'] }],
    }),
    aws: 'accepts',
    warnings: [{ code: 'UNKNOWN_STATES_ERROR', path: '/States/A/Retry/0/ErrorEquals/0' }],
  },
  {
    name: 'a custom States.* name far from any predefined one',
    source: 'statelint',
    definition: single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      End: true,
      Catch: [{ ErrorEquals: ['States.MyOwnError'], Next: 'A' }],
    }),
    aws: 'accepts',
    warnings: [{ code: 'UNKNOWN_STATES_ERROR', path: '/States/A/Catch/0/ErrorEquals/0' }],
  },

  // --- nesting
  {
    name: 'Parallel nested 3 deep',
    source: 'aws-local-stepfunctions',
    definition: nest(3, 'Parallel'),
    aws: 'accepts',
  },
  {
    name: `Parallel nested ${MAX_STATE_NESTING} deep`,
    source: 'Step (the limit)',
    definition: nest(MAX_STATE_NESTING, 'Parallel'),
    aws: 'accepts',
  },
  {
    name: `Parallel nested ${MAX_STATE_NESTING + 1} deep`,
    source: 'Step (overflowed at run time)',
    definition: nest(MAX_STATE_NESTING + 1, 'Parallel'),
    aws: [{ code: 'TOO_DEEPLY_NESTED', path: nestedScope(MAX_STATE_NESTING + 1, MAX_STATE_NESTING + 1, 'Parallel') }],
  },
  {
    name: `Map nested ${MAX_STATE_NESTING + 1} deep`,
    source: 'Step (overflowed at run time)',
    definition: nest(MAX_STATE_NESTING + 1, 'Map'),
    aws: [{ code: 'TOO_DEEPLY_NESTED', path: nestedScope(MAX_STATE_NESTING + 1, MAX_STATE_NESTING + 1, 'Map') }],
  },
  {
    name: 'Parallel nested 1,000 deep',
    source: 'Step (overflowed at run time)',
    definition: nest(1000, 'Parallel'),
    aws: [{ code: 'TOO_DEEPLY_NESTED', path: expect.stringMatching(/^\/States\/S999\//) as unknown as string }],
  },
  {
    name: `Parameters nested ${2 * MAX_JSON_DEPTH} deep`,
    source: 'Step',
    definition: single({ Type: 'Pass', Parameters: deepObject(2 * MAX_JSON_DEPTH), End: true }),
    aws: [
      {
        code: 'TOO_DEEPLY_NESTED',
        path: expect.stringMatching(/^\/States\/A\/Parameters(\/a)+$/) as unknown as string,
      },
    ],
  },
];

function errors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

describe('validate agrees with AWS', () => {
  it.each(cases.filter((c) => c.aws === 'accepts').map((c) => [c.name, c.source, c] as const))(
    'accepts %s (%s)',
    (_name, _source, c) => {
      // Act
      const result = validate(c.definition);
      // Assess
      expect(errors(result.diagnostics)).toEqual([]);
      expect(result.ok).toBe(true);
      const warnings = result.diagnostics
        .filter((d) => d.severity === 'warning')
        .map((d) => ({ code: d.code, path: d.path }));
      expect(warnings).toEqual(c.warnings ?? []);
    },
  );

  it.each(cases.filter((c) => c.aws !== 'accepts').map((c) => [c.name, c.source, c] as const))(
    'rejects %s (%s)',
    (_name, _source, c) => {
      // Act
      const result = validate(c.definition);
      // Assess
      expect(result.ok).toBe(false);
      const expected = c.aws === 'accepts' ? [] : c.aws;
      expect(errors(result.diagnostics)).toEqual(
        expected.map((e): unknown =>
          expect.objectContaining(
            e.message === undefined
              ? { code: e.code, path: e.path }
              : { code: e.code, path: e.path, message: expect.stringMatching(e.message) as unknown },
          ),
        ),
      );
    },
  );
});

describe('validate on unrecognised Task resources', () => {
  it.each([
    ['arn:aws:states:::dynamodb:query', 'arn:aws:states:::aws-sdk:dynamodb:query'],
    ['arn:aws:states:::dynamodb:getitem', 'arn:aws:states:::dynamodb:getItem'],
    ['arn:aws:states:::sqs:sendMesage.waitForTaskToken', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'],
    ['arn:aws:states:::lambda:invoke.sync', 'arn:aws:states:::lambda:invoke'],
    ['arn:aws:states:::aws-sdk:s3:getObject.sync', 'arn:aws:states:::aws-sdk:s3:getObject'],
    ['arn:aws:states:::lamda:invoke', 'arn:aws:states:::lambda:invoke'],
  ])('suggests a resource AWS recognises for %s', (resource, suggestion) => {
    // Act
    const [d] = validate(task(resource)).diagnostics;
    // Assess
    expect(d).toMatchObject({ code: 'INVALID_RESOURCE', path: '/States/A/Resource', params: { resource, suggestion } });
    expect(d?.message).toMatch(NOT_RECOGNIZED);
  });

  it('says which patterns the action supports', () => {
    // Act
    const [d] = validate(task('arn:aws:states:::dynamodb:getItem.waitForTaskToken')).diagnostics;
    // Assess
    expect(d?.message).toContain(
      "'dynamodb:getItem' does not support '.waitForTaskToken' (it supports request-response)",
    );
  });

  it('keeps the Express rules for a recognised resource', () => {
    // Act
    const result = validate(task('arn:aws:states:::sqs:sendMessage.waitForTaskToken'), { stateMachineType: 'EXPRESS' });
    // Assess
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SCHEMA_VALIDATION_FAILED']);
  });
});
