// TestState as AWS has it, through the real SFNClient over HTTP. The expected answers are AWS's, recorded by
// LocalStack against AWS (tests/aws/services/stepfunctions/v2/test_state/*.snapshot.json), for the same
// definitions and inputs; only the account and region are the local ones.
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand, TestStateCommand } from '@aws-sdk/client-sfn';
import type { SFNServiceException, TestStateCommandInput, TestStateCommandOutput } from '@aws-sdk/client-sfn';
import type { LocalServer } from '../src/index.js';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';

/** Starting a Lambda process can take a while on a loaded CI machine. */
const SLOW = 30_000;
const HELLO = '{"Value":"HelloWorld"}';
const IO_INPUT = JSON.stringify({
  initialData: { fieldFromInput: 'value from input', otherField: 'other' },
  unrelatedData: { someOtherField: 1234 },
});

let server: LocalServer;
let stop: () => Promise<void>;
let dataDir: string;
let sfn: SFNClient;

beforeAll(async () => {
  ({ server, stop, dataDir } = await startServer());
  sfn = new SFNClient({ ...clientConfig(server), disableHostPrefix: true });
  const lambda = new LambdaClient(clientConfig(server));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'shout',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip('export const handler = async (e) => `${e.inputData}!`;') },
    }),
  );
  lambda.destroy();
});

afterAll(async () => {
  sfn.destroy();
  await stop();
});

/** Sends TestState and returns the answer with every JSON text field parsed (as AWS's recordings show them). */
async function test(input: TestStateCommandInput): Promise<Record<string, unknown>> {
  const out: TestStateCommandOutput = await sfn.send(new TestStateCommand(input));
  const { $metadata: _m, ...rest } = out;
  return parsed(rest) as Record<string, unknown>;
}

function parsed(value: unknown): unknown {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'errorDetails' ? v : parsed(v)]));
}

async function refusal(input: TestStateCommandInput): Promise<{ name: string; message: string }> {
  try {
    await sfn.send(new TestStateCommand(input));
  } catch (e) {
    const err = e as SFNServiceException;
    return { name: err.name, message: err.message };
  }
  throw new Error('TestState answered; a refusal was expected');
}

const LAMBDA_TASK = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'foo', 'Payload.$': '$' },
  End: true,
};

