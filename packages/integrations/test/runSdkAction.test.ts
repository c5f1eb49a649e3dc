import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { DynamoDBClient, DynamoDBServiceException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { InvalidToken, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsSdkInvoker, SdkClientMissingError, UnsupportedIntegrationError } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META, taskContext, thrown } from './helpers/taskContext.js';

const CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const s3Client = new S3Client(CONFIG);
const sfnClient = new SFNClient(CONFIG);
const ddbClient = new DynamoDBClient(CONFIG);
const invoke = createAwsSdkInvoker({ clients: { s3: s3Client, sfn: sfnClient, dynamodb: ddbClient } });

describe('createAwsSdkInvoker: aws-sdk:<service>:<action>', () => {
  it('s3:putObject sends an object Body as its JSON text and returns the response without SDK metadata', async () => {
    // Prepare
    const s3 = mockClient(s3Client);
    s3.on(PutObjectCommand).resolves({ ETag: '"49e3"', ServerSideEncryption: 'AES256', $metadata: META });

    // Act
    const result = await invoke(
      'arn:aws:states:::aws-sdk:s3:putObject',
      { Bucket: 'b', Key: 'k.json', Body: { a: 1 } },
      taskContext('x'),
    );

    // Assess
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'k.json',
      Body: '{"a":1}',
    });
    expect(result).toEqual({ ETag: '"49e3"', ServerSideEncryption: 'AES256' });
  });

  it('s3:getObject reads the streamed Body as text and presents dates as ISO 8601 strings', async () => {
    // Prepare
    mockClient(s3Client)
      .on(GetObjectCommand)
      .resolves({
        Body: Readable.from([Buffer.from('binary '), Buffer.from('data')]) as never,
        ContentLength: 11,
        ContentType: 'binary/octet-stream',
        LastModified: new Date('2026-01-02T03:04:05.000Z'),
        Metadata: {},
        $metadata: META,
      });

    // Act
    const result = await invoke('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'k' }, taskContext('x'));

    // Assess
    expect(result).toEqual({
      Body: 'binary data',
      ContentLength: 11,
      ContentType: 'binary/octet-stream',
      LastModified: '2026-01-02T03:04:05.000Z',
      Metadata: {},
    });
  });

  it('names S3 errors S3.<Code>Exception with the Extended Request ID in the cause, as recorded from AWS', async () => {
    // Prepare
    mockClient(s3Client)
      .on(GetObjectCommand)
      .rejects(
        new NoSuchKey({
          message: 'The specified key does not exist.',
          $metadata: { httpStatusCode: 404, requestId: 'r-1', extendedRequestId: 'x-1' },
        }),
      );

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'nope' }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('S3.NoSuchKeyException');
    expect(e.message).toBe(
      'The specified key does not exist. (Service: S3, Status Code: 404, Request ID: r-1, Extended Request ID: x-1)',
    );
  });

  it('maps PascalCase parameters to a camelCase SDK (sfn) and presents the result in PascalCase', async () => {
    // Prepare
    const sfn = mockClient(sfnClient);
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: 'arn:e', startDate: new Date('2026-01-02T03:04:05.000Z'), $metadata: META });

    // Act
    const result = await invoke(
      'arn:aws:states:::aws-sdk:sfn:startExecution',
      { StateMachineArn: 'arn:m', Input: { a: 1 } },
      taskContext('x'),
    );

    // Assess
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: 'arn:m',
      input: '{"a":1}',
    });
    expect(result).toEqual({ ExecutionArn: 'arn:e', StartDate: '2026-01-02T03:04:05.000Z' });
  });

  it('names sfn errors Sfn.<Exception> as recorded from AWS', async () => {
    // Prepare
    mockClient(sfnClient)
      .on(SendTaskSuccessCommand)
      .rejects(
        new InvalidToken({
          message: "Invalid Token: 'Invalid token'",
          $metadata: { httpStatusCode: 400, requestId: 'r' },
        }),
      );

    // Act
    const e = await thrown(() =>
      invoke(
        'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
        { TaskToken: 'Invalid token', Output: '{}' },
        taskContext('x'),
      ),
    );

    // Assess
    expect(e.name).toBe('Sfn.InvalidTokenException');
    expect(e.message).toBe("Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: r)");
  });

  it('names an error DynamoDB does not model DynamoDb.DynamoDbException, as recorded from AWS', async () => {
    // Prepare
    mockClient(ddbClient)
      .on(PutItemCommand)
      .rejects(
        new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          message:
            "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null",
          $metadata: { httpStatusCode: 400, requestId: 'r' },
        }),
      );

    // Act
    const e = await thrown(() =>
      invoke('arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: 't' }, taskContext('x')),
    );

    // Assess
    expect(e.name).toBe('DynamoDb.DynamoDbException');
    expect(e.message).toBe(
      "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null (Service: DynamoDb, Status Code: 400, Request ID: r)",
    );
  });

  it('throws SdkClientMissingError naming the package to install when the client package is missing', async () => {
    // Act
    const e = await thrown(() => invoke('arn:aws:states:::aws-sdk:kafka:listClusters', {}, taskContext('x')));

    // Assess
    expect(e).toBeInstanceOf(SdkClientMissingError);
    expect((e as SdkClientMissingError).packageName).toBe('@aws-sdk/client-kafka');
    expect(e.message).toBe(
      `The resource 'arn:aws:states:::aws-sdk:kafka:listClusters' needs the package "@aws-sdk/client-kafka", which is not installed. ` +
        'Install it in your project (npm install @aws-sdk/client-kafka) or mock the task in a MockConfigFile.',
    );
  });

  it.each([
    ['an action the package lacks', 'arn:aws:states:::aws-sdk:s3:getObjekt', 'has no GetObjektCommand'],
    [
      '.sync, which AWS SDK integrations do not have',
      'arn:aws:states:::aws-sdk:sfn:startExecution.sync',
      "no '.sync' pattern",
    ],
    [
      'an activity',
      'arn:aws:states:us-east-1:123456789012:activity:review',
      'only AWS service integrations and Lambda functions',
    ],
  ])('throws UnsupportedIntegrationError for %s', async (_name, resource, text) => {
    // Act
    const e = await thrown(() => invoke(resource, {}, taskContext(resource)));

    // Assess
    expect(e).toBeInstanceOf(UnsupportedIntegrationError);
    expect(e.message).toContain(text);
  });
});
