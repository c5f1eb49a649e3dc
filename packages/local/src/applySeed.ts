import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createZip } from '@step/lambda/build';
import { AwsServiceError } from './AwsServiceError.js';
import { LocalSeedError } from './errors.js';
import type { DynamoDbService } from './dynamodb/DynamoDbService.js';
import type { LambdaService } from './LambdaService.js';
import type { S3Service } from './S3Service.js';
import type { SfnService } from './SfnService.js';
import type { SnsService } from './sns/SnsService.js';
import type { SqsService } from './sqs/SqsService.js';

/**
 * The seed file of `step-cli local`: what Terraform would create before Step runs (Step only updates resources).
 *
 * @remarks
 * Paths (`zip`, `definitionFile`) are relative to the seed file's folder. Applying a seed creates what is missing
 * and adds tags to what exists; it never overwrites a function's code or a state machine's definition that a
 * deploy may have changed, so restarting with the same seed is safe.
 *
 * @example
 * ```ts
 * const seed: LocalSeed = {
 *   buckets: ['step-deployer-000000000000'],
 *   functions: [{ name: 'hello', zip: './lambda.zip', handler: 'index.handler', tags: { ProjectName: 'hello' } }],
 *   stateMachines: [{ name: 'hello', roleArn: 'arn:aws:iam::000000000000:role/step/hello/dev/role' }],
 * };
 * ```
 */
export interface LocalSeed {
  /** Account id of every ARN (default `000000000000`); the `--account-id` option wins. */
  accountId?: string;
  /** Region of the seeded resources' ARNs (default `us-east-1`). */
  region?: string;
  buckets?: (string | { name: string; tags?: Record<string, string> })[];
  functions?: SeedFunction[];
  stateMachines?: SeedStateMachine[];
  /** SQS queues: a name, or a name and queue attributes (`{"name": "jobs.fifo", "attributes": {"FifoQueue": "true"}}`). */
  queues?: (string | { name: string; attributes?: Record<string, string> })[];
  /** SNS topics: a name, or a name and the queues (names) subscribed to it (`raw`: RawMessageDelivery). */
  topics?: (string | { name: string; subscriptions?: (string | { queue: string; raw?: boolean })[] })[];
  /** DynamoDB tables, created when missing (an existing table keeps its items). */
  dynamodb?: { tables?: SeedTable[] };
}

/**
 * A DynamoDB table of a {@link LocalSeed}: CreateTable's parameters (BillingMode defaults to `PAY_PER_REQUEST`)
 * and the items it starts with, in DynamoDB JSON.
 *
 * @example
 * ```ts
 * const table: SeedTable = {
 *   TableName: 'orders',
 *   KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
 *   AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
 *   items: [{ id: { S: 'order-1' }, total: { N: '12.5' } }],
 * };
 * ```
 */
export interface SeedTable {
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  /** Initial items, e.g. `{ "id": { "S": "order-1" } }`. */
  items?: Record<string, unknown>[];
}

/**
 * A Lambda function of a {@link LocalSeed}.
 *
 * @example
 * ```ts
 * const fn: SeedFunction = { name: 'hello', handler: 'index.handler', environment: { STAGE: 'local' } };
 * ```
 */
export interface SeedFunction {
  name: string;
  /** Path of the code zip; without it the function gets placeholder code that fails until a deploy updates it. */
  zip?: string;
  /** Default `index.handler`. */
  handler?: string;
  /** Default `nodejs20.x`. */
  runtime?: string;
  /** Default `arn:aws:iam::<account>:role/step-local`. */
  role?: string;
  environment?: Record<string, string>;
  /** Seconds; default 3, as on Lambda. */
  timeout?: number;
  memorySize?: number;
  tags?: Record<string, string>;
}

/**
 * A state machine of a {@link LocalSeed}.
 *
 * @example
 * ```ts
 * const sm: SeedStateMachine = { name: 'hello', definitionFile: './hello.asl.json', roleArn: 'arn:aws:iam::000000000000:role/step/hello/dev/sfn' };
 * ```
 */
