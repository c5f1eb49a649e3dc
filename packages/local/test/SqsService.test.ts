// SqsService on a hand-driven clock: visibility timeouts, delays and long polls cost no real time.
import type { Clock } from '@step/interpreter';
import type { LocalRequest } from '../src/http.js';
import { LocalStore } from '../src/LocalStore.js';
import { resolveIntegrationSettings } from '../src/resolveIntegrationSettings.js';
import { SqsService } from '../src/sqs/SqsService.js';

/** A clock that moves only when the test says so; sleeps end when their time is reached. */
class HandClock implements Clock {
  current = 1_700_000_000_000;
  readonly sleepers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleeper = { at: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers.splice(this.sleepers.indexOf(sleeper), 1);
        reject(signal.reason as Error);
      });
    });
  }

  advance(ms: number): void {
    this.current += ms;
    for (const s of this.sleepers.filter((x) => x.at <= this.current)) s.resolve();
  }
}

const URL_BASE = 'http://127.0.0.1:4566';

function request(operation: string, input: unknown): LocalRequest {
  return {
    method: 'POST',
    path: '/',
    rawPath: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `AmazonSQS.${operation}` },
    body: Buffer.from(JSON.stringify(input)),
    region: 'us-east-1',
    service: 'sqs',
    accessKeyId: undefined,
    hostname: '127.0.0.1',
    requestId: 'r-1',
  };
}

function setup(): { sqs: SqsService; clock: HandClock; call: (op: string, input: object) => Promise<unknown> } {
  const clock = new HandClock();
  const sqs = new SqsService({
    store: new LocalStore(undefined),
    accountId: '000000000000',
    endpoint: () => URL_BASE,
    clock,
  });
  sqs.createQueue('q');
  const call = async (op: string, input: object): Promise<unknown> => {
    const res = await sqs.handle(request(op, { QueueUrl: `${URL_BASE}/000000000000/q`, ...input }));
    return JSON.parse((res.body as Buffer | string).toString()) as unknown;
  };
  return { sqs, clock, call };
}

const bodies = (answer: unknown): string[] =>
  ((answer as { Messages?: { Body: string }[] }).Messages ?? []).map((m) => m.Body);

/** Lets pending promise callbacks run (the long poll registers its sleep). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SqsService', () => {
  it('shows a received message again once its visibility timeout has passed on the clock', async () => {
    // Prepare
    const { clock, call } = setup();
    await call('SendMessage', { MessageBody: 'm' });

    // Act
    const first = await call('ReceiveMessage', { VisibilityTimeout: 30 });
    clock.advance(29_999);
    const before = await call('ReceiveMessage', {});
    clock.advance(1);
    const after = await call('ReceiveMessage', {});

    // Assess
    expect(bodies(first)).toEqual(['m']);
    expect(bodies(before)).toEqual([]);
    expect(bodies(after)).toEqual(['m']);
  });

  it('holds a delayed message until DelaySeconds have passed', async () => {
    // Prepare
    const { clock, call } = setup();
    await call('SendMessage', { MessageBody: 'later', DelaySeconds: 60 });

    // Act
    const early = await call('ReceiveMessage', {});
    const attributes = await call('GetQueueAttributes', { AttributeNames: ['ApproximateNumberOfMessagesDelayed'] });
    clock.advance(60_000);
    const due = await call('ReceiveMessage', {});

    // Assess
    expect(bodies(early)).toEqual([]);
    expect(attributes).toEqual({ Attributes: { ApproximateNumberOfMessagesDelayed: '1' } });
    expect(bodies(due)).toEqual(['later']);
  });

  it('ends an empty long poll after WaitTimeSeconds of the clock, and wakes a poll for a delayed message', async () => {
    // Prepare
    const { clock, call } = setup();

    // Act
    const empty = call('ReceiveMessage', { WaitTimeSeconds: 20 });
    await settle();
    clock.advance(20_000);
    const emptyAnswer = await empty;
    await call('SendMessage', { MessageBody: 'd', DelaySeconds: 5 });
    const delayed = call('ReceiveMessage', { WaitTimeSeconds: 20 });
    await settle();
    clock.advance(5_000);
    const delayedAnswer = await delayed;

    // Assess
    expect(emptyAnswer).toEqual({});
    expect(bodies(delayedAnswer)).toEqual(['d']);
    expect(clock.sleepers).toHaveLength(0);
  });

  it('ends waiting long polls with no messages when closed', async () => {
    // Prepare
    const { sqs, call } = setup();

    // Act
    const polling = call('ReceiveMessage', { WaitTimeSeconds: 20 });
    await settle();
    sqs.close();

    // Assess
    await expect(polling).resolves.toEqual({});
  });

  it.each([
    { op: 'ReceiveMessage', input: { MaxNumberOfMessages: 11 }, type: 'InvalidParameterValue' },
    { op: 'ReceiveMessage', input: { WaitTimeSeconds: 21 }, type: 'InvalidParameterValue' },
    { op: 'SendMessage', input: {}, type: 'MissingParameter' },
    { op: 'SendMessage', input: { MessageBody: 'a\u0000b' }, type: 'InvalidMessageContents' },
    { op: 'DeleteMessage', input: { ReceiptHandle: 'x' }, type: 'ReceiptHandleIsInvalid' },
    { op: 'SendMessageBatch', input: { Entries: [] }, type: 'EmptyBatchRequest' },
    { op: 'TagQueue', input: {}, type: 'InvalidAction' },
  ])('answers $op with $type for $input', async ({ op, input, type }) => {
    // Prepare
    const { call } = setup();

    // Act
    const answer = (await call(op, input)) as { __type: string; message: string };

    // Assess
    expect(answer.__type).toBe(`com.amazonaws.sqs#${type}`);
    expect(answer.message).toEqual(expect.any(String));
  });
});

describe('resolveIntegrationSettings', () => {
  const STAND_IN = 'http://127.0.0.1:4566';

  it('sends everything to the stand-in with local credentials by default', () => {
    // Act
    const settings = resolveIntegrationSettings({}, {}, STAND_IN);

    // Assess
    expect(settings).toMatchObject({ endpoint: STAND_IN, endpoints: {}, region: 'us-east-1' });
    expect(settings.credentials).toBeDefined();
    expect(settings.clientConfig).toEqual({ forcePathStyle: true });
  });

  it('takes AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL, and the SDK credential chain once they point elsewhere', () => {
    // Act
    const settings = resolveIntegrationSettings(
      {},
      {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9000',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:8000',
        AWS_REGION: 'eu-west-1',
      },
      STAND_IN,
    );

    // Assess
    expect(settings).toMatchObject({
      endpoint: 'http://127.0.0.1:8000',
      endpoints: { secretsmanager: 'http://127.0.0.1:9000' },
      region: 'eu-west-1',
    });
    expect(settings.credentials).toBeUndefined();
  });

  it('lets options win over the environment, per service first', () => {
    // Act
    const all = resolveIntegrationSettings({ endpoint: 'http://a' }, { AWS_ENDPOINT_URL_SQS: 'http://env' }, STAND_IN);
    const one = resolveIntegrationSettings(
      { endpoints: { sqs: 'http://b' } },
      { AWS_ENDPOINT_URL_SQS: 'http://env' },
      STAND_IN,
    );

    // Assess
    expect(all).toMatchObject({ endpoint: 'http://a', endpoints: {} });
    expect(one).toMatchObject({ endpoint: STAND_IN, endpoints: { sqs: 'http://b' } });
  });
});
