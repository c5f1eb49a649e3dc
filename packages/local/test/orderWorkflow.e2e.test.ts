// Issue #12 §2, end to end: an order workflow (a Lambda task, dynamodb:putItem, an sqs:sendMessage.waitForTaskToken
// review step, a one-hour Wait) runs on the stand-in driven by the real AWS SDK v3 clients. The review step's token
// is read from the SQS message and SendTaskSuccess resumes it; the item is then readable with GetItem. The Wait
// costs no real time: the server runs executions with `time: 'skip'`.
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

const VALIDATE_ORDER = `export const handler = async (order) => {
  if (!Array.isArray(order.lines) || order.lines.length === 0) {
    const e = new Error('an order needs at least one line'); e.name = 'InvalidOrder'; throw e;
  }
  const total = order.lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
  return { orderId: order.orderId, customer: order.customer, total };
};`;

function orderMachine(queueUrl: string): unknown {
  return {
    Comment: 'Validate, store, review by a person, cool off for an hour, done',
    StartAt: 'ValidateOrder',
    States: {
      ValidateOrder: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'validate-order', 'Payload.$': '$' },
        ResultSelector: { 'order.$': '$.Payload' },
        OutputPath: '$.order',
        Next: 'SaveOrder',
      },
      SaveOrder: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: {
          TableName: 'Orders',
          Item: {
            orderId: { 'S.$': '$.orderId' },
            customer: { 'S.$': '$.customer' },
            total: { 'N.$': "States.Format('{}', $.total)" },
            status: { S: 'IN_REVIEW' },
          },
        },
        ResultPath: null,
        Next: 'Review',
      },
      Review: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: queueUrl,
          MessageBody: { 'TaskToken.$': '$$.Task.Token', 'orderId.$': '$.orderId', 'total.$': '$.total' },
        },
        ResultPath: '$.review',
        Next: 'CoolOff',
      },
      CoolOff: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };
}

let server: LocalServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startServer({ time: 'skip' }));
});

afterAll(async () => {
  await stop();
});

describe('the order workflow on step-cli local', () => {
  it('stores the order, hands the review token over SQS, resumes on SendTaskSuccess and skips the hour', async () => {
    // Prepare
    const config = clientConfig(server);
    const dynamodb = new DynamoDBClient(config);
    const sqs = new SQSClient(config);
    const lambda = new LambdaClient(config);
    const sfn = new SFNClient({ ...config, disableHostPrefix: true });
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'Orders',
        AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'order-reviews' }));
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'validate-order',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: handlerZip(VALIDATE_ORDER) },
      }),
    );
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'orders',
        roleArn: ROLE,
        definition: JSON.stringify(orderMachine(QueueUrl!)),
      }),
    );
    const input = { orderId: 'o-42', customer: 'ada', lines: [{ sku: 'tea', quantity: 3, price: 4 }] };

    // Act
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'o-42', input: JSON.stringify(input) }),
    );
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    const review = JSON.parse(Messages![0]!.Body!) as { TaskToken: string; orderId: string; total: number };
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: review.TaskToken, output: '{"approvedBy":"grace"}' }));
    await server.waitForExecution(executionArn!);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: 'o-42' } } }));

    // Assess
    expect(review).toMatchObject({ orderId: 'o-42', total: 12 });
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({
      orderId: 'o-42',
      customer: 'ada',
      total: 12,
      review: { approvedBy: 'grace' },
    });
    const waited = history.events!.filter((e) => e.type === 'WaitStateEntered' || e.type === 'WaitStateExited');
    expect(waited[1]!.timestamp!.getTime() - waited[0]!.timestamp!.getTime()).toBe(3600 * 1000);
    expect(Item).toEqual({
      orderId: { S: 'o-42' },
      customer: { S: 'ada' },
      total: { N: '12' },
      status: { S: 'IN_REVIEW' },
    });
    for (const client of [dynamodb, sqs, lambda, sfn]) client.destroy();
  }, 60_000);
});
