import { describe, expect, it } from '@jest/globals';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { createAwsSdkInvoker, TaskFailure } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META, taskContext, thrown } from './helpers/taskContext.js';

const client = new LambdaClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const invoke = createAwsSdkInvoker({ clients: { lambda: client } });
/** A response Payload as the SDK returns it (bytes with the SDK's blob adapter type). */
const bytes = (value: unknown): never => Buffer.from(JSON.stringify(value)) as never;

describe('createAwsSdkInvoker: lambda:invoke', () => {
  it('returns {ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode} for the full resource', async () => {
    // Prepare
    const lambda = mockClient(client);
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, ExecutedVersion: '7', Payload: bytes({ greeting: 'hi' }), $metadata: META });
    const resource = 'arn:aws:states:::lambda:invoke';

    // Act
    const result = (await invoke(
      resource,
      { FunctionName: 'greet', Payload: { who: 'ada' }, Qualifier: 'live' },
      taskContext(resource),
    )) as Record<string, unknown>;

    // Assess
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect({ ...input, Payload: Buffer.from(input.Payload as Uint8Array).toString() }).toEqual({
      FunctionName: 'greet',
      Payload: '{"who":"ada"}',
      Qualifier: 'live',
    });
    expect(Object.keys(result).sort()).toEqual([
      'ExecutedVersion',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
    expect(result).toMatchObject({
      ExecutedVersion: '7',
      Payload: { greeting: 'hi' },
      StatusCode: 200,
      SdkResponseMetadata: { RequestId: 'req-1' },
      SdkHttpMetadata: {
        HttpStatusCode: 200,
        HttpHeaders: { 'X-Amz-Executed-Version': '7', 'Content-Type': 'application/json' },
      },
    });
  });

  it.each([
    ['an absent payload as {}', undefined, '{}'],
    ['a string that is JSON verbatim', '{"a":1}', '{"a":1}'],
    ['a string that is not JSON as a JSON string', 'hello', '"hello"'],
  ])('sends %s', async (_name, payload, sent) => {
    // Prepare
    const lambda = mockClient(client);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes(null), $metadata: META });
    const params: Record<string, string> =
      payload === undefined ? { FunctionName: 'f' } : { FunctionName: 'f', Payload: payload };

    // Act
    await invoke('arn:aws:states:::lambda:invoke', params, taskContext('x'));

    // Assess
    expect(Buffer.from(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array).toString()).toBe(
      sent,
    );
  });

  it('invokes the function the interpreter names (lambda:invoke handed over as FunctionName and Payload) and returns its payload', async () => {
    // Prepare
    const lambda = mockClient(client);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: bytes('HelloWorld!'), $metadata: META });

    // Act
    const result = await invoke('greet', { who: 'ada' }, taskContext('arn:aws:states:::lambda:invoke'));

    // Assess
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.FunctionName).toBe('greet');
    expect(result).toBe('HelloWorld!');
  });

  it("fails a function error with the function's errorType and its error payload as cause", async () => {
    // Prepare
    const errorPayload = {
      errorType: 'CustomException',
      errorMessage: 'bad order',
      trace: ['at handler (index.mjs:2)'],
    };
    mockClient(client)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: bytes(errorPayload), $metadata: META });

    // Act
    const e = await thrown(() => invoke('arn:aws:lambda:us-east-1:123456789012:function:greet', {}, taskContext('x')));

    // Assess
    expect(e).toBeInstanceOf(TaskFailure);
    expect(e.name).toBe('CustomException');
    expect(JSON.parse(e.message)).toEqual(errorPayload);
  });

  it('names a missing function Lambda.ResourceNotFoundException with the cause shaped like AWS', async () => {
    // Prepare
    mockClient(client)
      .on(InvokeCommand)
      .rejects(
        new ResourceNotFoundException({
          message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
          $metadata: { httpStatusCode: 404, requestId: 'r-4' },
          Type: 'User',
        }),
      );

    // Act
    const e = await thrown(() => invoke('arn:aws:states:::lambda:invoke', { FunctionName: 'nope' }, taskContext('x')));

    // Assess
    expect(e.name).toBe('Lambda.ResourceNotFoundException');
    expect(e.message).toBe(
      'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: r-4; Proxy: null)',
    );
  });
});
