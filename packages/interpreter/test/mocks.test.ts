import { MockConfigError, parseMockConfig, runExecution, VirtualClock } from '@step/interpreter';

const definition = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 3, IntervalSeconds: 1 }],
      End: true,
    },
  },
};

const mockConfig = {
  StateMachines: {
    Checkout: {
      TestCases: {
        HappyPath: { Charge: 'ChargeOk' },
        RetryPath: { Charge: 'ChargeFlaky' },
      },
    },
  },
  MockedResponses: {
    ChargeOk: { '0': { Return: { StatusCode: 200, Payload: { charged: true } } } },
    ChargeFlaky: {
      '0-1': { Throw: { Error: 'Lambda.ServiceException', Cause: 'busy' } },
      '2': { Return: { StatusCode: 200, Payload: { charged: 'late' } } },
    },
  },
};

describe('mocks', () => {
  it('returns the mocked response of the chosen test case as is', async () => {
    // Act
    const result = await runExecution(definition, { mockConfig, stateMachineName: 'Checkout', testCase: 'HappyPath' });
    // Assess
    expect(result.output).toEqual({ StatusCode: 200, Payload: { charged: true } });
  });

  it('walks numbered and ranged responses across retries', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act
    const result = await runExecution(definition, {
      mockConfig,
      stateMachineName: 'Checkout',
      testCase: 'RetryPath',
      clock,
    });
    // Assess
    expect(result.output).toEqual({ StatusCode: 200, Payload: { charged: 'late' } });
    expect(clock.now()).toBe(3_000);
  });

  it('uses the only state machine of the file when no name is given', async () => {
    // Act
    const result = await runExecution(definition, { mockConfig, testCase: 'HappyPath' });
    // Assess
    expect(result.output).toEqual({ StatusCode: 200, Payload: { charged: true } });
  });

  it('accepts the mock config as JSON text', async () => {
    // Act
    const result = await runExecution(definition, {
      mockConfig: JSON.stringify(mockConfig),
      stateMachineName: 'Checkout',
      testCase: 'HappyPath',
    });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
  });

  it.each([
    ['not JSON', '{', ''],
    ['no StateMachines', { MockedResponses: {} }, '/StateMachines'],
    [
      'a test case naming an unknown response',
      { StateMachines: { S: { TestCases: { C: { A: 'Nope' } } } }, MockedResponses: {} },
      '/StateMachines/S/TestCases/C/A',
    ],
    [
      'a bad call-number key',
      { StateMachines: {}, MockedResponses: { R: { first: { Return: 1 } } } },
      '/MockedResponses/R/first',
    ],
    [
      'both Return and Throw',
      { StateMachines: {}, MockedResponses: { R: { '0': { Return: 1, Throw: { Error: 'E' } } } } },
      '/MockedResponses/R/0',
    ],
    [
      'a Throw without Error',
      { StateMachines: {}, MockedResponses: { R: { '0': { Throw: {} } } } },
      '/MockedResponses/R/0/Throw',
    ],
  ])('rejects %s with a MockConfigError naming the field', (_name, input, field) => {
    // Act
    let error: unknown;
    try {
      parseMockConfig(input);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(MockConfigError);
    expect((error as MockConfigError).field).toBe(field);
  });

  it('throws when the test case does not exist', () => {
    // Act / Assess
    expect(() => runExecution(definition, { mockConfig, stateMachineName: 'Checkout', testCase: 'Nope' })).toThrow(
      /has no test case "Nope"/,
    );
  });

  it.each([
    [
      'a Lambda function ARN, as its runtime wrote it',
      'arn:aws:lambda:us-east-1:123456789012:function:f',
      '{"errorMessage": "x \\u00e9", "trace": [1, 2]}',
    ],
    ['an integration, as compact JSON', 'arn:aws:states:::lambda:invoke', '{"errorMessage":"x é","trace":[1,2]}'],
  ])('serialises a Throw.Cause given as JSON for %s', async (_what, resource, cause) => {
    // Prepare
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } };
    const mockConfig = {
      StateMachines: { SM: { TestCases: { Fails: { T: 'Boom' } } } },
      MockedResponses: {
        Boom: { '0': { Throw: { Error: 'Exception', Cause: { errorMessage: 'x é', trace: [1, 2] } } } },
      },
    };
    // Act
    const result = await runExecution(definition, {
      mockConfig,
      stateMachineName: 'SM',
      testCase: 'Fails',
      clock: new VirtualClock(0),
    });
    // Assess
    expect([result.error, result.cause]).toEqual(['Exception', cause]);
  });
});