describe('TestState: the data steps AWS reports (inspectionLevel)', () => {
  it.each([
    {
      name: 'a Pass state',
      definition: { Type: 'Pass', End: true },
      input: HELLO,
      output: { Value: 'HelloWorld' },
      debug: {
        input: { Value: 'HelloWorld' },
        afterInputPath: { Value: 'HelloWorld' },
        afterParameters: { Value: 'HelloWorld' },
        afterResultSelector: { Value: 'HelloWorld' },
        afterResultPath: { Value: 'HelloWorld' },
      },
    },
    {
      name: 'a Pass state with InputPath, Parameters and ResultPath',
      definition: {
        Type: 'Pass',
        InputPath: '$.initialData',
        Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
        ResultPath: '$.modifiedData',
        End: true,
      },
      input: IO_INPUT,
      output: {
        ...(JSON.parse(IO_INPUT) as object),
        modifiedData: { staticValue: 'some value', inputValue: 'value from input' },
      },
      debug: {
        input: JSON.parse(IO_INPUT) as unknown,
        afterInputPath: { fieldFromInput: 'value from input', otherField: 'other' },
        afterParameters: { staticValue: 'some value', inputValue: 'value from input' },
        afterResultSelector: { staticValue: 'some value', inputValue: 'value from input' },
        afterResultPath: {
          ...(JSON.parse(IO_INPUT) as object),
          modifiedData: { staticValue: 'some value', inputValue: 'value from input' },
        },
      },
    },
    {
      name: 'a Pass state with a Result',
      definition: { Type: 'Pass', Result: { resultKey: 'result value' }, End: true },
      input: HELLO,
      output: { resultKey: 'result value' },
      debug: {
        input: { Value: 'HelloWorld' },
        result: { resultKey: 'result value' },
        afterResultSelector: { resultKey: 'result value' },
        afterResultPath: { resultKey: 'result value' },
      },
    },
    {
      name: 'a Pass state with a Result and a ResultPath',
      definition: {
        Type: 'Pass',
        InputPath: '$.initialData',
        Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
        Result: { resultKey: 'result value' },
        ResultPath: '$.modifiedData',
        End: true,
      },
      input: IO_INPUT,
      output: { ...(JSON.parse(IO_INPUT) as object), modifiedData: { resultKey: 'result value' } },
      debug: {
        input: JSON.parse(IO_INPUT) as unknown,
        result: { resultKey: 'result value' },
        afterResultSelector: { resultKey: 'result value' },
        afterResultPath: { ...(JSON.parse(IO_INPUT) as object), modifiedData: { resultKey: 'result value' } },
      },
    },
    {
      name: 'a Succeed state',
      definition: { Type: 'Succeed' },
      input: HELLO,
      output: { Value: 'HelloWorld' },
      debug: { input: { Value: 'HelloWorld' }, afterInputPath: { Value: 'HelloWorld' } },
    },
  ])('reports the output of $name at INFO, and each data step at DEBUG and TRACE', async (c) => {
    // Prepare
    const base = { definition: JSON.stringify(c.definition), input: c.input, roleArn: ROLE };

    // Act
    const info = await test({ ...base, inspectionLevel: 'INFO' });
    const debug = await test({ ...base, inspectionLevel: 'DEBUG' });
    const trace = await test({ ...base, inspectionLevel: 'TRACE' });
    const byDefault = await test(base);

    // Assess
    expect(info).toEqual({ status: 'SUCCEEDED', output: c.output });
    expect(byDefault).toEqual(info);
    expect(debug).toEqual({ status: 'SUCCEEDED', output: c.output, inspectionData: c.debug });
    expect(trace).toEqual(debug);
  });

  it('reports a Fail state as FAILED with its error, cause and the input it saw', async () => {
    const out = await test({
      definition: JSON.stringify({
        Type: 'Fail',
        Error: 'SomeFailure',
        Cause: "This state machines raises a 'SomeFailure' failure.",
      }),
      input: HELLO,
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'FAILED',
      error: 'SomeFailure',
      cause: "This state machines raises a 'SomeFailure' failure.",
      inspectionData: { input: { Value: 'HelloWorld' }, afterInputPath: { Value: 'HelloWorld' } },
    });
  });

  it('names the state a Choice state goes to as nextState', async () => {
    const choice = {
      Type: 'Choice',
      Choices: [
        { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
        { Variable: '$.value', NumericEquals: 0, Next: 'ValueIsZero' },
        {
          And: [
            { Variable: '$.value', NumericGreaterThanEquals: 20 },
            { Variable: '$.value', NumericLessThan: 30 },
          ],
          Next: 'ValueInTwenties',
        },
      ],
      Default: 'DefaultState',
    };

    const out = await test({
      definition: JSON.stringify(choice),
      input: '{"type":"Private","value":22}',
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      nextState: 'ValueInTwenties',
      output: { type: 'Private', value: 22 },
      inspectionData: { input: { type: 'Private', value: 22 }, afterInputPath: { type: 'Private', value: 22 } },
    });
  });

  it(
    'reports the effective Parameters, the raw result and the ResultSelector/ResultPath steps of a Task that runs',
    async () => {
      const out = await test({
        definition: JSON.stringify({
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:shout',
          InputPath: '$.data',
          Parameters: { 'inputData.$': '$.value' },
          ResultSelector: { 'shouted.$': '$' },
          ResultPath: '$.out',
          End: true,
        }),
        input: '{"data":{"value":"HelloWorld"}}',
        roleArn: ROLE,
        inspectionLevel: 'DEBUG',
      });

      expect(out).toEqual({
        status: 'SUCCEEDED',
        output: { data: { value: 'HelloWorld' }, out: { shouted: 'HelloWorld!' } },
        inspectionData: {
          input: { data: { value: 'HelloWorld' } },
          afterInputPath: { value: 'HelloWorld' },
          afterParameters: { inputData: 'HelloWorld' },
          result: 'HelloWorld!',
          afterResultSelector: { shouted: 'HelloWorld!' },
          afterResultPath: { data: { value: 'HelloWorld' }, out: { shouted: 'HelloWorld!' } },
        },
      });
    },
    SLOW,
  );

  it('answers a Wait state at once, as TestState does not hold the answer back', async () => {
    const started = Date.now();

    const out = await test({
      definition: JSON.stringify({ Type: 'Wait', Seconds: 3600, Next: 'After' }),
      input: HELLO,
    });

    expect(out).toEqual({ status: 'SUCCEEDED', output: { Value: 'HelloWorld' }, nextState: 'After' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('TestState: mock', () => {
  it('returns mock.result as the Task result, unwrapped, without calling anything or needing a role', async () => {
    const out = await test({
      definition: JSON.stringify(LAMBDA_TASK),
      input: HELLO,
      mock: { result: JSON.stringify({ Payload: 'function output', SdkHttpMetadata: { HttpStatusCode: 200 } }) },
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      output: { Payload: 'function output', SdkHttpMetadata: { HttpStatusCode: 200 } },
      inspectionData: {
        input: { Value: 'HelloWorld' },
        afterInputPath: { Value: 'HelloWorld' },
        afterParameters: { FunctionName: 'foo', Payload: { Value: 'HelloWorld' } },
        result: { Payload: 'function output', SdkHttpMetadata: { HttpStatusCode: 200 } },
        afterResultSelector: { Payload: 'function output', SdkHttpMetadata: { HttpStatusCode: 200 } },
        afterResultPath: { Payload: 'function output', SdkHttpMetadata: { HttpStatusCode: 200 } },
      },
    });
  });

  it("returns at once for a mocked .waitForTaskToken Task, with the mock as the token holder's answer", async () => {
    const out = await test({
      definition: JSON.stringify({ ...LAMBDA_TASK, Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }),
      input: HELLO,
      mock: { result: '{"approved":true}' },
    });

    expect(out).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
  });

  it('lets a Catch handle mock.errorOutput: CAUGHT_ERROR, the catcher, its output and nextState', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'foo', Payload: 'bar' },
      Catch: [
        { ErrorEquals: ['MockException'], Output: '{% $states.errorOutput %}', Next: 'HandleMockError' },
        { ErrorEquals: ['States.TaskFailed'], Output: '{% $states.errorOutput %}', Next: 'HandleThreshold' },
      ],
      End: true,
    };

    const mocked = await test({
      definition: JSON.stringify(definition),
      input: HELLO,
      mock: { errorOutput: { error: 'MockException', cause: 'Mock the cause of the error.' } },
      inspectionLevel: 'DEBUG',
    });
    const other = await test({
      definition: JSON.stringify(definition),
      input: HELLO,
      mock: { errorOutput: { error: 'States.TaskFailed', cause: 'The task failed.' } },
    });

    expect(mocked).toEqual({
      status: 'CAUGHT_ERROR',
      error: 'MockException',
      cause: 'Mock the cause of the error.',
      nextState: 'HandleMockError',
      output: { Error: 'MockException', Cause: 'Mock the cause of the error.' },
      inspectionData: {
        input: { Value: 'HelloWorld' },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { catchIndex: 0 },
      },
    });
    expect(other).toMatchObject({ status: 'CAUGHT_ERROR', error: 'States.TaskFailed', nextState: 'HandleThreshold' });
  });

  it.each([
    { count: undefined, status: 'RETRIABLE', errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 1 } },
    { count: 4, status: 'RETRIABLE', errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 16 } },
    { count: 5, status: 'FAILED', errorDetails: { retryIndex: 0 } },
  ])(
    'judges a Retry from stateConfiguration.retrierRetryCount $count: $status',
    async ({ count, status, errorDetails }) => {
      const out = await test({
        definition: JSON.stringify({
          QueryLanguage: 'JSONata',
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'foo', Payload: 'bar' },
          Retry: [{ ErrorEquals: ['MockException'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2.0 }],
          End: true,
        }),
        input: '{"Values":["first","second","third"]}',
        ...(count === undefined ? {} : { stateConfiguration: { retrierRetryCount: count } }),
        mock: { errorOutput: { error: 'MockException', cause: 'Mock the cause of the error.' } },
        inspectionLevel: 'DEBUG',
      });

      expect(out).toEqual({
        status,
        error: 'MockException',
        cause: 'Mock the cause of the error.',
        inspectionData: {
          input: { Values: ['first', 'second', 'third'] },
          afterArguments: { FunctionName: 'foo', Payload: 'bar' },
          errorDetails,
        },
      });
    },
  );

  it.each([
    {
      name: 'STRICT refuses a lambda:invoke StatusCode that is not a number',
      resource: 'arn:aws:states:::lambda:invoke',
      result: { StatusCode: '200' },
      mode: undefined,
      message: "Mock result schema validation error: Field 'StatusCode' must be a number",
    },
    {
      name: 'STRICT refuses a startExecution result without its required ExecutionArn',
      resource: 'arn:aws:states:::states:startExecution',
      result: { executionArn: 'arn', startDate: 'today' },
      mode: 'STRICT' as const,
      message: "Mock result schema validation error: Required field 'ExecutionArn' is missing",
    },
    {
      name: 'PRESENT refuses a wrongly typed field that is present',
      resource: 'arn:aws:states:::states:startExecution',
      result: { ExecutionArn: 'arn', StartDate: true },
      mode: 'PRESENT' as const,
      message: "Mock result schema validation error: Field 'StartDate' must be a string",
    },
    {
      name: 'STRICT refuses a wrong type inside a list (putEvents Entries)',
      resource: 'arn:aws:states:::events:putEvents',
      result: { Entries: [{ EventId: 'a' }, { EventId: 2 }] },
      mode: undefined,
      message: "Mock result schema validation error: Field 'EventId' must be a string",
    },
  ])('fieldValidationMode: $name', async ({ resource, result, mode, message }) => {
    const err = await refusal({
      definition: JSON.stringify({ Type: 'Task', Resource: resource, End: true }),
      input: '{}',
      mock: { result: JSON.stringify(result), ...(mode === undefined ? {} : { fieldValidationMode: mode }) },
    });

    expect(err).toEqual({ name: 'ValidationException', message });
  });

  it.each([
    { mode: 'PRESENT' as const, result: { targetExecutionResult: {} } },
    { mode: 'NONE' as const, result: { ExecutionArn: 'arn', StartDate: true } },
    { mode: 'STRICT' as const, result: { ExecutionArn: 'arn', StartDate: '2026-01-01T00:00:00Z', extra: 1 } },
  ])('fieldValidationMode $mode accepts $result', async ({ mode, result }) => {
    const out = await test({
      definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', End: true }),
      input: '{}',
      mock: { result: JSON.stringify(result), fieldValidationMode: mode },
    });

    expect(out).toEqual({ status: 'SUCCEEDED', output: result });
  });

  it.each([
    {
      name: 'a mock for a Pass state',
      input: { definition: '{"Type":"Pass","End":true}', mock: { result: '{}' } },
      error: { name: 'ValidationException', message: "State type 'Pass' is not supported when a mock is specified" },
    },
    {
      name: 'a mock with both result and errorOutput',
      input: {
        definition: JSON.stringify(LAMBDA_TASK),
        mock: { result: '{}', errorOutput: { error: 'E', cause: 'C' } },
      },
      error: {
        name: 'ValidationException',
        message: 'A test mock should have only one of the following fields: [result, errorOutput].',
      },
    },
    {
      name: 'a mock result that is not JSON',
      input: { definition: JSON.stringify(LAMBDA_TASK), mock: { result: 'not json' } },
      error: { name: 'ValidationException', message: 'Mocked result must be valid JSON' },
    },
    {
      name: 'revealSecrets with a mock',
      input: { definition: JSON.stringify(LAMBDA_TASK), mock: { result: '{}' }, revealSecrets: true },
      error: {
        name: 'ValidationException',
        message: 'TestState does not support RevealSecrets when a mock is specified.',
      },
    },
    {
      name: 'a context without a mock',
      input: { definition: JSON.stringify(LAMBDA_TASK), roleArn: ROLE, context: '{}' },
      error: {
        name: 'ValidationException',
        message: 'TestState does not support Context when a mock is not specified.',
      },
    },
    {
      name: 'a Task without a roleArn or a mock',
      input: { definition: JSON.stringify(LAMBDA_TASK) },
      error: { name: 'ValidationException', message: 'RoleArn must be specified when testing a Task state' },
    },
    {
      name: 'a Map state without a mock',
      input: {
        definition: JSON.stringify({
          Type: 'Map',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        }),
      },
      error: {
        name: 'InvalidDefinition',
        message:
          'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
      },
    },
    {
      name: 'a .waitForTaskToken Task without a mock (it would wait for a token forever)',
      input: {
        definition: JSON.stringify({ ...LAMBDA_TASK, Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' }),
        roleArn: ROLE,
      },
      error: {
        name: 'ValidationException',
        message:
          "TestState supports Activity tasks and the .sync and .waitForTaskToken integration patterns only with a mock (Resource 'arn:aws:states:::lambda:invoke.waitForTaskToken'); add mock.result or mock.errorOutput",
      },
    },
    {
      name: 'an unknown inspectionLevel',
      input: { definition: '{"Type":"Pass","End":true}', inspectionLevel: 'VERBOSE' as 'INFO' },
      error: {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'VERBOSE' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]",
      },
    },
  ])('refuses $name as AWS does', async ({ input, error }) => {
    expect(await refusal(input)).toEqual(error);
  });
});

describe('TestState: Map and Parallel with mocks', () => {
  const parallel = {
    Type: 'Parallel',
    InputPath: '$.parallelInput',
    ResultPath: '$.parallelResult',
    OutputPath: '$',
    Branches: [
      { StartAt: 'B1', States: { B1: { Type: 'Pass', End: true } } },
      { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
    ],
    End: true,
  };

  it('uses the mocked branch results of a Parallel state as its result', async () => {
    const out = await test({
      definition: JSON.stringify(parallel),
      input: '{"parallelInput":{"data":"input_value"}}',
      mock: { result: '[{"branch1":"result"},{"branch2":"result"}]' },
      inspectionLevel: 'DEBUG',
    });

    const output = {
      parallelInput: { data: 'input_value' },
      parallelResult: [{ branch1: 'result' }, { branch2: 'result' }],
    };
    expect(out).toEqual({
      status: 'SUCCEEDED',
      output,
      inspectionData: {
        input: { parallelInput: { data: 'input_value' } },
        afterResultSelector: [{ branch1: 'result' }, { branch2: 'result' }],
        afterResultPath: output,
      },
    });
  });

  it('refuses a Parallel mock whose result does not have one item per branch', async () => {
    expect(await refusal({ definition: JSON.stringify(parallel), mock: { result: '[1]' } })).toEqual({
      name: 'ValidationException',
      message: 'Mocked result must contain the same number of items as number of Parallel branches.',
    });
  });

  const map = {
    QueryLanguage: 'JSONata',
    Type: 'Map',
    Items: '{% $states.input.Values %}',
    ToleratedFailureCount: 1,
    ItemProcessor: {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'foo', Payload: 'bar' },
          End: true,
        },
      },
    },
    Output: '{% {"input": $states.input, "result": $states.result} %}',
    Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'HandleThreshold' }],
    Next: 'After',
  };

  it('uses the mocked iteration results of a Map state as its result, and reports its Map settings', async () => {
    const out = await test({
      definition: JSON.stringify(map),
      input: '{"Values":[1,2,3]}',
      mock: { result: '[1,1,1]' },
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      nextState: 'After',
      output: { input: { Values: [1, 2, 3] }, result: [1, 1, 1] },
      inspectionData: { input: { Values: [1, 2, 3] }, maxConcurrency: 0, toleratedFailureCount: 1 },
    });
  });

  it('reports the input after InputPath and ItemsPath of a mocked JSONPath Map state', async () => {
    const out = await test({
      definition: JSON.stringify({
        Type: 'Map',
        InputPath: '$.order',
        ItemsPath: '$.Values',
        MaxConcurrency: 2,
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        ResultPath: '$.results',
        End: true,
      }),
      input: '{"order":{"Values":["first","second"]}}',
      mock: { result: '["a","b"]' },
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      output: { order: { Values: ['first', 'second'] }, results: ['a', 'b'] },
      inspectionData: {
        input: { order: { Values: ['first', 'second'] } },
        afterInputPath: { Values: ['first', 'second'] },
        afterItemsPath: ['first', 'second'],
        maxConcurrency: 2,
      },
    });
  });

  it('lets the Catch of a Map state handle a mocked error', async () => {
    const out = await test({
      definition: JSON.stringify(map),
      input: '{"Values":[1,2,3]}',
      mock: {
        errorOutput: {
          error: 'States.ExceedToleratedFailureThreshold',
          cause: 'The specified tolerated failure threshold was exceeded',
        },
      },
    });

    expect(out).toMatchObject({
      status: 'CAUGHT_ERROR',
      error: 'States.ExceedToleratedFailureThreshold',
      nextState: 'HandleThreshold',
    });
  });

  it.each([
    { failed: 1, status: 'SUCCEEDED' },
    { failed: 2, status: 'CAUGHT_ERROR' },
  ])(
    'fails a mocked Map state with $failed failed iterations of 3 when it tolerates 1: $status',
    async ({ failed, status }) => {
      const out = await test({
        definition: JSON.stringify(map),
        input: '{"Values":[1,2,3]}',
        mock: { result: '[0,0,1]' },
        stateConfiguration: { mapIterationFailureCount: failed },
        inspectionLevel: 'DEBUG',
      });

      expect(out.status).toBe(status);
      if (status === 'CAUGHT_ERROR') {
        expect(out).toMatchObject({
          error: 'States.ExceedToleratedFailureThreshold',
          cause: 'The specified tolerated failure threshold was exceeded',
          nextState: 'HandleThreshold',
          inspectionData: { errorDetails: { catchIndex: 0 }, toleratedFailureCount: 1 },
        });
      } else {
        expect(out).toMatchObject({ nextState: 'After', output: { result: [0, 0, 1] } });
      }
    },
  );

  it.each([
    {
      name: 'more failed iterations than the mock has items',
      input: { mock: { result: '[1,2,3]' }, stateConfiguration: { mapIterationFailureCount: 4 } },
      message: 'Map iteration failure count must be less than or equal to the number of Map iterations',
    },
    {
      name: 'mapIterationFailureCount without a mock',
      input: { stateConfiguration: { mapIterationFailureCount: 1 } },
      message: 'TestState does not support MapIterationFailureCount when a mock is not specified.',
    },
  ])('refuses $name', async ({ input, message }) => {
    expect(await refusal({ definition: JSON.stringify(map), input: '{"Values":[1,2,3]}', ...input })).toEqual({
      name: 'ValidationException',
      message,
    });
  });

  it('refuses a Map mock result that is not an array', async () => {
    expect(await refusal({ definition: JSON.stringify(map), mock: { result: '{}' } })).toEqual({
      name: 'ValidationException',
      message: 'Mocked result must be an array.',
    });
  });
});

