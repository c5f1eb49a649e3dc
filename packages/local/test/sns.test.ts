// The built-in SNS through the real AWS SDK v3 client (query protocol), delivering to the built-in SQS.
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import type { SNSServiceException } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

let server: LocalServer;
let stop: () => Promise<void>;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  ({ server, stop } = await startServer({
    seed: {
      queues: ['seeded-inbox'],
      topics: [{ name: 'seeded', subscriptions: [{ queue: 'seeded-inbox', raw: true }] }],
    },
  }));
  sns = new SNSClient(clientConfig(server));
  sqs = new SQSClient(clientConfig(server));
});

afterAll(async () => {
  sns.destroy();
  sqs.destroy();
  await stop();
});

async function errorOf(p: Promise<unknown>): Promise<SNSServiceException> {
  try {
    await p;
  } catch (e) {
    return e as SNSServiceException;
  }
  throw new Error('expected the call to fail');
}

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:${server.accountId}:${name}` };
}

async function receiveBodies(url: string): Promise<string[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
  );
  return (Messages ?? []).map((m) => m.Body!);
}

describe('SNS', () => {
  it('creates topics idempotently and lists them', async () => {
    // Act
    const first = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
    const again = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
    const listed = await sns.send(new ListTopicsCommand({}));

    // Assess
    expect(first.TopicArn).toBe(`arn:aws:sns:us-east-1:${server.accountId}:orders`);
    expect(again.TopicArn).toBe(first.TopicArn);
    expect(listed.Topics?.map((t) => t.TopicArn)).toEqual(expect.arrayContaining([first.TopicArn]));
  });

  it('delivers a publish to a subscribed queue in the notification envelope', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'shipped' }));
    const inbox = await queue('shipped-inbox');
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: inbox.arn, ReturnSubscriptionArn: true }),
    );

    // Act
    const published = await sns.send(
      new PublishCommand({
        TopicArn,
        Message: '{"orderId":"42"}',
        Subject: 'Shipped',
        MessageAttributes: { tier: { DataType: 'String', StringValue: 'gold' } },
      }),
    );
    const [body] = await receiveBodies(inbox.url);
    const subscriptions = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));

    // Assess
    expect(JSON.parse(body!)).toMatchObject({
      Type: 'Notification',
      MessageId: published.MessageId,
      TopicArn,
      Subject: 'Shipped',
      Message: '{"orderId":"42"}',
      MessageAttributes: { tier: { Type: 'String', Value: 'gold' } },
    });
    expect(subscriptions.Subscriptions).toEqual([
      expect.objectContaining({ SubscriptionArn, Protocol: 'sqs', Endpoint: inbox.arn }),
    ]);
  });

  it('delivers the bare message to a raw subscription from the seed, and lists what was published', async () => {
    // Prepare
    const topicArn = `arn:aws:sns:us-east-1:${server.accountId}:seeded`;

    // Act
    const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'raw body' }));
    const bodies = await receiveBodies(`${server.url}/${server.accountId}/seeded-inbox`);
    const listing = (await (await fetch(`${server.url}/_step/sns/messages?TopicArn=${topicArn}`)).json()) as {
      Messages: { MessageId: string; Message: string }[];
    };

    // Assess
    expect(bodies).toEqual(['raw body']);
    expect(listing.Messages).toEqual([
      expect.objectContaining({ MessageId: published.MessageId, Message: 'raw body', TopicArn: topicArn }),
    ]);
  });

  it('answers NotFound for a missing topic and InvalidParameter for a bad ARN', async () => {
    // Act
    const missing = await errorOf(
      sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${server.accountId}:nope`, Message: 'x' })),
    );
    const bad = await errorOf(sns.send(new PublishCommand({ TopicArn: 'not-an-arn', Message: 'x' })));
    await sns.send(new CreateTopicCommand({ Name: 'gone' }));
    await sns.send(new DeleteTopicCommand({ TopicArn: `arn:aws:sns:us-east-1:${server.accountId}:gone` }));
    const deleted = await errorOf(
      sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${server.accountId}:gone`, Message: 'x' })),
    );

    // Assess
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(bad.name).toBe('InvalidParameterException');
    expect(deleted).toBeInstanceOf(NotFoundException);
  });
});
