import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RealClock } from '@step/interpreter';
import type { Clock } from '@step/interpreter';
import { AwsServiceError } from '../AwsServiceError.js';
import { header, jsonResponse, parseJsonBody } from '../http.js';
import type { LocalRequest, LocalResponse } from '../http.js';
import type { LocalStore } from '../LocalStore.js';
import { errorResponse } from '../protocol/errorResponse.js';
import { md5OfBody, md5OfMessageAttributes } from './md5OfMessageAttributes.js';
import type { SqsMessageAttribute } from './md5OfMessageAttributes.js';

/** One message of a queue, as persisted. */
interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes?: Record<string, SqsMessageAttribute>;
  md5OfMessageAttributes?: string;
  sentTimestamp: number;
  /** Epoch ms from which the message can be received (after DelaySeconds or a visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The receipt handle of the latest receive; only that one deletes or changes the message. */
  receiptHandle?: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
}

/** One queue, as persisted under `sqs/queues/<sha256 of the name>.json`. */
interface QueueRecord {
  name: string;
  attributes: Record<string, string>;
  createdTimestamp: number;
  lastModifiedTimestamp: number;
  messages: StoredMessage[];
  /** FIFO: the last sequence number handed out. */
  sequence: number;
  /** FIFO: deduplication ids seen in the last five minutes, with the message id and when. */
  deduplication: Record<string, { messageId: string; sequenceNumber: string; at: number }>;
}

/** What one SendMessage (or one batch entry) asks for. */
interface SendInput {
  body: string;
  delaySeconds?: number;
  messageAttributes?: Record<string, SqsMessageAttribute>;
  groupId?: string;
  deduplicationId?: string;
}

/** The answer of {@link SqsService.sendMessage}, in the protocol's member names. */
type SendResult = Record<string, string>;

type Input = Record<string, unknown>;
type Operation = (input: Input, req: LocalRequest) => unknown;

const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '262144',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
};
/** Settable attributes and their allowed integer range; FIFO and policy attributes are kept as given. */
const INTEGER_ATTRIBUTES: Readonly<Record<string, readonly [number, number]>> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1048576],
  MessageRetentionPeriod: [60, 1209600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43200],
};
const OTHER_ATTRIBUTES = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
]);
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const MAX_BATCH_ENTRIES = 10;

/** The JSON 1.0 error with the query-protocol code that the SDK reads from `x-amzn-query-error`. */
function sqsError(code: string, queryCode: string, message: string, status = 400): AwsServiceError {
  return new AwsServiceError(code, message, status, { queryError: `${queryCode};Sender` });
}

function invalidParameter(message: string): AwsServiceError {
  return sqsError('InvalidParameterValue', 'InvalidParameterValue', message);
}

function noSuchQueue(): AwsServiceError {
  return sqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );
}

function diskFailure(): AwsServiceError {
  return new AwsServiceError(
    'InternalFailure',
    'The request processing has failed because of an unknown error. (step-cli local could not write its data directory)',
    500,
  );
}

