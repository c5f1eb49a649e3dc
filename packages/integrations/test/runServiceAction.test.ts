import { describe, expect, it } from '@jest/globals';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { QueueDoesNotExist, SendMessageCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { createAwsSdkInvoker, TaskFailure, UnsupportedIntegrationError } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META, taskContext, thrown } from './helpers/taskContext.js';

const REGION = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const TABLE = 'Orders';

describe('createAwsSdkInvoker: DynamoDB', () => {
  const client = new DynamoDBClient(REGION);
  const invoke = createAwsSdkInvoker({ clients: { dynamodb: client } });

  it('sends putItem with the parameters as the command input and adds the SDK metadata to the result', async () => {
    // Prepare
    const ddb = mockClient(client);
    ddb.on(PutItemCommand).resolves({ $metadata: META });
    const resource = 'arn:aws:states:::dynamodb:putItem';
    const params = {
      TableName: TABLE,
      Item: { id: { S: 'o-1' }, total: { N: '12' } },
      ConditionExpression: 'attribute_not_exists(id)',
    };

    // Act
    const result = (await invoke(resource, params, taskContext(resource))) as Record<string, unknown>;

    // Assess
    expect(ddb.commandCalls(PutItemCommand)[0]!.args[0].input).toEqual(params);
    expect(result.SdkResponseMetadata).toEqual({ RequestId: 'req-1' });
    expect(result.SdkHttpMetadata).toMatchObject({
      HttpStatusCode: 200,
      HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': 'req-1' },
    });
  });

  it('returns getItem, updateItem and deleteItem results in their API shape', async () => {
    // Prepare
    const ddb = mockClient(client);
    ddb.on(GetItemCommand).resolves({ Item: { id: { S: 'o-1' }, blob: { B: Buffer.from('hi') } }, $metadata: META });
    ddb.on(UpdateItemCommand).resolves({ Attributes: { total: { N: '13' } }, $metadata: META });
    ddb.on(DeleteItemCommand).resolves({ $metadata: META });
    const key = { TableName: TABLE, Key: { id: { S: 'o-1' } } };

    // Act
    const got = (await invoke('arn:aws:states:::dynamodb:getItem', key, taskContext('x'))) as Record<string, unknown>;
    const updated = (await invoke(
      'arn:aws:states:::dynamodb:updateItem',
      {
        ...key,
        UpdateExpression: 'SET total = :t',
        ExpressionAttributeValues: { ':t': { N: '13' } },
        ReturnValues: 'ALL_NEW',
      },
      taskContext('x'),
    )) as Record<string, unknown>;
    const deleted = (await invoke('arn:aws:states:::dynamodb:deleteItem', key, taskContext('x'))) as Record<
      string,
      unknown
    >;

    // Assess
    expect(got.Item).toEqual({ id: { S: 'o-1' }, blob: { B: 'hi' } });
    expect(updated.Attributes).toEqual({ total: { N: '13' } });
    expect(ddb.commandCalls(UpdateItemCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':t': { N: '13' },
    });
    expect(Object.keys(deleted).sort()).toEqual(['SdkHttpMetadata', 'SdkResponseMetadata']);
  });

  it('names a modeled exception DynamoDB.<Exception> with a cause shaped like AWS', async () => {
    // Prepare
    mockClient(client)
      .on(PutItemCommand)
      .rejects(
        new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: { httpStatusCode: 400, requestId: 'req-9' },
        }),
      );

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::dynamodb:putItem', { TableName: TABLE, Item: {} }, taskContext('x')),
    );

    // Assess
    expect(e).toBeInstanceOf(TaskFailure);
    expect(e.name).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(e.message).toBe(
      'The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: req-9; Proxy: null)',
    );
  });

  it('names an exception the SDK does not model DynamoDB.AmazonDynamoDBException, as recorded from AWS', async () => {
    // Prepare
    const error = new DynamoDBServiceException({
      name: 'ValidationException',
      $fault: 'client',
      message:
        "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null",
      $metadata: { httpStatusCode: 400, requestId: 'req-2' },
    });
    mockClient(client).on(PutItemCommand).rejects(error);

    // Act
    const e = await thrown(() => invoke('arn:aws:states:::dynamodb:putItem', { TableName: TABLE }, taskContext('x')));

    // Assess
    expect(e.name).toBe('DynamoDB.AmazonDynamoDBException');
    expect(e.message).toBe(
      "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: req-2; Proxy: null)",
    );
  });

  it('names an error that never reached the service DynamoDB.SdkClientException', async () => {
    // Prepare
    mockClient(client).on(GetItemCommand).rejects(new Error('connect ECONNREFUSED 127.0.0.1:1'));

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: {} }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('DynamoDB.SdkClientException');
    expect(e.message).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('refuses an action Step Functions has no optimized integration for, naming the aws-sdk form', async () => {
    // Act
    const e = await thrown(() => invoke('arn:aws:states:::dynamodb:query', {}, taskContext('x')));

    // Assess
    expect(e).toBeInstanceOf(UnsupportedIntegrationError);
    expect(e.message).toContain('arn:aws:states:::aws-sdk:dynamodb:query');
  });
});

