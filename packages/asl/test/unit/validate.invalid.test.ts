import { validate } from '@step/asl';
import type { Diagnostic } from '@step/asl';
import { machine, single } from '../helpers/machines.js';

interface InvalidCase {
  name: string;
  definition: unknown;
  code: string;
  path: string;
  message?: string | RegExp;
  options?: Parameters<typeof validate>[1];
}

const pass = { Type: 'Pass', End: true };
const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
const jsonata = { QueryLanguage: 'JSONata' };

const invalidCases: InvalidCase[] = [
  // --- definition level
  {
    name: 'an empty string',
    definition: '',
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '',
    message: 'Definition must be a valid JSON object',
  },
  {
    name: 'an array',
    definition: [],
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '',
    message: 'Definition must be a valid JSON object',
  },
  {
    name: 'a number',
    definition: 3,
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '',
    message: 'Definition must be a valid JSON object',
  },
  { name: 'null', definition: null, code: 'MISSING_DESCRIPTION', path: '' },
  {
    name: 'JSON that does not parse',
    definition: 'not a definition',
    code: 'INVALID_JSON_DESCRIPTION',
    path: '',
    message: /^Unrecognized token 'not'/,
  },
  {
    name: 'StartAt and States missing',
    definition: {},
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '',
    message: 'These fields are required: [States, StartAt]',
  },
  {
    name: 'StartAt missing',
    definition: { States: { A: pass } },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '',
    message: 'These fields are required: [StartAt]',
  },
  {
    name: 'States empty',
    definition: { StartAt: 'A', States: {} },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States',
    message: 'Value cannot be empty',
  },
  {
    name: 'States not an object',
    definition: { StartAt: 'A', States: [] },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States',
  },
  {
    name: 'StartAt not a string',
    definition: { StartAt: 1, States: { A: pass } },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/StartAt',
  },
  {
    name: 'StartAt names a missing state',
    definition: { StartAt: 'B', States: { A: pass } },
    code: 'MISSING_TRANSITION_TARGET',
    path: '/StartAt',
    message: "Missing 'StartAt' target: B",
  },
  {
    name: 'an unknown top-level field',
    definition: single(pass, { Foo: 1 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/Foo',
    message: "Field 'Foo' is not supported",
  },
  {
    name: 'a bad Version',
    definition: single(pass, { Version: '2.0' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/Version',
  },
  {
    name: 'a bad top-level TimeoutSeconds',
    definition: single(pass, { TimeoutSeconds: 0 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/TimeoutSeconds',
  },
  {
    name: 'a bad top-level QueryLanguage',
    definition: single(pass, { QueryLanguage: 'XPath' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/QueryLanguage',
  },
  {
    name: 'a non-string top-level Comment',
    definition: single(pass, { Comment: 1 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/Comment',
  },

  // --- names
  {
    name: 'a state name longer than 80 characters',
    definition: { StartAt: 'x'.repeat(81), States: { ['x'.repeat(81)]: pass } },
    code: 'INVALID_STATE_NAME',
    path: `/States/${'x'.repeat(81)}`,
  },
  {
    name: 'a state name reused inside a Parallel branch',
    definition: machine({
      A: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'A', States: { A: pass } }] },
    }),
    code: 'DUPLICATE_STATE_NAME',
    path: '/States/A/Branches/0/States/A',
    message: 'Duplicate State name: A',
  },
  {
    name: 'a state name with a slash (pointer encoding)',
    definition: { StartAt: 'a/b', States: { 'a/b': { Type: 'Pass', Next: 'c~d' } } },
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/a~1b/Next',
  },

  // --- state shape
  { name: 'a state that is not an object', definition: single(3), code: 'SCHEMA_VALIDATION_FAILED', path: '/States/A' },
  {
    name: 'a missing Type',
    definition: single({ End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: 'These fields are required: [Type]',
  },
  {
    name: 'an unknown Type',
    definition: single({ Type: 'NOT_A_TYPE', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Type',
    message:
      "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
  },
  {
    name: 'TimeoutSeconds on a Pass',
    definition: single({ ...pass, TimeoutSeconds: 3 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimeoutSeconds',
    message: "Field 'TimeoutSeconds' is not supported",
  },
  {
    name: 'Retry on a Pass',
    definition: single({ ...pass, Retry: [] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry',
    message: "Field 'Retry' is not supported",
  },
  {
    name: 'Catch on a Wait',
    definition: single({ Type: 'Wait', Seconds: 1, End: true, Catch: [] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch',
    message: "Field 'Catch' is not supported",
  },
  {
    name: 'a non-string Comment',
    definition: single({ ...pass, Comment: 2 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Comment',
  },
  {
    name: 'neither Next nor End',
    definition: single({ Type: 'Pass' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: /One of these fields is required: \[Next, End\]/,
  },
  {
    name: 'End false without Next',
    definition: single({ Type: 'Pass', End: false }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'both Next and End',
    definition: machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: /mutually exclusive/,
  },
  {
    name: 'a non-string Next',
    definition: single({ Type: 'Pass', Next: 1 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Next',
  },
  {
    name: 'a non-boolean End',
    definition: single({ Type: 'Pass', End: 'yes' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/End',
  },
  {
    name: 'Next on a Succeed',
    definition: machine({ A: { Type: 'Succeed', Next: 'A' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Next',
    message: "Field 'Next' is not supported",
  },
  {
    name: 'End on a Choice',
    definition: single({ Type: 'Choice', End: true, Choices: [{ Variable: '$.a', IsNull: true, Next: 'A' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/End',
  },

  // --- transitions and the graph
  {
    name: 'a dangling Next',
    definition: machine({ A: { Type: 'Pass', Next: 'B' } }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Next',
    message: "Missing 'Next' target: B",
  },
  {
    name: 'a dangling Choice rule Next',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'X' }], Default: 'B' },
      B: pass,
    }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Choices/0/Next',
    message: "Missing 'Next' target: X",
  },
  {
    name: 'a dangling Default',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'B' }], Default: 'X' },
      B: pass,
    }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Default',
    message: "Missing 'Next' target: X",
  },
  {
    name: 'a dangling Catch Next',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'X' }] }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Catch/0/Next',
    message: "Missing 'Next' target: X",
  },
  {
    name: 'a Next that leaves a Parallel branch',
    definition: machine({
      A: { Type: 'Parallel', Next: 'B', Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'B' } } }] },
      B: pass,
    }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Branches/0/States/X/Next',
  },
  {
    name: 'a Next that enters a Map processor',
    definition: machine({ A: { Type: 'Map', Next: 'X', ItemProcessor: { StartAt: 'X', States: { X: pass } } } }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Next',
  },
  {
    name: 'an unreachable state',
    definition: machine({ A: pass, B: pass }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/B',
    message: 'State "B" is not reachable.',
  },
  {
    name: 'an island cycle (A->B->A) nothing reaches',
    definition: {
      StartAt: 'S',
      States: { S: { Type: 'Succeed' }, A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    },
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A',
    message: 'State "A" is not reachable.',
  },
  {
    name: 'no terminal state',
    definition: machine({ A: { Type: 'Pass', Next: 'A' } }),
    code: 'MISSING_END_STATE',
    path: '',
    message: 'Workflow has no terminal state',
  },
  {
    name: 'a Parallel branch without a terminal state',
    definition: single({
      Type: 'Parallel',
      End: true,
      Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'X' } } }],
    }),
    code: 'MISSING_END_STATE',
    path: '/States/A/Branches/0',
  },
  {
    name: 'a branch StartAt that names a missing state',
    definition: single({ Type: 'Parallel', End: true, Branches: [{ StartAt: 'Y', States: { X: pass } }] }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/Branches/0/StartAt',
  },
  {
    name: 'a processor StartAt that names a missing state',
    definition: single({ Type: 'Map', End: true, ItemProcessor: { StartAt: 'Y', States: { X: pass } } }),
    code: 'MISSING_TRANSITION_TARGET',
    path: '/States/A/ItemProcessor/StartAt',
  },

  // --- paths
  {
    name: 'ResultPath "$." (Go bad_path)',
    definition: single({ ...pass, ResultPath: '$.' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultPath',
    message: "The value for the field 'ResultPath' must be a valid ReferencePath",
  },
  {
    name: 'a ResultPath with a wildcard',
    definition: single({ ...pass, ResultPath: '$.a[*]' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultPath',
  },
  {
    name: 'a ResultPath on the context object',
    definition: single({ ...pass, ResultPath: '$$.Execution' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultPath',
  },
  {
    name: 'a ResultPath on a variable',
    definition: single({ ...pass, ResultPath: '$x' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultPath',
  },
  {
    name: 'a non-string ResultPath',
    definition: single({ ...pass, ResultPath: 3 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultPath',
  },
  {
    name: 'a bad InputPath',
    definition: single({ ...pass, InputPath: 'a' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/InputPath',
    message: "The value for the field 'InputPath' must be a valid JSONPath",
  },
  {
    name: 'a bad OutputPath',
    definition: single({ ...pass, OutputPath: '$[' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/OutputPath',
  },
  {
    name: 'a bad path in a Parameters .$ field',
    definition: single({ ...pass, Parameters: { 'Message.$': 'nope' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/Message.$',
    message: "The value for the field 'Message.$' must be a valid JSONPath or a valid intrinsic function call",
  },
  {
    name: 'a non-string .$ value',
    definition: single({ ...pass, Parameters: { nested: [{ 'x.$': 1 }] } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/nested/0/x.$',
  },
  {
    name: 'an unknown intrinsic',
    definition: single({ ...pass, Parameters: { 'x.$': 'States.Nope()' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/x.$',
  },
  {
    name: 'an intrinsic with the wrong arity',
    definition: single({ ...pass, Parameters: { 'x.$': 'States.MathAdd(1)' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/x.$',
  },
  {
    name: 'an intrinsic with a wrong literal type',
    definition: single({ ...pass, Parameters: { 'x.$': "States.MathAdd('a', 1)" } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/x.$',
  },
  {
    name: 'a nested intrinsic with a wrong literal type',
    definition: single({ ...pass, Parameters: { 'x.$': 'States.Array(States.ArrayRange(1, 2, 0.5))' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/x.$',
  },
  {
    name: 'an array literal where an array is needed',
    definition: single({ ...pass, Parameters: { 'x.$': 'States.ArrayLength(3)' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/x.$',
  },
  {
    name: 'a non-object ResultSelector',
    definition: single({ ...task, ResultSelector: 'x' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultSelector',
  },
  {
    name: 'a bad path in ResultSelector',
    definition: single({ ...task, ResultSelector: { 'a.$': '$..' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultSelector/a.$',
  },

  // --- query languages
  {
    name: 'a JSONata field on a JSONPath state',
    definition: single({ ...pass, Output: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
    message:
      "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
  },
  {
    name: 'a JSONPath field on a JSONata state',
    definition: single({ ...pass, InputPath: '$' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/InputPath',
    message:
      "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage",
  },
  {
    name: 'a JSONPath state in a JSONata machine',
    definition: single({ ...pass, QueryLanguage: 'JSONPath' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  },
  {
    name: 'a bad state QueryLanguage',
    definition: single({ ...pass, QueryLanguage: 'jsonata' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/QueryLanguage',
  },
  {
    name: 'QueryLanguage on an ItemProcessor',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { QueryLanguage: 'JSONata', StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/QueryLanguage',
    message: "Field 'QueryLanguage' is not supported",
  },
  {
    name: 'a JSONPath field in a branch of a JSONata machine (inherits the top level, not the Parallel)',
    definition: single(
      {
        Type: 'Parallel',
        QueryLanguage: 'JSONata',
        End: true,
        Branches: [{ StartAt: 'X', States: { X: { ...pass, Output: 1 } } }],
      },
      {},
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches/0/States/X/Output',
  },
  {
    name: 'a JSONata expression that does not parse',
    definition: single({ ...pass, Output: '{% 1 + %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
    message: /^The JSONata expression '1 \+' specified for the field 'Output' is invalid/,
  },
  {
    name: 'an empty JSONata expression',
    definition: single({ ...pass, Output: { a: ['{%  %}'] } }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output/a/0',
  },
  {
    name: 'an unclosed JSONata expression',
    definition: single({ ...pass, Output: '{% 1' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
  },
  {
    name: '$$ in JSONata',
    definition: single({ ...pass, Output: '{% $$.a %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
  },
  {
    name: '$states.result in a Pass',
    definition: single({ ...pass, Output: '{% $states.result %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
  },
  {
    name: '$states.result in Arguments',
    definition: single({ ...task, Arguments: '{% $states.result %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Arguments',
  },
  {
    name: '$states.errorOutput outside a Catch',
    definition: single({ ...task, Output: '{% $states.errorOutput %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
  },
  {
    name: 'an unknown $states field',
    definition: single({ ...pass, Output: '{% $states.nope %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
  },

  // --- Task
  {
    name: 'a Task without Resource',
    definition: single({ Type: 'Task', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: 'These fields are required: [Resource]',
  },
  {
    name: 'a non-string Resource',
    definition: single({ ...task, Resource: 1 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Resource',
  },
  {
    name: 'a Resource that is not an ARN',
    definition: single({ ...task, Resource: '' }),
    code: 'INVALID_RESOURCE',
    path: '/States/A/Resource',
  },
  {
    name: 'TimeoutSeconds 0',
    definition: single({ ...task, TimeoutSeconds: 0 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimeoutSeconds',
  },
  {
    name: 'TimeoutSeconds as a string path',
    definition: single({ ...task, TimeoutSeconds: '$.t' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimeoutSeconds',
  },
  {
    name: 'TimeoutSeconds with TimeoutSecondsPath',
    definition: single({ ...task, TimeoutSeconds: 3, TimeoutSecondsPath: '$.t' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'a bad TimeoutSecondsPath',
    definition: single({ ...task, TimeoutSecondsPath: '$.t[*]' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimeoutSecondsPath',
  },
  {
    name: 'HeartbeatSeconds not below TimeoutSeconds',
    definition: single({ ...task, TimeoutSeconds: 10, HeartbeatSeconds: 10 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/HeartbeatSeconds',
    message: 'HeartbeatSeconds (10) must be smaller than TimeoutSeconds (10)',
  },
  {
    name: 'literal HeartbeatSeconds above TimeoutSeconds in JSONata',
    definition: single({ ...task, TimeoutSeconds: 10, HeartbeatSeconds: 30 }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/HeartbeatSeconds',
  },
  {
    name: 'HeartbeatSeconds with HeartbeatSecondsPath',
    definition: single({ ...task, HeartbeatSeconds: 3, HeartbeatSecondsPath: '$.h' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: "The fields 'HeartbeatSeconds' and 'HeartbeatSecondsPath' are mutually exclusive; keep one of them",
  },
  {
    name: 'a bad HeartbeatSecondsPath',
    definition: single({ ...task, HeartbeatSecondsPath: 'h' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/HeartbeatSecondsPath',
  },
  {
    name: 'HeartbeatSecondsPath in JSONata',
    definition: single({ ...task, HeartbeatSecondsPath: '$.h' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/HeartbeatSecondsPath',
  },
  {
    name: 'HeartbeatSeconds 0',
    definition: single({ ...task, HeartbeatSeconds: 0 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/HeartbeatSeconds',
  },
  {
    name: 'Credentials without RoleArn',
    definition: single({ ...task, Credentials: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Credentials',
    message: "The field 'RoleArn' is required but was missing",
  },
  {
    name: 'Credentials not an object',
    definition: single({ ...task, Credentials: 'x' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Credentials',
  },
  {
    name: 'a JSONata TimeoutSeconds that does not parse',
    definition: single({ ...task, TimeoutSeconds: '{% ) %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimeoutSeconds',
  },
  {
    name: 'an Express machine with .waitForTaskToken',
    definition: single({ ...task, Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }),
    options: { stateMachineType: 'EXPRESS' },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Resource',
    message: "Express state machine does not support '.waitForTaskToken' service integration ",
  },
  {
    name: 'an Express machine with .sync',
    definition: single({ ...task, Resource: 'arn:aws:states:::states:startExecution.sync:2' }),
    options: { stateMachineType: 'EXPRESS' },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Resource',
    message: "Express state machine does not support '.sync' service integration",
  },
  {
    name: 'an Express machine with an activity',
    definition: single({ ...task, Resource: 'arn:aws:states:us-east-1:123456789012:activity:work' }),
    options: { stateMachineType: 'EXPRESS' },
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Resource',
    message: 'Express state machine does not support Activity ARN',
  },

  // --- Retry / Catch
  {
    name: 'Retry not an array',
    definition: single({ ...task, Retry: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry',
  },
  {
    name: 'a retrier that is not an object',
    definition: single({ ...task, Retry: [1] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0',
  },
  {
    name: 'a retrier without ErrorEquals',
    definition: single({ ...task, Retry: [{}] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0',
    message: 'These fields are required: [ErrorEquals]',
  },
  {
    name: 'an empty ErrorEquals',
    definition: single({ ...task, Retry: [{ ErrorEquals: [] }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/ErrorEquals',
    message: 'Value cannot be empty',
  },
  {
    name: 'ErrorEquals not an array',
    definition: single({ ...task, Retry: [{ ErrorEquals: 'States.ALL' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/ErrorEquals',
  },
  {
    name: 'a non-string error name',
    definition: single({ ...task, Retry: [{ ErrorEquals: [1] }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/ErrorEquals/0',
  },
  {
    name: 'States.ALL not alone',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X', 'States.ALL'] }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/ErrorEquals/1',
  },
  {
    name: 'States.ALL not last',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/ErrorEquals/0',
  },
  {
    name: 'MaxAttempts negative',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], MaxAttempts: -1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/MaxAttempts',
  },
  {
    name: 'IntervalSeconds 0',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 0 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/IntervalSeconds',
  },
  {
    name: 'BackoffRate below 1',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/BackoffRate',
  },
  {
    name: 'MaxDelaySeconds too large',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], MaxDelaySeconds: 31622401 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/MaxDelaySeconds',
  },
  {
    name: 'a bad JitterStrategy',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'HALF' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/JitterStrategy',
  },
  {
    name: 'an unknown retrier field',
    definition: single({ ...task, Retry: [{ ErrorEquals: ['X'], Next: 'A' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Retry/0/Next',
  },
  {
    name: 'Catch not an array',
    definition: single({ ...task, Catch: 'x' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch',
  },
  {
    name: 'a catcher that is not an object',
    definition: single({ ...task, Catch: [null] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0',
  },
  {
    name: 'a catcher without Next',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'] }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0',
    message: 'These fields are required: [Next]',
  },
  {
    name: 'a catcher with a non-string Next',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'], Next: 1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0/Next',
  },
  {
    name: 'a catcher with a bad ResultPath',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'], Next: 'A', ResultPath: '$.' }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0/ResultPath',
  },
  {
    name: 'a catcher with Output in JSONPath',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'], Next: 'A', Output: 1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0/Output',
  },
  {
    name: 'a catcher with an unknown field',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'], Next: 'A', Foo: 1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0/Foo',
  },
  {
    name: 'a catcher with a bad JSONata Output',
    definition: single({ ...task, Catch: [{ ErrorEquals: ['X'], Next: 'A', Output: '{% ( %}' }] }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Catch/0/Output',
  },

  // --- Choice
  {
    name: 'a Choice without Choices',
    definition: single({ Type: 'Choice', Default: 'A' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: 'These fields are required: [Choices]',
  },
  {
    name: 'empty Choices',
    definition: single({ Type: 'Choice', Choices: [], Default: 'A' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices',
    message: 'Value cannot be empty',
  },
  {
    name: 'Choices not an array',
    definition: single({ Type: 'Choice', Choices: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices',
  },
  {
    name: 'a non-string Default',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'B' }], Default: 3 },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Default',
  },
  {
    name: 'a rule with two operators',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, IsString: true, Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
    message: 'Each Choice Rule can only have one comparison operator.',
  },
  {
    name: 'a rule without an operator',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Variable: '$.a', Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
  },
  {
    name: 'a rule without Variable',
    definition: machine({ A: { Type: 'Choice', Choices: [{ IsNull: true, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
    message: 'These fields are required: [Variable]',
  },
  {
    name: 'a top-level rule without Next',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true }], Default: 'B' }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
    message: 'These fields are required: [Next]',
  },
  {
    name: 'a nested rule with Next',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Not: { Variable: '$.a', IsNull: true, Next: 'B' }, Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Not/Next',
  },
  {
    name: 'an empty And',
    definition: machine({ A: { Type: 'Choice', Choices: [{ And: [], Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/And',
  },
  {
    name: 'Or not an array',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Or: {}, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Or',
  },
  {
    name: 'Variable on an And rule',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', And: [{ Variable: '$.a', IsNull: true }], Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Variable',
  },
  {
    name: 'a nested rule that is not an object',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Not: 3, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Not',
  },
  {
    name: 'a rule that is not an object',
    definition: machine({ A: { Type: 'Choice', Choices: [3], Default: 'B' }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
  },
  {
    name: 'a numeric StringEquals',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEquals: 1, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/StringEquals',
  },
  {
    name: 'a string NumericEquals',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: '1', Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/NumericEquals',
  },
  {
    name: 'a string BooleanEquals',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: 'true', Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/BooleanEquals',
  },
  {
    name: 'a non-RFC3339 TimestampEquals',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', TimestampEquals: '2016-03-14 01:59:00', Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/TimestampEquals',
  },
  {
    name: 'a bad *Path operand',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEqualsPath: 'x', Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/StringEqualsPath',
  },
  {
    name: 'a Variable that is not a reference path',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Variable: '$.a[*]', IsNull: true, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Variable',
    message: "The value for the field 'Variable' must be a valid ReferencePath",
  },
  {
    name: 'a bad Variable',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Variable: 'a', IsNull: true, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Variable',
  },
  {
    name: 'an unknown rule field',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'B', Foo: 1 }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Foo',
  },
  {
    name: 'a Condition in a JSONPath rule',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Condition: true, Next: 'B' }] }, B: pass }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Condition',
  },
  {
    name: 'a JSONata rule without Condition',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Next: 'B' }] }, B: pass }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
    message: 'These fields are required: [Condition]',
  },
  {
    name: 'a JSONata rule with a literal string Condition',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Condition: 'yes', Next: 'B' }] }, B: pass }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Condition',
  },
  {
    name: 'a JSONata rule with a numeric Condition',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Condition: 1, Next: 'B' }] }, B: pass }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Condition',
  },
  {
    name: 'a JSONata rule with Variable',
    definition: machine(
      { A: { Type: 'Choice', Choices: [{ Condition: true, Variable: '$.a', Next: 'B' }] }, B: pass },
      jsonata,
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Variable',
  },
  {
    name: 'a JSONata rule with an unknown field',
    definition: machine({ A: { Type: 'Choice', Choices: [{ Condition: true, Next: 'B', Foo: 1 }] }, B: pass }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Foo',
  },
  {
    name: 'a JSONata rule that is not an object',
    definition: machine({ A: { Type: 'Choice', Choices: ['x'], Default: 'B' }, B: pass }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0',
  },

  // --- Wait
  {
    name: 'a Wait with no duration',
    definition: single({ Type: 'Wait', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'a Wait with two durations',
    definition: single({ Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'negative Seconds',
    definition: single({ Type: 'Wait', Seconds: -1, End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Seconds',
  },
  {
    name: 'string Seconds',
    definition: single({ Type: 'Wait', Seconds: '10', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Seconds',
  },
  {
    name: 'a bad Timestamp',
    definition: single({ Type: 'Wait', Timestamp: '2016-12-05 21:29:29Z', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Timestamp',
  },
  {
    name: 'a Timestamp without offset',
    definition: single({ Type: 'Wait', Timestamp: '2016-12-05T21:29:29', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Timestamp',
  },
  {
    name: 'a bad SecondsPath',
    definition: single({ Type: 'Wait', SecondsPath: 's', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/SecondsPath',
  },
  {
    name: 'a bad TimestampPath',
    definition: single({ Type: 'Wait', TimestampPath: '$..t', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/TimestampPath',
  },
  {
    name: 'a JSONata Seconds expression that does not parse',
    definition: single({ Type: 'Wait', Seconds: '{% + %}', End: true }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Seconds',
  },

  // --- Fail
  {
    name: 'Error with ErrorPath',
    definition: single({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: /mutually exclusive/,
  },
  {
    name: 'Cause with CausePath',
    definition: single({ Type: 'Fail', Cause: 'C', CausePath: '$.c' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'a non-string Error',
    definition: single({ Type: 'Fail', Error: 1 }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Error',
  },
  {
    name: 'an ErrorPath intrinsic that does not return a string',
    definition: single({ Type: 'Fail', ErrorPath: 'States.ArrayLength($.a)' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ErrorPath',
    message: /must be a valid JSONPath or an intrinsic function expression that returns a string/,
  },
  {
    name: 'a bad CausePath',
    definition: single({ Type: 'Fail', CausePath: 'c' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/CausePath',
  },
  {
    name: 'Output on a Fail',
    definition: single({ Type: 'Fail', Output: 1 }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Output',
    message: "Field 'Output' is not supported",
  },
  {
    name: 'a JSONata Error that does not parse',
    definition: single({ Type: 'Fail', Error: '{% [ %}' }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Error',
  },

  // --- Parallel
  {
    name: 'a Parallel without Branches',
    definition: single({ Type: 'Parallel', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: 'These fields are required: [Branches]',
  },
  {
    name: 'empty Branches',
    definition: single({ Type: 'Parallel', End: true, Branches: [] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches',
    message: 'Value cannot be empty',
  },
  {
    name: 'Branches not an array',
    definition: single({ Type: 'Parallel', End: true, Branches: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches',
  },
  {
    name: 'a branch that is not an object',
    definition: single({ Type: 'Parallel', End: true, Branches: [1] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches/0',
  },
  {
    name: 'a branch without StartAt',
    definition: single({ Type: 'Parallel', End: true, Branches: [{ States: { X: pass } }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches/0',
    message: 'These fields are required: [StartAt]',
  },
  {
    name: 'an unknown branch field',
    definition: single({ Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: pass }, Foo: 1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches/0/Foo',
  },
  {
    name: 'a non-string branch Comment',
    definition: single({ Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: pass }, Comment: 1 }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Branches/0/Comment',
  },

  // --- Map
  {
    name: 'a Map without ItemProcessor',
    definition: single({ Type: 'Map', End: true }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
    message: 'These fields are required: [ItemProcessor]',
  },
  {
    name: 'ItemProcessor with Iterator',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
      Iterator: { StartAt: 'Y', States: { Y: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'ItemProcessor not an object',
    definition: single({ Type: 'Map', End: true, ItemProcessor: [] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor',
  },
  {
    name: 'a bad Mode',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: { Mode: 'LOCAL' }, StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/ProcessorConfig/Mode',
  },
  {
    name: 'a bad ExecutionType',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'FAST' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/ProcessorConfig/ExecutionType',
  },
  {
    name: 'DISTRIBUTED without ExecutionType',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/ProcessorConfig',
    message: 'These fields are required: [ExecutionType]',
  },
  {
    name: 'ProcessorConfig not an object',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: 1, StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/ProcessorConfig',
  },
  {
    name: 'an unknown ProcessorConfig field',
    definition: single({
      Type: 'Map',
      End: true,
      ItemProcessor: { ProcessorConfig: { Foo: 1 }, StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemProcessor/ProcessorConfig/Foo',
  },
  {
    name: 'ItemReader on an INLINE Map',
    definition: single({
      Type: 'Map',
      End: true,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemReader',
  },
  {
    name: 'ItemBatcher on a Map without ProcessorConfig (INLINE)',
    definition: single({
      Type: 'Map',
      End: true,
      ItemBatcher: { MaxItemsPerBatch: 2 },
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemBatcher',
    message: "Field 'ItemBatcher' is only supported when the ItemProcessor's ProcessorConfig Mode is DISTRIBUTED",
  },
  {
    name: 'ResultWriter on a Map with Mode INLINE',
    definition: single({
      Type: 'Map',
      End: true,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' },
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultWriter',
  },
  {
    name: 'Label on a legacy Iterator Map',
    definition: single({ Type: 'Map', End: true, Label: 'x', Iterator: { StartAt: 'X', States: { X: pass } } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Label',
  },
  {
    name: 'a state name reused inside a Map processor',
    definition: single({ Type: 'Map', End: true, ItemProcessor: { StartAt: 'A', States: { A: pass } } }),
    code: 'DUPLICATE_STATE_NAME',
    path: '/States/A/ItemProcessor/States/A',
    message: 'Duplicate State name: A',
  },
  {
    name: 'Label on an INLINE Map',
    definition: single({ Type: 'Map', End: true, Label: 'x', ItemProcessor: { StartAt: 'X', States: { X: pass } } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Label',
  },
  {
    name: 'a bad ItemsPath',
    definition: single({
      Type: 'Map',
      End: true,
      ItemsPath: 'items',
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemsPath',
  },
  {
    name: 'a negative MaxConcurrency',
    definition: single({
      Type: 'Map',
      End: true,
      MaxConcurrency: -1,
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/MaxConcurrency',
  },
  {
    name: 'a bad MaxConcurrencyPath',
    definition: single({
      Type: 'Map',
      End: true,
      MaxConcurrencyPath: 'x',
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/MaxConcurrencyPath',
  },
  {
    name: 'ToleratedFailurePercentage above 100',
    definition: single({
      Type: 'Map',
      End: true,
      ToleratedFailurePercentage: 101,
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ToleratedFailurePercentage',
  },
  {
    name: 'a negative ToleratedFailureCount',
    definition: single({
      Type: 'Map',
      End: true,
      ToleratedFailureCount: -1,
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ToleratedFailureCount',
  },
  {
    name: 'a bad ToleratedFailureCountPath',
    definition: single({
      Type: 'Map',
      End: true,
      ToleratedFailureCountPath: 'x',
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ToleratedFailureCountPath',
  },
  {
    name: 'a bad ToleratedFailurePercentagePath',
    definition: single({
      Type: 'Map',
      End: true,
      ToleratedFailurePercentagePath: 'x',
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ToleratedFailurePercentagePath',
  },
  {
    name: 'ItemSelector with Parameters',
    definition: single({
      Type: 'Map',
      End: true,
      ItemSelector: {},
      Parameters: {},
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A',
  },
  {
    name: 'a bad ItemSelector path',
    definition: single({
      Type: 'Map',
      End: true,
      ItemSelector: { 'v.$': 'v' },
      ItemProcessor: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemSelector/v.$',
  },
  {
    name: 'a bad legacy Parameters path on a Map',
    definition: single({
      Type: 'Map',
      End: true,
      Parameters: { 'v.$': 'v' },
      Iterator: { StartAt: 'X', States: { X: pass } },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Parameters/v.$',
  },
  {
    name: 'JSONata Items that is a literal string',
    definition: single(
      { Type: 'Map', End: true, Items: 'x', ItemProcessor: { StartAt: 'X', States: { X: pass } } },
      jsonata,
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Items',
  },
  {
    name: 'JSONata Items that is a number',
    definition: single(
      { Type: 'Map', End: true, Items: 1, ItemProcessor: { StartAt: 'X', States: { X: pass } } },
      jsonata,
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Items',
  },
  {
    name: 'JSONata Items with a bad expression inside',
    definition: single(
      { Type: 'Map', End: true, Items: ['{% ( %}'], ItemProcessor: { StartAt: 'X', States: { X: pass } } },
      jsonata,
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Items/0',
  },
  {
    name: 'a bad JSONata ItemSelector',
    definition: single(
      { Type: 'Map', End: true, ItemSelector: { a: '{% ( %}' }, ItemProcessor: { StartAt: 'X', States: { X: pass } } },
      jsonata,
    ),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemSelector/a',
  },
  {
    name: 'a distributed Map with an invalid Label',
    definition: single({
      Type: 'Map',
      End: true,
      Label: 'has space',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'INVALID_LABEL_NAME',
    path: '/States/A/Label',
  },
  {
    name: 'two distributed Maps with the same Label',
    definition: machine({
      A: {
        Type: 'Map',
        Next: 'B',
        Label: 'L',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'X',
          States: { X: pass },
        },
      },
      B: {
        Type: 'Map',
        End: true,
        Label: 'L',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Y',
          States: { Y: pass },
        },
      },
    }),
    code: 'DUPLICATE_LABEL_NAME',
    path: '/States/B/Label',
  },
  {
    name: 'an ItemReader without Resource',
    definition: single({
      Type: 'Map',
      End: true,
      ItemReader: {},
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemReader',
    message: 'These fields are required: [Resource]',
  },
  {
    name: 'an ItemBatcher that is not an object',
    definition: single({
      Type: 'Map',
      End: true,
      ItemBatcher: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemBatcher',
  },
  {
    name: 'a ResultWriter with a non-string Resource',
    definition: single({
      Type: 'Map',
      End: true,
      ResultWriter: { Resource: 1 },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ResultWriter/Resource',
  },
  {
    name: 'an ItemReader with a bad Parameters path',
    definition: single({
      Type: 'Map',
      End: true,
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { 'Bucket.$': 'b' } },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'X',
        States: { X: pass },
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/ItemReader/Parameters/Bucket.$',
  },

  ...((): InvalidCase[] => {
    const dist = {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'X',
      States: { X: pass },
    };
    const mapWith = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown =>
      single({ Type: 'Map', End: true, ItemProcessor: dist, ...fields }, extra);
    const reader = { Resource: 'arn:aws:states:::s3:getObject' };
    return [
      {
        name: 'an unknown ItemReader field',
        definition: mapWith({ ItemReader: { ...reader, Foo: 1 } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/Foo',
      },
      {
        name: 'a bad ReaderConfig InputType',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { InputType: 'XML' } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig/InputType',
        message: "The field 'InputType' should have one of these values: [CSV, JSON, JSONL, PARQUET, MANIFEST]",
      },
      {
        name: 'CSVHeaders that are not strings',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { CSVHeaders: [1] } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig/CSVHeaders',
      },
      {
        name: 'a non-string ItemsPointer',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { ItemsPointer: 1 } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig/ItemsPointer',
      },
      {
        name: 'MaxItems above 100,000,000',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { MaxItems: 100000001 } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig/MaxItems',
      },
      {
        name: 'a bad MaxItemsPath',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { MaxItemsPath: 'm' } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig/MaxItemsPath',
      },
      {
        name: 'ReaderConfig not an object',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: 1 } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig',
      },
      {
        name: 'ItemReader Arguments in JSONPath',
        definition: mapWith({ ItemReader: { ...reader, Arguments: {} } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/Arguments',
      },
      {
        name: 'ItemReader Parameters in JSONata',
        definition: mapWith({ ItemReader: { ...reader, Parameters: {} } }, jsonata),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/Parameters',
      },
      {
        name: 'a bad ItemReader Arguments expression',
        definition: mapWith({ ItemReader: { ...reader, Arguments: { Bucket: '{% ( %}' } } }, jsonata),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/Arguments/Bucket',
      },
      {
        name: 'a non-string ItemReader Resource',
        definition: mapWith({ ItemReader: { Resource: 1 } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/Resource',
      },
      {
        name: 'MaxItemsPerBatch 0',
        definition: mapWith({ ItemBatcher: { MaxItemsPerBatch: 0 } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemBatcher/MaxItemsPerBatch',
      },
      {
        name: 'MaxInputBytesPerBatch above 256 KiB',
        definition: mapWith({ ItemBatcher: { MaxInputBytesPerBatch: 262145 } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemBatcher/MaxInputBytesPerBatch',
      },
      {
        name: 'a bad BatchInput path',
        definition: mapWith({ ItemBatcher: { BatchInput: { 'a.$': 'a' } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemBatcher/BatchInput/a.$',
      },
      {
        name: 'a bad WriterConfig OutputType',
        definition: mapWith({ ResultWriter: { WriterConfig: { OutputType: 'CSV' } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ResultWriter/WriterConfig/OutputType',
      },
      {
        name: 'an unknown WriterConfig field',
        definition: mapWith({ ResultWriter: { WriterConfig: { Foo: 1 } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ResultWriter/WriterConfig/Foo',
      },
      {
        name: 'MaxItems with MaxItemsPath',
        definition: mapWith({ ItemReader: { ...reader, ReaderConfig: { MaxItems: 1, MaxItemsPath: '$.m' } } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemReader/ReaderConfig',
        message: "The fields 'MaxItems' and 'MaxItemsPath' are mutually exclusive; keep one of them",
      },
      {
        name: 'MaxItemsPerBatch with MaxItemsPerBatchPath',
        definition: mapWith({ ItemBatcher: { MaxItemsPerBatch: 1, MaxItemsPerBatchPath: '$.m' } }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ItemBatcher',
      },
      {
        name: 'ToleratedFailureCount with ToleratedFailureCountPath',
        definition: mapWith({ ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.t' }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A',
      },
      {
        name: 'MaxConcurrency with MaxConcurrencyPath',
        definition: mapWith({ MaxConcurrency: 1, MaxConcurrencyPath: '$.m' }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A',
      },
      {
        name: 'a ResultWriter that is not an object',
        definition: mapWith({ ResultWriter: [] }),
        code: 'SCHEMA_VALIDATION_FAILED',
        path: '/States/A/ResultWriter',
      },
    ];
  })(),

  // --- Assign / variables
  {
    name: 'Assign not an object',
    definition: single({ ...pass, Assign: [] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign',
  },
  {
    name: "the reserved variable name 'states'",
    definition: single({ ...pass, Assign: { states: 1 } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign/states',
  },
  {
    name: 'a partial assignment x.y',
    definition: single({ ...pass, Assign: { 'x.y': 1 } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign/x.y',
  },
  {
    name: 'a variable name starting with a digit',
    definition: single({ ...pass, Assign: { '1x': 1 } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign/1x',
  },
  {
    name: 'a bad Assign .$ path',
    definition: single({ ...pass, Assign: { 'x.$': 'nope' } }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign/x.$',
  },
  {
    name: 'a bad Assign JSONata expression',
    definition: single({ ...pass, Assign: { x: '{% ( %}' } }, jsonata),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign/x',
  },
  {
    name: 'an inner variable with the name of an outer one',
    definition: machine({
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'P' },
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Assign: { x: 2 }, End: true } } }],
      },
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/P/Branches/0/States/X/Assign/x',
    message: "A variable assigned in an inner scope cannot have the same name as one assigned in an outer scope: 'x'",
  },
  {
    name: 'Assign on a Succeed',
    definition: single({ Type: 'Succeed', Assign: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Assign',
    message: "Field 'Assign' is not supported",
  },
  {
    name: 'a nested rule with Assign',
    definition: machine({
      A: { Type: 'Choice', Choices: [{ Not: { Variable: '$.a', IsNull: true, Assign: {} }, Next: 'B' }] },
      B: pass,
    }),
    code: 'SCHEMA_VALIDATION_FAILED',
    path: '/States/A/Choices/0/Not/Assign',
  },
];

function find(diagnostics: Diagnostic[], code: string, path: string): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === code && d.path === path && d.severity === 'error');
}

describe('validate on invalid definitions', () => {
  it.each(invalidCases.map((c) => [c.name, c] as const))('reports %s', (_name, c) => {
    // Act
    const result = validate(c.definition, c.options);
    // Assess
    expect(result.ok).toBe(false);
    const d = find(result.diagnostics, c.code, c.path);
    if (d === undefined) {
      throw new Error(
        `expected ${c.code} at ${JSON.stringify(c.path)}, got:\n${JSON.stringify(result.diagnostics, null, 1)}`,
      );
    }
    if (typeof c.message === 'string') expect(d.message).toBe(c.message);
    else if (c.message !== undefined) expect(d.message).toMatch(c.message);
  });
});