export interface SeedStateMachine {
  name: string;
  /** The definition, as an object or JSON text; default a one-state Pass machine (a deploy replaces it). */
  definition?: unknown;
  /** Path of a definition file, instead of `definition`. */
  definitionFile?: string;
  /** Default `arn:aws:iam::<account>:role/step-local`. */
  roleArn?: string;
  type?: 'STANDARD' | 'EXPRESS';
  tags?: Record<string, string>;
}

const PLACEHOLDER_DEFINITION = JSON.stringify({
  Comment: 'Placeholder created by the step-cli local seed; a deploy replaces it.',
  StartAt: 'Placeholder',
  States: { Placeholder: { Type: 'Pass', End: true } },
});

/**
 * Reads a seed file (JSON) and resolves its relative paths against the file's folder.
 *
 * @example
 * ```ts
 * const { seed, baseDir } = readSeedFile('./local-seed.json');
 * ```
 */
export function readSeedFile(file: string): { seed: LocalSeed; baseDir: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LocalSeedError('', `file "${file}" cannot be read (${(e as Error).message})`, { cause: e });
  }
  let seed: unknown;
  try {
    seed = JSON.parse(text);
  } catch (e) {
    throw new LocalSeedError('', `file "${file}" is not JSON (${(e as Error).message})`, { cause: e });
  }
  return { seed: checkSeed(seed), baseDir: path.dirname(path.resolve(file)) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkStringMap(v: unknown, at: string): void {
  if (v === undefined) return;
  if (!isRecord(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new LocalSeedError(at, 'must be an object of string values');
  }
}

/**
 * Checks the shape of a seed; throws {@link LocalSeedError} naming the first bad field.
 *
 * @example
 * ```ts
 * const seed = checkSeed(JSON.parse(text));
 * ```
 */
export function checkSeed(seed: unknown): LocalSeed {
  if (!isRecord(seed))
    throw new LocalSeedError('', 'must be a JSON object with "buckets", "functions" and "stateMachines"');
  const known = new Set([
    'accountId',
    'region',
    'buckets',
    'functions',
    'stateMachines',
    'queues',
    'topics',
    'dynamodb',
    '$schema',
    'Comment',
    'comment',
  ]);
  for (const key of Object.keys(seed)) {
    if (!known.has(key))
      throw new LocalSeedError(
        `/${key}`,
        'is not a seed field (expected accountId, region, buckets, functions, stateMachines, queues, topics, dynamodb)',
      );
  }
  if (seed.accountId !== undefined && (typeof seed.accountId !== 'string' || !/^\d{12}$/.test(seed.accountId))) {
    throw new LocalSeedError('/accountId', 'must be a 12-digit account id');
  }
  if (seed.region !== undefined && typeof seed.region !== 'string')
    throw new LocalSeedError('/region', 'must be a string');
  for (const field of ['buckets', 'functions', 'stateMachines', 'queues', 'topics'] as const) {
    if (seed[field] !== undefined && !Array.isArray(seed[field]))
      throw new LocalSeedError(`/${field}`, 'must be an array');
  }
  ((seed.buckets ?? []) as unknown[]).forEach((b, i) => {
    if (typeof b === 'string') return;
    if (!isRecord(b) || typeof b.name !== 'string')
      throw new LocalSeedError(`/buckets/${i}`, 'must be a bucket name or {"name", "tags"}');
    checkStringMap(b.tags, `/buckets/${i}/tags`);
  });
  ((seed.functions ?? []) as unknown[]).forEach((f, i) => {
    if (!isRecord(f) || typeof f.name !== 'string')
      throw new LocalSeedError(`/functions/${i}/name`, 'must be a string naming the function');
    for (const k of ['zip', 'handler', 'runtime', 'role'] as const) {
      if (f[k] !== undefined && typeof f[k] !== 'string')
        throw new LocalSeedError(`/functions/${i}/${k}`, 'must be a string');
    }
    for (const k of ['timeout', 'memorySize'] as const) {
      if (f[k] !== undefined && (typeof f[k] !== 'number' || f[k] <= 0))
        throw new LocalSeedError(`/functions/${i}/${k}`, 'must be a positive number');
    }
    checkStringMap(f.environment, `/functions/${i}/environment`);
    checkStringMap(f.tags, `/functions/${i}/tags`);
  });
  ((seed.stateMachines ?? []) as unknown[]).forEach((s, i) => {
    if (!isRecord(s) || typeof s.name !== 'string')
      throw new LocalSeedError(`/stateMachines/${i}/name`, 'must be a string naming the state machine');
    if (s.definitionFile !== undefined && typeof s.definitionFile !== 'string')
      throw new LocalSeedError(`/stateMachines/${i}/definitionFile`, 'must be a string');
    if (s.roleArn !== undefined && typeof s.roleArn !== 'string')
      throw new LocalSeedError(`/stateMachines/${i}/roleArn`, 'must be a string');
    if (s.type !== undefined && s.type !== 'STANDARD' && s.type !== 'EXPRESS')
      throw new LocalSeedError(`/stateMachines/${i}/type`, 'must be "STANDARD" or "EXPRESS"');
    checkStringMap(s.tags, `/stateMachines/${i}/tags`);
  });
  ((seed.queues ?? []) as unknown[]).forEach((q, i) => {
    if (typeof q === 'string') return;
    if (!isRecord(q) || typeof q.name !== 'string')
      throw new LocalSeedError(`/queues/${i}`, 'must be a queue name or {"name", "attributes"}');
    checkStringMap(q.attributes, `/queues/${i}/attributes`);
  });
  ((seed.topics ?? []) as unknown[]).forEach((t, i) => {
    if (typeof t === 'string') return;
    if (!isRecord(t) || typeof t.name !== 'string')
      throw new LocalSeedError(`/topics/${i}`, 'must be a topic name or {"name", "subscriptions"}');
    if (t.subscriptions === undefined) return;
    if (!Array.isArray(t.subscriptions)) throw new LocalSeedError(`/topics/${i}/subscriptions`, 'must be an array');
    (t.subscriptions as unknown[]).forEach((sub, j) => {
      if (typeof sub === 'string') return;
      if (!isRecord(sub) || typeof sub.queue !== 'string' || (sub.raw !== undefined && typeof sub.raw !== 'boolean'))
        throw new LocalSeedError(
          `/topics/${i}/subscriptions/${j}`,
          'must be a queue name or {"queue": "<name>", "raw": true|false}',
        );
    });
  });
  if (seed.dynamodb !== undefined) {
    const d = seed.dynamodb;
    if (!isRecord(d) || Object.keys(d).some((k) => k !== 'tables'))
      throw new LocalSeedError('/dynamodb', 'must be an object {"tables": [...]}');
    if (d.tables !== undefined && !Array.isArray(d.tables))
      throw new LocalSeedError('/dynamodb/tables', 'must be an array');
    ((d.tables ?? []) as unknown[]).forEach((t, i) => {
      if (!isRecord(t) || typeof t.TableName !== 'string')
        throw new LocalSeedError(`/dynamodb/tables/${i}/TableName`, 'must be a string naming the table');
      if (t.items !== undefined && (!Array.isArray(t.items) || t.items.some((x) => !isRecord(x))))
        throw new LocalSeedError(`/dynamodb/tables/${i}/items`, 'must be an array of items in DynamoDB JSON');
    });
  }
  return seed;
}

/**
 * Creates what a seed names and is missing; tags what exists. Throws {@link LocalSeedError} on a bad entry.
 * @internal
 */
export function applySeed(
  seed: LocalSeed,
  services: {
    s3: S3Service;
    lambda: LambdaService;
    sfn: SfnService;
    sqs: SqsService;
    sns: SnsService;
    dynamodb?: DynamoDbService;
    accountId: string;
    baseDir: string;
  },
): void {
  const { s3, lambda, sfn, sqs, sns, dynamodb, accountId, baseDir } = services;
  const region = seed.region ?? 'us-east-1';
  const defaultRole = `arn:aws:iam::${accountId}:role/step-local`;
  const wrap = (at: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof AwsServiceError)
        throw new LocalSeedError(at, `was refused: ${e.code}: ${e.message}`, { cause: e });
      throw e;
    }
  };
  (seed.buckets ?? []).forEach((b, i) => {
    const bucket = typeof b === 'string' ? { name: b } : b;
    wrap(`/buckets/${i}`, () => s3.createBucket(bucket.name, bucket.tags ?? {}));
  });
  (seed.queues ?? []).forEach((q, i) => {
    const queue = typeof q === 'string' ? { name: q } : q;
    wrap(`/queues/${i}`, () => sqs.createQueue(queue.name, queue.attributes ?? {}));
  });
  (seed.topics ?? []).forEach((t, i) => {
    const topic = typeof t === 'string' ? { name: t } : t;
    wrap(`/topics/${i}`, () => {
      const topicArn = sns.createTopic(topic.name, {}, region);
      (topic.subscriptions ?? []).forEach((sub, j) => {
        const { queue, raw } = typeof sub === 'string' ? { queue: sub, raw: false } : sub;
        if (!sqs.hasQueue(queue))
          throw new LocalSeedError(
            `/topics/${i}/subscriptions/${j}`,
            `names the queue "${queue}", which is not in "queues"`,
          );
        sns.subscribe(topicArn, 'sqs', sqs.queueArn(queue, region), raw === true ? { RawMessageDelivery: 'true' } : {});
      });
    });
  });
  (seed.functions ?? []).forEach((f, i) => {
    wrap(`/functions/${i}`, () => {
      if (lambda.has(f.name)) {
        if (f.tags !== undefined) lambda.tagFunction(f.name, f.tags);
        return;
      }
      let zip: Buffer;
      if (f.zip !== undefined) {
        try {
          zip = readFileSync(path.resolve(baseDir, f.zip));
        } catch (e) {
          throw new LocalSeedError(
            `/functions/${i}/zip`,
            `names "${f.zip}", which cannot be read (${(e as Error).message})`,
            { cause: e },
          );
        }
      } else {
        zip = createZip([
          {
            name: 'index.mjs',
            data: Buffer.from(
              `export const handler = async () => { const e = new Error('Function "${f.name}" has no code yet: deploy it (step-cli bootstrap or deploy).'); e.name = 'NoCodeDeployed'; throw e; };\n`,
            ),
          },
        ]);
      }
      lambda.createFunction(
        {
          FunctionName: f.name,
          Role: f.role ?? defaultRole,
          Handler: f.handler ?? 'index.handler',
          ...(f.runtime === undefined ? {} : { Runtime: f.runtime }),
          ...(f.timeout === undefined ? {} : { Timeout: f.timeout }),
          ...(f.memorySize === undefined ? {} : { MemorySize: f.memorySize }),
          Environment: { Variables: f.environment ?? {} },
          Tags: f.tags ?? {},
          zip,
        },
        region,
      );
    });
  });
  (seed.stateMachines ?? []).forEach((s, i) => {
    let definition = PLACEHOLDER_DEFINITION;
    if (s.definitionFile !== undefined) {
      try {
        definition = readFileSync(path.resolve(baseDir, s.definitionFile), 'utf8');
      } catch (e) {
        throw new LocalSeedError(
          `/stateMachines/${i}/definitionFile`,
          `names "${s.definitionFile}", which cannot be read (${(e as Error).message})`,
          { cause: e },
        );
      }
    } else if (s.definition !== undefined) {
      definition = typeof s.definition === 'string' ? s.definition : JSON.stringify(s.definition);
    }
    wrap(`/stateMachines/${i}`, () => {
      sfn.seedStateMachine(
        { name: s.name, definition, roleArn: s.roleArn ?? defaultRole, type: s.type ?? 'STANDARD', tags: s.tags ?? {} },
        region,
      );
    });
  });
  (seed.dynamodb?.tables ?? []).forEach((t, i) => {
    if (dynamodb === undefined || dynamodb.has(t.TableName)) return;
    const { items, ...definition } = t;
    wrap(`/dynamodb/tables/${i}`, () =>
      dynamodb.createTable({ BillingMode: 'PAY_PER_REQUEST', ...definition }, region, items ?? []),
    );
  });
}