describe('TestState: variables, context, stateName and TRACE', () => {
  it('runs with the given variables and reports them, with the ones the state assigns, at DEBUG', async () => {
    const out = await test({
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        Type: 'Pass',
        Assign: { doubled: '{% $base * 2 %}' },
        Output: { sum: '{% $base + $states.input.n %}' },
        End: true,
      }),
      input: '{"n":1}',
      variables: '{"base":10}',
      inspectionLevel: 'DEBUG',
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      output: { sum: 11 },
      inspectionData: { input: { n: 1 }, variables: { base: 10, doubled: 20 } },
    });
  });

  it('gives the state the context object of the request (execution and state machine names and ARNs)', async () => {
    const context = {
      Execution: { Name: 'my-run', RoleArn: 'arn:aws:iam::000000000000:role/runner' },
      StateMachine: { Name: 'orders' },
    };

    const out = await test({
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'foo' },
        Output: {
          name: '{% $states.context.Execution.Name %}',
          role: '{% $states.context.Execution.RoleArn %}',
          machine: '{% $states.context.StateMachine.Id %}',
        },
        End: true,
      }),
      mock: { result: '{"StatusCode":200}' },
      context: JSON.stringify(context),
    });

    expect(out).toEqual({
      status: 'SUCCEEDED',
      output: {
        name: 'my-run',
        role: 'arn:aws:iam::000000000000:role/runner',
        machine: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders',
      },
    });
  });

  it('tests the state stateName names in a whole state machine', async () => {
    const definition = {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Next: 'Second' },
        Second: { Type: 'Pass', Parameters: { 'picked.$': '$.value' }, Next: 'Third' },
        Third: { Type: 'Succeed' },
      },
    };

    const second = await test({ definition: JSON.stringify(definition), stateName: 'Second', input: '{"value":7}' });
    const missing = await refusal({ definition: JSON.stringify(definition), stateName: 'Nope' });

    expect(second).toEqual({ status: 'SUCCEEDED', output: { picked: 7 }, nextState: 'Third' });
    expect(missing).toEqual({ name: 'ValidationException', message: "State 'Nope' is not in the definition" });
  });

  it('adds the HTTP request and response of an HTTP Task at TRACE only', async () => {
    const definition = {
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: {
        ApiEndpoint: 'https://api.example.com/orders',
        Method: 'POST',
        Headers: { 'content-type': 'application/json' },
        QueryParameters: { dryRun: 'true' },
        'RequestBody.$': '$',
        Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:000000000000:connection/api/1' },
      },
      End: true,
    };
    const mock = { result: JSON.stringify({ StatusCode: 201, StatusText: 'Created', ResponseBody: { id: 'o-1' } }) };

    const trace = await test({
      definition: JSON.stringify(definition),
      input: '{"item":"book"}',
      mock,
      inspectionLevel: 'TRACE',
    });
    const debug = await test({
      definition: JSON.stringify(definition),
      input: '{"item":"book"}',
      mock,
      inspectionLevel: 'DEBUG',
    });

    const data = trace.inspectionData as Record<string, unknown>;
    expect(data.request).toEqual({
      protocol: 'https',
      method: 'POST',
      url: 'https://api.example.com/orders?dryRun=true',
      headers: { 'content-type': 'application/json' },
      body: { item: 'book' },
    });
    expect(data.response).toEqual({
      protocol: 'https',
      statusCode: 201,
      statusMessage: 'Created',
      headers: {},
      body: { id: 'o-1' },
    });
    expect(debug.inspectionData).not.toHaveProperty('request');
    expect(debug.inspectionData).not.toHaveProperty('response');
  });
});

