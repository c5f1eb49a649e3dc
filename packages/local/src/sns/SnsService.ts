import { createHash, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../AwsServiceError.js';
import { escapeXml, jsonResponse } from '../http.js';
import type { LocalRequest, LocalResponse } from '../http.js';
import type { LocalStore } from '../LocalStore.js';
import { errorResponse } from '../protocol/errorResponse.js';
import type { SqsMessageAttribute } from '../sqs/md5OfMessageAttributes.js';
import type { SqsService } from '../sqs/SqsService.js';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
/** How many published messages are kept for `GET /_step/sns/messages` (the oldest go first). */
const PUBLISHED_KEPT = 1000;

interface Subscription {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
}

/** One topic, as persisted under `sns/topics/<sha256 of the name>.json`. */
interface TopicRecord {
  name: string;
  topicArn: string;
  attributes: Record<string, string>;
  subscriptions: Subscription[];
}

/**
 * One message published to a topic, as `GET /_step/sns/messages` lists it.
 * @internal
 */
export interface PublishedMessage {
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Subject?: string;
  MessageAttributes?: Record<string, SqsMessageAttribute>;
  MessageGroupId?: string;
}

function notFound(message = 'Topic does not exist'): AwsServiceError {
  return new AwsServiceError('NotFound', message, 404);
}

function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameter', `Invalid parameter: ${message}`, 400);
}

function diskFailure(): AwsServiceError {
  return new AwsServiceError('InternalError', 'step-cli local could not write its data directory', 500);
}

function fileOf(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** `Prefix.entry.N.key`/`.value` (or `.Name`/`.Value.*`) query members as a map, in N order. */
function entries(params: URLSearchParams, prefix: string): Map<string, Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of params) {
    if (!key.startsWith(`${prefix}.entry.`)) continue;
    const rest = key.slice(prefix.length + '.entry.'.length);
    const dot = rest.indexOf('.');
    const index = Number(rest.slice(0, dot));
    const entry = byIndex.get(index) ?? {};
    entry[rest.slice(dot + 1)] = value;
    byIndex.set(index, entry);
  }
  const out = new Map<string, Record<string, string>>();
  for (const [, entry] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    const name = entry.key ?? entry.Name;
    if (name !== undefined) out.set(name, entry);
  }
  return out;
}

/**
 * The local SNS (query protocol, XML answers, what the AWS SDK v3 sends): topics, SQS subscriptions and Publish.
 *
 * @remarks
 * A message published to a topic is delivered at once to each subscribed queue of the built-in SQS, in SNS's
 * JSON notification envelope, or as the bare message with its attributes when the subscription has
 * `RawMessageDelivery` set. Subscriptions of other protocols (`http`, `lambda`, `email`...) are kept but not
 * delivered to, and filter policies are not applied. The last 1000 published messages are also readable at
 * `GET /_step/sns/messages`. Changes are written to the data directory before they are applied.
 * @internal
 */
export class SnsService {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #sqs: SqsService;
  readonly #topics = new Map<string, TopicRecord>();
  #published: PublishedMessage[];

  constructor(options: { store: LocalStore; accountId: string; sqs: SqsService }) {
    this.#store = options.store;
    this.#accountId = options.accountId;
    this.#sqs = options.sqs;
    for (const file of this.#store.list('sns/topics')) {
      const topic = this.#store.readJson<TopicRecord>(`sns/topics/${file}`);
      if (topic !== undefined && typeof topic.name === 'string' && Array.isArray(topic.subscriptions)) {
        this.#topics.set(topic.name, topic);
      }
    }
    const published = this.#store.readJson<PublishedMessage[]>('sns/published.json');
    this.#published = Array.isArray(published) ? published : [];
  }