describe('createAwsSdkInvoker: SQS', () => {
  const client = new SQSClient(REGION);
  const invoke = createAwsSdkInvoker({ clients: { sqs: client } });

  it('sends an object MessageBody as its JSON text and returns the SendMessage result with SDK metadata', async () => {
    // Prepare
    const sqs = mockClient(client);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1', MD5OfMessageBody: 'abc', $metadata: META });
    const resource = 'arn:aws:states:::sqs:sendMessage';

    // Act
    const result = (await invoke(
      resource,
      { QueueUrl: 'http://q/1', MessageBody: { order: 1 } },
      taskContext(resource),
    )) as Record<string, unknown>;

    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({
      QueueUrl: 'http://q/1',
      MessageBody: '{"order":1}',
    });
    expect(result).toMatchObject({
      MessageId: 'm-1',
      MD5OfMessageBody: 'abc',
      SdkResponseMetadata: { RequestId: 'req-1' },
    });
  });

  it('sends the message of a .waitForTaskToken task (the token is in the parameters) and returns the send result', async () => {
    // Prepare
    const sqs = mockClient(client);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-2', $metadata: META });
    const resource = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

    // Act
    const result = (await invoke(
      resource,
      { QueueUrl: 'http://q/1', MessageBody: { TaskToken: 'tok-1' } },
      taskContext(resource, { taskToken: 'tok-1' }),
    )) as Record<string, unknown>;

    // Assess
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody).toBe('{"TaskToken":"tok-1"}');
    expect(result.MessageId).toBe('m-2');
  });

  it('names QueueDoesNotExist SQS.QueueDoesNotExistException and an unmodeled error SQS.AmazonSQSException', async () => {
    // Prepare
    const sqs = mockClient(client);
    sqs
      .on(SendMessageCommand)
      .rejectsOnce(
        new QueueDoesNotExist({
          message: 'The specified queue does not exist.',
          $metadata: { httpStatusCode: 400, requestId: 'r' },
        }),
      )
      .rejectsOnce(
        new SQSServiceException({
          name: 'MissingParameter',
          $fault: 'client',
          message: 'The request must contain the parameter MessageBody.',
          $metadata: { httpStatusCode: 400, requestId: 'r' },
        }),
      );

    // Act
    const missingQueue = await thrown(() =>
      invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl: 'x', MessageBody: 'm' }, taskContext('x')),
    );
    const missingBody = await thrown(() =>
      invoke('arn:aws:states:::sqs:sendMessage', { QueueUrl: 'x' }, taskContext('x')),
    );

    // Assess
    expect(missingQueue.name).toBe('SQS.QueueDoesNotExistException');
    expect(missingBody.name).toBe('SQS.AmazonSQSException');
    expect(missingBody.message).toBe(
      'The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: r; Proxy: null)',
    );
  });
});

describe('createAwsSdkInvoker: SNS', () => {
  const client = new SNSClient(REGION);
  const invoke = createAwsSdkInvoker({ clients: { sns: client } });

  it('publishes an object Message as its JSON text and returns MessageId with SDK metadata', async () => {
    // Prepare
    const sns = mockClient(client);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1', $metadata: META });

    // Act
    const result = (await invoke(
      'arn:aws:states:::sns:publish',
      { TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: { a: 1 } },
      taskContext('x'),
    )) as Record<string, unknown>;

    // Assess
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message).toBe('{"a":1}');
    expect(result).toMatchObject({
      MessageId: 'm-1',
      SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'text/xml' } },
    });
  });

  it('names NotFound SNS.NotFoundException', async () => {
    // Prepare
    mockClient(client)
      .on(PublishCommand)
      .rejects(
        Object.assign(
          new NotFoundException({
            message: 'Topic does not exist',
            $metadata: { httpStatusCode: 404, requestId: 'r' },
          }),
          { Code: 'NotFound' },
        ),
      );

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::sns:publish', { TopicArn: 'x', Message: 'm' }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('SNS.NotFoundException');
    expect(e.message).toBe(
      'Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: r; Proxy: null)',
    );
  });
});

describe('createAwsSdkInvoker: EventBridge', () => {
  const client = new EventBridgeClient(REGION);
  const invoke = createAwsSdkInvoker({ clients: { eventbridge: client } });
  const resource = 'arn:aws:states:::events:putEvents';

  it('sends an object Detail as JSON text, appends the state machine and execution ARNs to Resources, and returns the entries', async () => {
    // Prepare
    const events = mockClient(client);
    events.on(PutEventsCommand).resolves({ Entries: [{ EventId: 'e-1' }], FailedEntryCount: 0, $metadata: META });

    // Act
    const result = await invoke(
      resource,
      { Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: { id: 1 } }] },
      taskContext(resource),
    );

    // Assess
    expect(events.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries).toEqual([
      {
        Source: 'shop',
        DetailType: 'OrderPlaced',
        Detail: '{"id":1}',
        Resources: [
          'arn:aws:states:us-east-1:123456789012:stateMachine:Orders',
          'arn:aws:states:us-east-1:123456789012:execution:Orders:run-1',
        ],
      },
    ]);
    expect(result).toEqual({ Entries: [{ EventId: 'e-1' }], FailedEntryCount: 0 });
  });

  it('fails with EventBridge.FailedEntry and the response as cause when an entry failed', async () => {
    // Prepare
    const response = {
      Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }],
      FailedEntryCount: 1,
    };
    mockClient(client)
      .on(PutEventsCommand)
      .resolves({ ...response, $metadata: META });

    // Act
    const e = await thrown(() =>
      invoke(resource, { Entries: [{ Source: 's', DetailType: 'd', Detail: '{' }] }, taskContext(resource)),
    );

    // Assess
    expect(e.name).toBe('EventBridge.FailedEntry');
    expect(JSON.parse(e.message)).toEqual(response);
  });
});