describe('TestState and StartSyncExecution: the sync- host prefix', () => {
  it('is what the SDK sends them to unless disableHostPrefix is set; with it both are served', async () => {
    const prefixed = new SFNClient(clientConfig(server));
    const definition = JSON.stringify({ Type: 'Pass', End: true });
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: 'sync-prefix',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
      }),
    );

    const refused = await prefixed.send(new TestStateCommand({ definition })).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    const tested = await sfn.send(new TestStateCommand({ definition, input: '{"a":1}' }));
    const run = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: '{"a":1}' }),
    );
    prefixed.destroy();

    expect(refused).toMatch(/sync-127\.0\.0\.1/);
    expect(tested).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
  });

  const cli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  const cliTest = cli.status === 0 ? it : it.skip;
  cliTest(
    `answers the AWS CLI's test-state with AWS_DISABLE_HOST_PREFIX_INJECTION=true${cli.status === 0 ? '' : ' (skipped: no aws on the PATH)'}`,
    async () => {
      const config = path.join(dataDir, 'no-aws-config');
      writeFileSync(config, '');
      const env: Record<string, string | undefined> = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')),
      );
      Object.assign(env, {
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: config,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
        AWS_DISABLE_HOST_PREFIX_INJECTION: 'true',
      });
      const args = [
        '--endpoint-url',
        server.url,
        'stepfunctions',
        'test-state',
        '--definition',
        '{"Type":"Pass","Parameters":{"greeting.$":"$.name"},"End":true}',
        '--input',
        '{"name":"Ada"}',
        '--inspection-level',
        'DEBUG',
      ];

      // Asynchronously: the server answers from this process.
      const run = await promisify(execFile)('aws', args, { env, encoding: 'utf8', timeout: SLOW });

      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as { status: string; output: string; inspectionData: Record<string, string> };
      expect(out.status).toBe('SUCCEEDED');
      expect(JSON.parse(out.output)).toEqual({ greeting: 'Ada' });
      expect(JSON.parse(out.inspectionData.afterParameters!)).toEqual({ greeting: 'Ada' });
    },
    SLOW,
  );
});