  /** Answers one SNS request (query protocol). */
  handle(req: LocalRequest): LocalResponse {
    const params = new URLSearchParams(req.method === 'GET' ? req.query : req.body.toString('utf8'));
    const action = params.get('Action') ?? '';
    try {
      switch (action) {
        case 'CreateTopic': {
          const arn = this.createTopic(
            this.#required(params, 'Name'),
            Object.fromEntries([...entries(params, 'Attributes')].map(([k, v]) => [k, v.value ?? ''])),
            req.region,
          );
          return this.#result(action, `<TopicArn>${escapeXml(arn)}</TopicArn>`, req);
        }
        case 'ListTopics': {
          const members = [...this.#topics.values()]
            .map((t) => `<member><TopicArn>${escapeXml(t.topicArn)}</TopicArn></member>`)
            .join('');
          return this.#result(action, `<Topics>${members}</Topics>`, req);
        }
        case 'DeleteTopic': {
          const topic = this.#topicOf(this.#required(params, 'TopicArn'), false);
          if (topic !== undefined) {
            this.#write(() => this.#store.remove(`sns/topics/${fileOf(topic.name)}.json`));
            this.#topics.delete(topic.name);
          }
          return this.#result(action, undefined, req);
        }
        case 'GetTopicAttributes': {
          const topic = this.#topicOf(this.#required(params, 'TopicArn'))!;
          const all = {
            ...topic.attributes,
            TopicArn: topic.topicArn,
            Owner: this.#accountId,
            SubscriptionsConfirmed: String(topic.subscriptions.length),
            SubscriptionsPending: '0',
            SubscriptionsDeleted: '0',
          };
          const members = Object.entries(all)
            .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`)
            .join('');
          return this.#result(action, `<Attributes>${members}</Attributes>`, req);
        }
        case 'Subscribe':
          return this.#result(action, `<SubscriptionArn>${escapeXml(this.#subscribe(params))}</SubscriptionArn>`, req);
        case 'Unsubscribe': {
          const arn = this.#required(params, 'SubscriptionArn');
          const topic = [...this.#topics.values()].find((t) => t.subscriptions.some((s) => s.subscriptionArn === arn));
          if (topic === undefined) throw notFound('Subscription does not exist');
          this.#commit({ ...topic, subscriptions: topic.subscriptions.filter((s) => s.subscriptionArn !== arn) });
          return this.#result(action, undefined, req);
        }
        case 'ListSubscriptions':
        case 'ListSubscriptionsByTopic': {
          const topicArn = action === 'ListSubscriptions' ? undefined : this.#required(params, 'TopicArn');
          const topics = topicArn === undefined ? [...this.#topics.values()] : [this.#topicOf(topicArn)!];
          const members = topics
            .flatMap((t) =>
              t.subscriptions.map(
                (s) =>
                  `<member><TopicArn>${escapeXml(t.topicArn)}</TopicArn><Protocol>${escapeXml(s.protocol)}</Protocol>` +
                  `<SubscriptionArn>${escapeXml(s.subscriptionArn)}</SubscriptionArn><Owner>${this.#accountId}</Owner>` +
                  `<Endpoint>${escapeXml(s.endpoint)}</Endpoint></member>`,
              ),
            )
            .join('');
          return this.#result(action, `<Subscriptions>${members}</Subscriptions>`, req);
        }
        case 'Publish': {
          const sent = this.#publish(params);
          const sequence =
            sent.sequenceNumber === undefined ? '' : `<SequenceNumber>${sent.sequenceNumber}</SequenceNumber>`;
          return this.#result(action, `<MessageId>${sent.messageId}</MessageId>${sequence}`, req);
        }
        default:
          throw new AwsServiceError(
            'InvalidAction',
            action === ''
              ? 'step-cli local serves SNS over the query protocol: the request needs an Action parameter.'
              : `The action ${action} is not valid for this web service.`,
            400,
          );
      }
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('sns', e, req);
    }
  }

  /** Answers `GET /_step/sns/messages[?TopicArn=...]`: the messages published, oldest first, as JSON. */
  listPublished(req: LocalRequest): LocalResponse {
    const topicArn = req.query.get('TopicArn');
    const messages = this.#published.filter((m) => topicArn === null || m.TopicArn === topicArn);
    return jsonResponse(200, { Messages: messages });
  }

  /** Creates a topic (or returns the existing one, as SNS does); returns its ARN. */
  createTopic(name: string, attributes: Record<string, string> = {}, region = 'us-east-1'): string {
    const isFifo = attributes.FifoTopic === 'true';
    if (!TOPIC_NAME.test(name.replace(/\.fifo$/, '')) || isFifo !== name.endsWith('.fifo')) {
      throw invalidParameter(
        `Topic Name: "${name}" must be 1 to 256 letters, digits, hyphens or underscores${isFifo ? ', ending with .fifo for a FIFO topic' : ''}`,
      );
    }
    const existing = this.#topics.get(name);
    if (existing !== undefined) return existing.topicArn;
    const topicArn = `arn:aws:sns:${region}:${this.#accountId}:${name}`;
    this.#commit({ name, topicArn, attributes, subscriptions: [] });
    return topicArn;
  }

  #required(params: URLSearchParams, name: string): string {
    const value = params.get(name);
    if (value === null || value === '') throw invalidParameter(`${name} is required`);
    return value;
  }

  #topicOf(arn: string, mustExist = true): TopicRecord | undefined {
    if (!/^arn:aws[\w-]*:sns:[^:]+:\d{12}:[^:]+$/.test(arn))
      throw invalidParameter(`TopicArn: "${arn}" is not a topic ARN`);
    const topic = this.#topics.get(arn.split(':').pop()!);
    if (topic === undefined && mustExist) throw notFound();
    return topic;
  }

  #write(write: () => void): void {
    try {
      write();
    } catch {
      throw diskFailure();
    }
  }

  #commit(topic: TopicRecord): void {
    this.#write(() => this.#store.writeJson(`sns/topics/${fileOf(topic.name)}.json`, topic));
    this.#topics.set(topic.name, topic);
  }

  #subscribe(params: URLSearchParams): string {
    const attributes = Object.fromEntries([...entries(params, 'Attributes')].map(([k, v]) => [k, v.value ?? '']));
    return this.subscribe(
      this.#required(params, 'TopicArn'),
      this.#required(params, 'Protocol'),
      params.get('Endpoint') ?? '',
      attributes,
    );
  }

  /** Subscribes an endpoint (for `sqs`, a queue ARN) to a topic, or returns the same existing subscription. */
  subscribe(topicArn: string, protocol: string, endpoint: string, attributes: Record<string, string> = {}): string {
    const topic = this.#topicOf(topicArn)!;
    if (protocol === 'sqs' && !/^arn:aws[\w-]*:sqs:[^:]+:\d{12}:[^:]+$/.test(endpoint)) {
      throw invalidParameter(
        `SQS endpoint ARN: "${endpoint}" must be a queue ARN (arn:aws:sqs:<region>:<account>:<name>)`,
      );
    }
    const same = topic.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (same !== undefined) return same.subscriptionArn;
    const subscription: Subscription = {
      subscriptionArn: `${topic.topicArn}:${randomUUID()}`,
      protocol,
      endpoint,
      attributes,
    };
    this.#commit({ ...topic, subscriptions: [...topic.subscriptions, subscription] });
    return subscription.subscriptionArn;
  }

  #publish(params: URLSearchParams): { messageId: string; sequenceNumber?: string } {
    const arn = params.get('TopicArn') ?? params.get('TargetArn');
    if (arn === null || arn === '')
      throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    const topic = this.#topicOf(arn)!;
    const message = params.get('Message');
    if (message === null || message === '') throw invalidParameter('Message Reason: Empty message');
    const isFifo = topic.name.endsWith('.fifo');
    const groupId = params.get('MessageGroupId') ?? undefined;
    if (isFifo && groupId === undefined) {
      throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    }
    const attributes: Record<string, SqsMessageAttribute> = {};
    for (const [name, entry] of entries(params, 'MessageAttributes')) {
      const dataType = entry['Value.DataType'] ?? '';
      const isBinary = dataType.startsWith('Binary');
      const value = isBinary ? entry['Value.BinaryValue'] : entry['Value.StringValue'];
      if (!/^(String|Number|Binary|String\.Array)(\..+)?$/.test(dataType) || value === undefined) {
        throw invalidParameter(
          `Message attribute '${name}' must have a DataType (String, String.Array, Number or Binary) and a value.`,
        );
      }
      attributes[name] = isBinary
        ? { DataType: dataType, BinaryValue: value }
        : { DataType: dataType, StringValue: value };
    }
    const sent: PublishedMessage = {
      MessageId: randomUUID(),
      TopicArn: topic.topicArn,
      Message: message,
      Timestamp: new Date().toISOString(),
    };
    const subject = params.get('Subject');
    if (subject !== null) sent.Subject = subject;
    if (Object.keys(attributes).length > 0) sent.MessageAttributes = attributes;
    if (groupId !== undefined) sent.MessageGroupId = groupId;
    const published = [...this.#published, sent].slice(-PUBLISHED_KEPT);
    this.#write(() => this.#store.writeJson('sns/published.json', published));
    this.#published = published;
    for (const subscription of topic.subscriptions) {
      if (subscription.protocol !== 'sqs') continue;
      const queue = subscription.endpoint.split(':').pop()!;
      // A queue that is gone loses the message, as SNS's delivery to a deleted queue does.
      if (!this.#sqs.hasQueue(queue)) continue;
      try {
        this.#sqs.sendMessage(queue, this.#delivery(sent, subscription, params));
      } catch (e) {
        // A queue that refuses the message (too large for it) loses it, as SNS without a dead-letter queue does.
        if (!(e instanceof AwsServiceError)) throw e;
      }
    }
    return { messageId: sent.MessageId, ...(isFifo ? { sequenceNumber: String(Date.now()).padStart(20, '0') } : {}) };
  }

  /** What a subscribed queue receives: the notification envelope, or the raw message and its attributes. */
  #delivery(
    sent: PublishedMessage,
    subscription: Subscription,
    params: URLSearchParams,
  ): {
    body: string;
    messageAttributes?: Record<string, SqsMessageAttribute>;
    groupId?: string;
    deduplicationId?: string;
  } {
    const fifo: { groupId?: string; deduplicationId?: string } = {};
    if (subscription.endpoint.endsWith('.fifo')) {
      fifo.groupId = sent.MessageGroupId ?? 'default';
      fifo.deduplicationId = params.get('MessageDeduplicationId') ?? sent.MessageId;
    }
    if (subscription.attributes.RawMessageDelivery === 'true') {
      const attributes = Object.fromEntries(
        Object.entries(sent.MessageAttributes ?? {}).map(([k, v]) => [
          k,
          v.DataType === 'String.Array' ? { DataType: 'String', StringValue: v.StringValue ?? '' } : v,
        ]),
      );
      return {
        body: sent.Message,
        ...(Object.keys(attributes).length === 0 ? {} : { messageAttributes: attributes }),
        ...fifo,
      };
    }
    const envelope: Record<string, unknown> = {
      Type: 'Notification',
      MessageId: sent.MessageId,
      ...(fifo.groupId === undefined ? {} : { SequenceNumber: String(Date.now()).padStart(20, '0') }),
      TopicArn: sent.TopicArn,
      ...(sent.Subject === undefined ? {} : { Subject: sent.Subject }),
      Message: sent.Message,
      Timestamp: sent.Timestamp,
      SignatureVersion: '1',
      Signature: 'c3RlcC1jbGkgbG9jYWwgZG9lcyBub3Qgc2lnbg==',
      SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-step-local.pem',
      UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscription.subscriptionArn}`,
    };
    if (sent.MessageAttributes !== undefined) {
      envelope.MessageAttributes = Object.fromEntries(
        Object.entries(sent.MessageAttributes).map(([k, v]) => [
          k,
          { Type: v.DataType, Value: v.BinaryValue ?? v.StringValue ?? '' },
        ]),
      );
    }
    return { body: JSON.stringify(envelope), ...fifo };
  }

  #result(action: string, inner: string | undefined, req: LocalRequest): LocalResponse {
    const result = inner === undefined ? '' : `<${action}Result>${inner}</${action}Result>`;
    return {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': req.requestId },
      body:
        `<${action}Response xmlns="${XMLNS}">${result}` +
        `<ResponseMetadata><RequestId>${req.requestId}</RequestId></ResponseMetadata></${action}Response>`,
    };
  }
}