function text(input: Input, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

function required(input: Input, name: string): string {
  const value = text(input, name);
  if (value === undefined || value === '') {
    throw sqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`);
  }
  return value;
}

function integer(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw invalidParameter(
      `Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: must be an integer from ${min} to ${max}.`,
    );
  }
  return n;
}

function stringMap(input: Input, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(`${name} must be a map of strings.`);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function messageAttributesOf(input: Input): Record<string, SqsMessageAttribute> | undefined {
  const value = input.MessageAttributes;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('MessageAttributes must be a map.');
  const out: Record<string, SqsMessageAttribute> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const attribute = (raw ?? {}) as Record<string, unknown>;
    const dataType = typeof attribute.DataType === 'string' ? attribute.DataType : '';
    if (!/^(String|Number|Binary)(\..+)?$/.test(dataType)) {
      throw invalidParameter(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const isBinary = dataType.startsWith('Binary');
    const valueText = isBinary ? attribute.BinaryValue : attribute.StringValue;
    if (typeof valueText !== 'string' || valueText === '') {
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
      );
    }
    out[name] = isBinary
      ? { DataType: dataType, BinaryValue: valueText }
      : { DataType: dataType, StringValue: valueText };
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Whether a requested attribute name list (`All`, `.*`, `name`, `prefix.*`) selects `name`. */
function selects(patterns: readonly string[], name: string): boolean {
  return patterns.some(
    (p) => p === 'All' || p === '.*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))),
  );
}

function stringList(input: Input, name: string): string[] {
  const value = input[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The local SQS (AWS JSON 1.0, `X-Amz-Target: AmazonSQS.<Operation>`, what the AWS SDK v3 and recent AWS CLIs
 * send): standard and FIFO queues with delays, visibility timeouts, long polling and FIFO deduplication.
 *
 * @remarks
 * Every change is written to the data directory first and applied in memory only once written, so a queue
 * never acknowledges a message it did not keep. Times (delays, visibility, long polls, the FIFO deduplication
 * window) come from the server's clock. The query protocol (`Action=SendMessage` forms) is not served.
 * @internal
 */
export class SqsService {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #endpoint: () => string;
  readonly #clock: Clock;
  readonly #queues = new Map<string, QueueRecord>();
  /** Long polls waiting for a message, by queue name. */
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #closing = new AbortController();
  readonly #operations: Readonly<Record<string, Operation>> = {
    CreateQueue: (input) => ({
      QueueUrl: this.#url(this.createQueue(required(input, 'QueueName'), stringMap(input, 'Attributes'))),
    }),
    GetQueueUrl: (input) => ({ QueueUrl: this.#url(this.#queue(required(input, 'QueueName')).name) }),
    ListQueues: (input) => this.#listQueues(input),
    DeleteQueue: (input) => this.#deleteQueue(input),
    GetQueueAttributes: (input) => this.#getQueueAttributes(input),
    SetQueueAttributes: (input) => this.#setQueueAttributes(input),
    SendMessage: (input) => this.sendMessage(this.#queueOf(input).name, this.#sendInput(input)),
    SendMessageBatch: (input) => this.#sendMessageBatch(input),
    ReceiveMessage: (input) => this.#receiveMessage(input),
    DeleteMessage: (input) => this.#deleteMessage(this.#queueOf(input), required(input, 'ReceiptHandle')),
    DeleteMessageBatch: (input) => this.#deleteMessageBatch(input),
    ChangeMessageVisibility: (input) =>
      this.#changeVisibility(
        this.#queueOf(input),
        required(input, 'ReceiptHandle'),
        integer(input, 'VisibilityTimeout', 0, 43200) ?? 0,
      ),
    PurgeQueue: (input) => this.#purgeQueue(input),
  };

  constructor(options: { store: LocalStore; accountId: string; endpoint: () => string; clock?: Clock }) {
    this.#store = options.store;
    this.#accountId = options.accountId;
    this.#endpoint = options.endpoint;
    this.#clock = options.clock ?? new RealClock();
    for (const file of this.#store.list('sqs/queues')) {
      const queue = this.#store.readJson<QueueRecord>(`sqs/queues/${file}`);
      if (queue !== undefined && typeof queue.name === 'string' && Array.isArray(queue.messages)) {
        this.#queues.set(queue.name, queue);
      }
    }
  }

  /** The operations served, for the README and `UnknownOperation` answers. */
  get operations(): string[] {
    return Object.keys(this.#operations);
  }

  /** Answers one SQS request (JSON 1.0). */
  async handle(req: LocalRequest): Promise<LocalResponse> {
    const target = header(req.headers, 'x-amz-target') ?? '';
    const name = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    try {
      const operation = this.#operations[name];
      if (operation === undefined) {
        throw name === ''
          ? sqsError(
              'InvalidAction',
              'InvalidAction',
              'step-cli local serves SQS over the AWS JSON 1.0 protocol only (X-Amz-Target: AmazonSQS.<Operation>); use a recent AWS SDK or CLI.',
            )
          : sqsError('InvalidAction', 'InvalidAction', `The action ${name} is not valid for this endpoint.`);
      }
      const input = parseJsonBody(req.body);
      if (input === undefined) throw invalidParameter('The request body must be a JSON object.');
      const output = await operation(input, req);
      return jsonResponse(200, output ?? {}, 'application/x-amz-json-1.0', { 'x-amzn-requestid': req.requestId });
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('sqs', e, req);
    }
  }

  /** The ARN of a queue (`arn:aws:sqs:<region>:<account>:<name>`). */
  queueArn(name: string, region = 'us-east-1'): string {
    return `arn:aws:sqs:${region}:${this.#accountId}:${name}`;
  }

  /** Whether a queue of that name exists. */
  hasQueue(name: string): boolean {
    return this.#queues.has(name);
  }

  /**
   * Creates a queue, or returns the existing one when its attributes are the same (as SQS does); throws
   * `QueueNameExists` otherwise. Returns the queue's name.
   */
  createQueue(name: string, attributes: Record<string, string> = {}): string {
    if (!QUEUE_NAME.test(name.replace(/\.fifo$/, ''))) {
      throw invalidParameter(
        `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (queue name "${name}").`,
      );
    }
    const isFifo = attributes.FifoQueue === 'true';
    if (isFifo !== name.endsWith('.fifo')) {
      throw invalidParameter(
        isFifo
          ? `The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix (queue name "${name}").`
          : `Queue "${name}" ends with .fifo: set the attribute FifoQueue to "true" to create a FIFO queue.`,
      );
    }
    const checked = this.#checkAttributes(attributes, isFifo);
    const existing = this.#queues.get(name);
    if (existing !== undefined) {
      for (const [key, value] of Object.entries(checked)) {
        if (existing.attributes[key] !== value) {
          throw sqsError(
            'QueueNameExists',
            'QueueAlreadyExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return name;
    }
    const now = this.#clock.now();
    this.#commit({
      name,
      attributes: { ...DEFAULT_ATTRIBUTES, ...(isFifo ? { ContentBasedDeduplication: 'false' } : {}), ...checked },
      createdTimestamp: now,
      lastModifiedTimestamp: now,
      messages: [],
      sequence: 0,
      deduplication: {},
    });
    return name;
  }

  /** Sends one message to a queue (the SendMessage operation, and SNS's delivery to SQS subscriptions). */
  sendMessage(queueName: string, message: SendInput): SendResult {
    const queue = this.#queue(queueName);
    const { record, result } = this.#enqueue(queue, message);
    this.#commit(record);
    this.#wake(queue.name);
    return result;
  }

  /** Ends every long poll (they answer no messages) before the server closes. */
  close(): void {
    this.#closing.abort(new Error('step-cli local is closing'));
    for (const name of this.#waiters.keys()) this.#wake(name);
  }

  #url(name: string): string {
    return `${this.#endpoint()}/${this.#accountId}/${name}`;
  }

  #queue(name: string): QueueRecord {
    const queue = this.#queues.get(name);
    if (queue === undefined) throw noSuchQueue();
    return queue;
  }

  /** The queue of a `QueueUrl`: its last path segment, so URLs of any host (the SDK may rewrite it) work. */
  #queueOf(input: Input): QueueRecord {
    const url = required(input, 'QueueUrl');
    const name = url.replace(/\/+$/, '').split('/').pop() ?? '';
    return this.#queue(name);
  }

  #commit(record: QueueRecord): void {
    try {
      this.#store.writeJson(`sqs/queues/${fileOf(record.name)}.json`, record);
    } catch {
      throw diskFailure();
    }
    this.#queues.set(record.name, record);
  }

  #checkAttributes(attributes: Record<string, string>, isFifo: boolean): Record<string, string> {
    for (const [key, value] of Object.entries(attributes)) {
      const range = INTEGER_ATTRIBUTES[key];
      if (range !== undefined) {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < range[0] || n > range[1]) {
          throw sqsError(
            'InvalidAttributeValue',
            'InvalidAttributeValue',
            `Invalid value for the parameter ${key}: must be an integer from ${range[0]} to ${range[1]} (got "${value}").`,
          );
        }
      } else if (!OTHER_ATTRIBUTES.has(key)) {
        throw sqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${key}.`);
      } else if ((key === 'ContentBasedDeduplication' || key === 'DeduplicationScope') && !isFifo) {
        throw sqsError(
          'InvalidAttributeName',
          'InvalidAttributeName',
          `Unknown Attribute ${key}: it applies to FIFO queues only.`,
        );
      }
    }
    return attributes;
  }

  #sendInput(input: Input): SendInput {
    const body = input.MessageBody;
    if (typeof body !== 'string' || body === '') {
      throw sqsError('MissingParameter', 'MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    const message: SendInput = { body };
    const delay = integer(input, 'DelaySeconds', 0, 900);
    if (delay !== undefined) message.delaySeconds = delay;
    const attributes = messageAttributesOf(input);
    if (attributes !== undefined) message.messageAttributes = attributes;
    const groupId = text(input, 'MessageGroupId');
    if (groupId !== undefined) message.groupId = groupId;
    const deduplicationId = text(input, 'MessageDeduplicationId');
    if (deduplicationId !== undefined) message.deduplicationId = deduplicationId;
    return message;
  }

  /** Validates a message against its queue and returns the queue with it appended (not yet written). */
  #enqueue(queue: QueueRecord, message: SendInput): { record: QueueRecord; result: SendResult } {
    const now = this.#clock.now();
    const maxSize = Number(queue.attributes.MaximumMessageSize ?? DEFAULT_ATTRIBUTES.MaximumMessageSize);
    if (Buffer.byteLength(message.body, 'utf8') > maxSize) {
      throw invalidParameter(
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    }
    if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(message.body)) {
      throw sqsError(
        'InvalidMessageContents',
        'InvalidMessageContents',
        'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      );
    }
    const isFifo = queue.attributes.FifoQueue === 'true';
    const md5 = md5OfBody(message.body);
    const attributesMd5 =
      message.messageAttributes === undefined ? undefined : md5OfMessageAttributes(message.messageAttributes);
    const result: SendResult = { MD5OfMessageBody: md5 };
    if (attributesMd5 !== undefined) result.MD5OfMessageAttributes = attributesMd5;
    const stored: StoredMessage = {
      messageId: randomUUID(),
      body: message.body,
      md5OfBody: md5,
      sentTimestamp: now,
      visibleAt: now + 1000 * (message.delaySeconds ?? Number(queue.attributes.DelaySeconds ?? '0')),
      receiveCount: 0,
    };
    if (message.messageAttributes !== undefined) stored.messageAttributes = message.messageAttributes;
    if (attributesMd5 !== undefined) stored.md5OfMessageAttributes = attributesMd5;
    const record: QueueRecord = { ...queue, messages: [...queue.messages] };
    if (isFifo) {
      if (message.groupId === undefined) {
        throw sqsError(
          'MissingParameter',
          'MissingParameter',
          'The request must contain the parameter MessageGroupId.',
        );
      }
      if (message.delaySeconds !== undefined && message.delaySeconds > 0) {
        throw invalidParameter(
          `Value ${message.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
        );
      }
      let deduplicationId = message.deduplicationId;
      if (deduplicationId === undefined) {
        if (queue.attributes.ContentBasedDeduplication !== 'true') {
          throw invalidParameter(
            'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          );
        }
        deduplicationId = createHash('sha256').update(message.body, 'utf8').digest('hex');
      }
      const deduplication = Object.fromEntries(
        Object.entries(queue.deduplication).filter(([, seen]) => now - seen.at < DEDUPLICATION_WINDOW_MS),
      );
      const seen = deduplication[deduplicationId];
      if (seen !== undefined) {
        // Accepted and not delivered again, as SQS does within the five-minute window.
        return {
          record: { ...record, deduplication },
          result: { ...result, MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber },
        };
      }
      const sequenceNumber = String(queue.sequence + 1).padStart(20, '0');
      stored.groupId = message.groupId;
      stored.deduplicationId = deduplicationId;
      stored.sequenceNumber = sequenceNumber;
      record.sequence = queue.sequence + 1;
      record.deduplication = {
        ...deduplication,
        [deduplicationId]: { messageId: stored.messageId, sequenceNumber, at: now },
      };
      result.SequenceNumber = sequenceNumber;
    } else if (message.groupId !== undefined || message.deduplicationId !== undefined) {
      throw invalidParameter(
        `The request include parameter ${message.groupId !== undefined ? 'MessageGroupId' : 'MessageDeduplicationId'} that is not valid for this queue type`,
      );
    }
    record.messages.push(stored);
    return { record, result: { ...result, MessageId: stored.messageId } };
  }

  #sendMessageBatch(input: Input): unknown {
    let queue = this.#queueOf(input);
    const entries = this.#batchEntries(input);
    const successful: unknown[] = [];
    const failed: unknown[] = [];
    for (const entry of entries) {
      try {
        const { record, result } = this.#enqueue(queue, this.#sendInput(entry));
        queue = record;
        successful.push({ Id: entry.Id, ...result });
      } catch (e) {
        if (!(e instanceof AwsServiceError)) throw e;
        failed.push({ Id: entry.Id, SenderFault: true, Code: e.code, Message: e.message });
      }
    }
    this.#commit(queue);
    this.#wake(queue.name);
    return { Successful: successful, Failed: failed };
  }

  #batchEntries(input: Input): (Input & { Id: string })[] {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
    if (entries.length === 0) {
      throw sqsError(
        'EmptyBatchRequest',
        'AWS.SimpleQueueService.EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      );
    }
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw sqsError(
        'TooManyEntriesInBatchRequest',
        'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
      );
    }
    const ids = new Set<string>();
    for (const entry of entries) {
      const id = typeof entry.Id === 'string' ? entry.Id : '';
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
        throw sqsError(
          'InvalidBatchEntryId',
          'AWS.SimpleQueueService.InvalidBatchEntryId',
          'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        );
      }
      if (ids.has(id)) {
        throw sqsError(
          'BatchEntryIdsNotDistinct',
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
          `Id ${id} repeated.`,
        );
      }
      ids.add(id);
    }
    return entries as (Input & { Id: string })[];
  }

  async #receiveMessage(input: Input): Promise<unknown> {
    const name = this.#queueOf(input).name;
    const max = integer(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
    const visibility = integer(input, 'VisibilityTimeout', 0, 43200);
    let wait = integer(input, 'WaitTimeSeconds', 0, 20);
    wait ??= Number(this.#queue(name).attributes.ReceiveMessageWaitTimeSeconds ?? '0');
    const attributeNames = [
      ...stringList(input, 'AttributeNames'),
      ...stringList(input, 'MessageSystemAttributeNames'),
    ];
    const messageAttributeNames = stringList(input, 'MessageAttributeNames');
    let messages = this.#take(name, max, visibility);
    // Long poll: answer as soon as a message is receivable, at the latest after WaitTimeSeconds of the server's clock.
    const deadline = this.#clock.now() + wait * 1000;
    while (messages.length === 0 && !this.#closing.signal.aborted && this.#queues.has(name)) {
      const now = this.#clock.now();
      if (now >= deadline) break;
      const nextVisible = Math.min(
        ...this.#queue(name).messages.map((m) => (m.visibleAt > now ? m.visibleAt : Infinity)),
      );
      const waiters = this.#waiters.get(name) ?? new Set();
      this.#waiters.set(name, waiters);
      let wake = (): void => undefined;
      const arrived = new Promise<void>((resolve) => (wake = resolve));
      waiters.add(wake);
      const sleeping = new AbortController();
      try {
        await Promise.race([
          arrived,
          this.#clock.sleep(Math.min(deadline, nextVisible) - now, sleeping.signal).catch(() => undefined),
        ]);
      } finally {
        sleeping.abort();
        waiters.delete(wake);
      }
      messages = this.#take(name, max, visibility);
    }
    if (messages.length === 0) return {};
    return {
      Messages: messages.map((m) => {
        const out: Record<string, unknown> = {
          MessageId: m.messageId,
          ReceiptHandle: m.receiptHandle,
          MD5OfBody: m.md5OfBody,
          Body: m.body,
        };
        const attributes = systemAttributes(m, attributeNames);
        if (Object.keys(attributes).length > 0) out.Attributes = attributes;
        if (m.messageAttributes !== undefined && messageAttributeNames.length > 0) {
          const selected = Object.fromEntries(
            Object.entries(m.messageAttributes).filter(([key]) => selects(messageAttributeNames, key)),
          );
          if (Object.keys(selected).length > 0) {
            out.MessageAttributes = selected;
            out.MD5OfMessageAttributes = md5OfMessageAttributes(selected);
          }
        }
        return out;
      }),
    };
  }

  /** Receives up to `max` visible messages: each gets a new receipt handle and becomes invisible. */
  #take(name: string, max: number, visibility: number | undefined): StoredMessage[] {
    const queue = this.#queues.get(name);
    if (queue === undefined) return [];
    const now = this.#clock.now();
    const timeout = visibility ?? Number(queue.attributes.VisibilityTimeout ?? '30');
    const retention = Number(queue.attributes.MessageRetentionPeriod ?? DEFAULT_ATTRIBUTES.MessageRetentionPeriod);
    const isFifo = queue.attributes.FifoQueue === 'true';
    const kept = queue.messages.filter((m) => now - m.sentTimestamp < retention * 1000);
    // FIFO: a group with a message in flight delivers nothing more until that message is deleted or visible again.
    const busyGroups = new Set(
      kept.filter((m) => isFifo && m.visibleAt > now && m.receiveCount > 0).map((m) => m.groupId),
    );
    const taken: StoredMessage[] = [];
    const messages = kept.map((m) => {
      if (taken.length >= max || m.visibleAt > now || (isFifo && busyGroups.has(m.groupId))) return m;
      const received: StoredMessage = {
        ...m,
        receiveCount: m.receiveCount + 1,
        firstReceiveTimestamp: m.firstReceiveTimestamp ?? now,
        visibleAt: now + timeout * 1000,
        receiptHandle: randomBytes(24).toString('base64url'),
      };
      taken.push(received);
      return received;
    });
    if (taken.length > 0 || kept.length !== queue.messages.length) this.#commit({ ...queue, messages });
    return taken;
  }

  #wake(name: string): void {
    for (const wake of this.#waiters.get(name) ?? []) wake();
  }

  #message(queue: QueueRecord, receiptHandle: string): StoredMessage {
    const message = queue.messages.find((m) => m.receiptHandle === receiptHandle);
    if (message === undefined) {
      throw sqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    }
    return message;
  }

  #deleteMessage(queue: QueueRecord, receiptHandle: string): unknown {
    const message = this.#message(queue, receiptHandle);
    this.#commit({ ...queue, messages: queue.messages.filter((m) => m !== message) });
    return {};
  }

  #deleteMessageBatch(input: Input): unknown {
    let queue = this.#queueOf(input);
    const successful: unknown[] = [];
    const failed: unknown[] = [];
    for (const entry of this.#batchEntries(input)) {
      try {
        const message = this.#message(queue, required(entry, 'ReceiptHandle'));
        queue = { ...queue, messages: queue.messages.filter((m) => m !== message) };
        successful.push({ Id: entry.Id });
      } catch (e) {
        if (!(e instanceof AwsServiceError)) throw e;
        failed.push({ Id: entry.Id, SenderFault: true, Code: e.code, Message: e.message });
      }
    }
    this.#commit(queue);
    return { Successful: successful, Failed: failed };
  }

  #changeVisibility(queue: QueueRecord, receiptHandle: string, timeout: number): unknown {
    const message = this.#message(queue, receiptHandle);
    const now = this.#clock.now();
    if (message.visibleAt <= now) {
      throw sqsError(
        'MessageNotInflight',
        'AWS.SimpleQueueService.MessageNotInflight',
        'The message referred to is not in flight.',
      );
    }
    const changed = { ...message, visibleAt: now + timeout * 1000 };
    this.#commit({ ...queue, messages: queue.messages.map((m) => (m === message ? changed : m)) });
    if (timeout === 0) this.#wake(queue.name);
    return {};
  }

  #listQueues(input: Input): unknown {
    const prefix = text(input, 'QueueNamePrefix') ?? '';
    const max = integer(input, 'MaxResults', 1, 1000);
    const names = [...this.#queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    const urls = names.slice(0, max ?? 1000).map((n) => this.#url(n));
    return urls.length === 0 ? {} : { QueueUrls: urls };
  }

  #deleteQueue(input: Input): unknown {
    const queue = this.#queueOf(input);
    try {
      this.#store.remove(`sqs/queues/${fileOf(queue.name)}.json`);
    } catch {
      throw diskFailure();
    }
    this.#queues.delete(queue.name);
    this.#wake(queue.name);
    return {};
  }

  #purgeQueue(input: Input): unknown {
    const queue = this.#queueOf(input);
    this.#commit({ ...queue, messages: [] });
    return {};
  }

  #getQueueAttributes(input: Input): unknown {
    const queue = this.#queueOf(input);
    const requested = stringList(input, 'AttributeNames');
    const now = this.#clock.now();
    const all: Record<string, string> = {
      ...queue.attributes,
      QueueArn: this.queueArn(queue.name),
      CreatedTimestamp: String(Math.floor(queue.createdTimestamp / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestamp / 1000)),
      ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
      ApproximateNumberOfMessagesNotVisible: String(
        queue.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length,
      ),
      ApproximateNumberOfMessagesDelayed: String(
        queue.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length,
      ),
    };
    for (const name of requested) {
      if (name !== 'All' && !(name in all) && !OTHER_ATTRIBUTES.has(name)) {
        throw sqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`);
      }
    }
    const selected = Object.fromEntries(Object.entries(all).filter(([key]) => selects(requested, key)));
    return Object.keys(selected).length === 0 ? {} : { Attributes: selected };
  }

  #setQueueAttributes(input: Input): unknown {
    const queue = this.#queueOf(input);
    const attributes = stringMap(input, 'Attributes');
    const isFifo = queue.attributes.FifoQueue === 'true';
    if (attributes.FifoQueue !== undefined && attributes.FifoQueue !== String(isFifo)) {
      throw sqsError(
        'InvalidAttributeName',
        'InvalidAttributeName',
        'FifoQueue cannot be changed after the queue is created.',
      );
    }
    this.#checkAttributes(attributes, isFifo);
    this.#commit({
      ...queue,
      attributes: { ...queue.attributes, ...attributes },
      lastModifiedTimestamp: this.#clock.now(),
    });
    return {};
  }
}

function systemAttributes(m: StoredMessage, names: readonly string[]): Record<string, string> {
  const all: Record<string, string | undefined> = {
    SenderId: 'AIDASTEPLOCAL',
    SentTimestamp: String(m.sentTimestamp),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp:
      m.firstReceiveTimestamp === undefined ? undefined : String(m.firstReceiveTimestamp),
    MessageGroupId: m.groupId,
    MessageDeduplicationId: m.deduplicationId,
    SequenceNumber: m.sequenceNumber,
  };
  return Object.fromEntries(
    Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined && selects(names, e[0])),
  );
}

function fileOf(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}
