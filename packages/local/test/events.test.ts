// The built-in EventBridge through the real AWS SDK v3 client (AWS JSON 1.1), with rules that target the built-in SQS.
import {
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';
import { matchesEventPattern } from '../src/events/matchesEventPattern.js';

let server: LocalServer;
let stop: () => Promise<void>;
let events: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  ({ server, stop } = await startServer());
  events = new EventBridgeClient(clientConfig(server));
  sqs = new SQSClient(clientConfig(server));
});

afterAll(async () => {
  events.destroy();
  sqs.destroy();
  await stop();
});

describe('EventBridge', () => {
  it('keeps put events with generated ids and reports failed entries', async () => {
    // Act
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"orderId":"42"}' },
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: 'not json' },
          { DetailType: 'NoSource', Detail: '{}' },
        ],
      }),
    );
    const listing = (await (await fetch(`${server.url}/_step/events/events`)).json()) as {
      Events: { id: string; source: string; detail: unknown }[];
    };

    // Assess
    expect(put.FailedEntryCount).toBe(2);
    expect(put.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(put.Entries?.[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(put.Entries?.[2]?.ErrorCode).toBe('InvalidArgument');
    expect(listing.Events).toEqual([
      expect.objectContaining({ id: put.Entries![0]!.EventId, source: 'shop', detail: { orderId: '42' } }),
    ]);
  });

  it('sends events that match a rule to its SQS target, and only those', async () => {
    // Prepare
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'gold-orders' }));
    await events.send(
      new PutRuleCommand({
        Name: 'gold',
        EventPattern: JSON.stringify({ source: ['shop'], detail: { tier: [{ prefix: 'go' }] } }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'gold',
        Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${server.accountId}:gold-orders` }],
      }),
    );

    // Act
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"tier":"gold"}' },
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"tier":"silver"}' },
        ],
      }),
    );
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: 'gold' }));

    // Assess
    expect(Messages?.map((m) => JSON.parse(m.Body!) as unknown)).toEqual([
      expect.objectContaining({
        version: '0',
        source: 'shop',
        'detail-type': 'OrderPlaced',
        account: server.accountId,
        detail: { tier: 'gold' },
      }),
    ]);
    expect(targets.Targets?.map((t) => t.Id)).toEqual(['q']);
  });

  it('answers ResourceNotFoundException for targets of a missing rule', async () => {
    // Act
    const error = await events
      .send(new PutTargetsCommand({ Rule: 'missing', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:0:q' }] }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('matchesEventPattern', () => {
  it.each([
    { name: 'exact value', pattern: { source: ['shop'] }, event: { source: 'shop' }, matches: true },
    { name: 'other value', pattern: { source: ['shop'] }, event: { source: 'bank' }, matches: false },
    { name: 'nested', pattern: { detail: { n: [1, 2] } }, event: { detail: { n: 2 } }, matches: true },
    { name: 'array in the event', pattern: { resources: ['a'] }, event: { resources: ['b', 'a'] }, matches: true },
    { name: 'suffix', pattern: { source: [{ suffix: '.eu' }] }, event: { source: 'shop.eu' }, matches: true },
    {
      name: 'anything-but',
      pattern: { source: [{ 'anything-but': ['shop'] }] },
      event: { source: 'shop' },
      matches: false,
    },
    { name: 'exists', pattern: { detail: { x: [{ exists: false }] } }, event: { detail: {} }, matches: true },
    { name: 'missing field', pattern: { detail: { x: ['1'] } }, event: { source: 'shop' }, matches: false },
    { name: 'unsupported filter', pattern: { n: [{ numeric: ['>', 0] }] }, event: { n: 1 }, matches: false },
  ])('matches $name: $matches', ({ pattern, event, matches }) => {
    // Act
    const result = matchesEventPattern(pattern, event);

    // Assess
    expect(result).toBe(matches);
  });
});
