// The built-in SQS through the real AWS SDK v3 client (AWS JSON 1.0 over HTTP, with the SDK's MD5 checks).
import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSServiceException } from '@aws-sdk/client-sqs';
import { clientConfig, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

let server: LocalServer;
let dataDir: string;
let stop: () => Promise<void>;
let sqs: SQSClient;

beforeAll(async () => {
  ({ server, dataDir, stop } = await startServer({
    seed: { queues: ['seeded', { name: 'jobs.fifo', attributes: { FifoQueue: 'true' } }] },
  }));
  sqs = new SQSClient(clientConfig(server));
});

afterAll(async () => {
  sqs.destroy();
  await server.close(); // the restart test replaces the server
  await stop();
});

async function errorOf(p: Promise<unknown>): Promise<SQSServiceException> {
  try {
    await p;
  } catch (e) {
    return e as SQSServiceException;
  }
  throw new Error('expected the call to fail');
}

async function createQueue(name: string, attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return QueueUrl!;
}

describe('SQS', () => {
  it('creates queues with URLs under the server, finds and lists them', async () => {
    // Act
    const url = await createQueue('orders');
    const again = await createQueue('orders');
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }));

    // Assess
    expect(url).toBe(`${server.url}/${server.accountId}/orders`);
    expect(again).toBe(url);
    expect(found.QueueUrl).toBe(url);
    expect(listed.QueueUrls).toEqual([url]);
  });

  it('sends and receives a message with attributes, passing the SDK MD5 checks, and deletes it', async () => {
    // Prepare
    const url = await createQueue('attributes');

    // Act
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"orderId":"42"}',
        MessageAttributes: {
          tier: { DataType: 'String', StringValue: 'gold' },
          count: { DataType: 'Number', StringValue: '3' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    const message = received.Messages![0]!;
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Assess
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"orderId":"42"}').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"orderId":"42"}',
      MD5OfBody: sent.MD5OfMessageBody,
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      Attributes: { ApproximateReceiveCount: '1' },
    });
    expect(message.MessageAttributes?.tier).toEqual({ DataType: 'String', StringValue: 'gold' });
    expect(Buffer.from(message.MessageAttributes!.blob!.BinaryValue!)).toEqual(Buffer.from([1, 2, 3]));
    expect(after.Messages).toBeUndefined();
  });

  it('hides a received message for its visibility timeout and shows it again when the timeout is changed to 0', async () => {
    // Prepare
    const url = await createQueue('visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'once' }));

    // Act
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 600 }));
    const hidden = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.Messages![0]!.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Assess
    expect(first.Messages).toHaveLength(1);
    expect(hidden.Messages).toBeUndefined();
    expect(counts.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
      QueueArn: `arn:aws:sqs:us-east-1:${server.accountId}:visibility`,
      VisibilityTimeout: '30',
    });
    expect(again.Messages![0]!.Body).toBe('once');
    expect(again.Messages![0]!.ReceiptHandle).not.toBe(first.Messages![0]!.ReceiptHandle);
  });

  it('answers a long poll as soon as a message is sent', async () => {
    // Prepare
    const url = await createQueue('long-poll');

    // Act
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
    const received = await polling;

    // Assess
    expect(received.Messages?.map((m) => m.Body)).toEqual(['late']);
  });

  it('sends and deletes in batches, reporting each failed entry', async () => {
    // Prepare
    const url = await createQueue('batch');

    // Act
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two' },
          { Id: 'c', MessageBody: 'x', MessageGroupId: 'not-for-standard-queues' },
        ],
      }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...received.Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'bad', ReceiptHandle: 'nope' },
        ],
      }),
    );

    // Assess
    expect(sent.Successful?.map((e) => e.Id)).toEqual(['a', 'b']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'c', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(received.Messages?.map((m) => m.Body).sort()).toEqual(['one', 'two']);
    expect(deleted.Successful).toHaveLength(2);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' })]);
  });

  it('keeps FIFO order within a group and drops a duplicate deduplication id', async () => {
    // Prepare
    const url = `${server.url}/${server.accountId}/jobs.fifo`;
    const send = (body: string, id: string): Promise<{ MessageId?: string; SequenceNumber?: string }> =>
      sqs.send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g', MessageDeduplicationId: id }),
      );

    // Act
    const first = await send('1', 'd1');
    await send('2', 'd2');
    const duplicate = await send('1 again', 'd1');
    const batch1 = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    const blocked = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: batch1.Messages![0]!.ReceiptHandle }));
    const batch2 = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const missingGroup = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })));

    // Assess
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(batch1.Messages?.map((m) => m.Body)).toEqual(['1']);
    expect(blocked.Messages).toBeUndefined();
    expect(batch2.Messages?.map((m) => m.Body)).toEqual(['2']);
    expect(missingGroup.name).toBe('MissingParameter');
  });

  it('answers QueueDoesNotExist as SQS does, with the query-compatible code', async () => {
    // Act
    const error = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })));
    const send = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl: `${server.url}/${server.accountId}/missing`, MessageBody: 'x' })),
    );

    // Assess
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((error as unknown as { Code?: string }).Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(send.name).toBe('QueueDoesNotExist');
  });

  it('refuses a second CreateQueue with other attributes, a bad name and a bad FIFO name', async () => {
    // Prepare
    await createQueue('strict', { VisibilityTimeout: '10' });

    // Act
    const conflict = await errorOf(createQueue('strict', { VisibilityTimeout: '20' }));
    const badName = await errorOf(createQueue('bad name'));
    const badFifo = await errorOf(createQueue('plain', { FifoQueue: 'true' }));
    const badValue = await errorOf(createQueue('slow', { VisibilityTimeout: '99999' }));

    // Assess
    expect(conflict.name).toBe('QueueNameExists');
    expect(badName.name).toBe('InvalidParameterValue');
    expect(badFifo.message).toMatch(/must end with \.fifo/);
    expect(badValue.name).toBe('InvalidAttributeValue');
  });

  it('purges and deletes queues', async () => {
    // Prepare
    const url = await createQueue('short-lived');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));

    // Act
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const purged = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    const gone = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'short-lived' })));

    // Assess
    expect(purged.Messages).toBeUndefined();
    expect(gone).toBeInstanceOf(QueueDoesNotExist);
  });

  it('keeps queues and messages across a restart of the server', async () => {
    // Prepare
    const url = await createQueue('durable');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'kept' }));
    const { createLocalServer } = await import('../src/index.js');

    // Act
    const port = server.port;
    await server.close();
    server = await createLocalServer({ port, dataDir });
    sqs.destroy(); // its kept-alive sockets went with the old server
    sqs = new SQSClient(clientConfig(server));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));

    // Assess
    expect(received.Messages?.map((m) => m.Body)).toEqual(['kept']);
  });
});
