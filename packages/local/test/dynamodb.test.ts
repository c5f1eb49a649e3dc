import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { LocalServer } from '../src/index.js';
import { clientConfig, startServer } from './helpers.js';

let server: LocalServer;
let stop: () => Promise<void>;
let db: DynamoDBClient;

beforeAll(async () => {
  ({ server, stop } = await startServer());
  db = new DynamoDBClient(clientConfig(server));
  await db.send(
    new CreateTableCommand({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await db.send(
    new CreateTableCommand({
      TableName: 'events',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }),
  );
});

afterAll(async () => {
  db.destroy();
  await stop();
});

/** The error a command fails with (its name, as the SDK parses `__type`, and its message). */
async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the command to fail');
}

describe('DynamoDbService tables', () => {
  it('describes a created table as ACTIVE with its key schema and ARN', async () => {
    // Act
    const { Table } = await db.send(new DescribeTableCommand({ TableName: 'events' }));

    // Assess
    expect(Table).toMatchObject({
      TableName: 'events',
      TableStatus: 'ACTIVE',
      TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/events',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
  });

  it('lists tables in name order', async () => {
    const { TableNames } = await db.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(['events', 'orders']));
    expect(TableNames).toEqual([...TableNames!].sort());
  });

  it('refuses a second table of the same name with ResourceInUseException', async () => {
    const e = await failure(
      db.send(
        new CreateTableCommand({
          TableName: 'orders',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
    );
    expect(e).toEqual({ name: 'ResourceInUseException', message: 'Table already exists: orders', status: 400 });
  });

  it('answers ResourceNotFoundException for a table that does not exist', async () => {
    const e = await failure(db.send(new GetItemCommand({ TableName: 'nope', Key: { id: { S: 'a' } } })));
    expect(e).toEqual({ name: 'ResourceNotFoundException', message: 'Requested resource not found', status: 400 });
  });

  it('deletes a table', async () => {
    // Prepare
    await db.send(
      new CreateTableCommand({
        TableName: 'scratch',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    // Act
    const { TableDescription } = await db.send(new DeleteTableCommand({ TableName: 'scratch' }));

    // Assess
    expect(TableDescription?.TableStatus).toBe('DELETING');
    const e = await failure(db.send(new DescribeTableCommand({ TableName: 'scratch' })));
    expect(e.name).toBe('ResourceNotFoundException');
  });

  it('refuses a key schema whose attribute is not defined', async () => {
    const e = await failure(
      db.send(
        new CreateTableCommand({
          TableName: 'bad',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
    );
    expect(e.name).toBe('ValidationException');
    expect(e.message).toContain('Some index key attributes are not defined in AttributeDefinitions');
  });
});

describe('DynamoDbService items', () => {
  it('puts and gets an item of every attribute type, numbers in canonical form', async () => {
    // Prepare
    const item = {
      id: { S: 'all-types' },
      s: { S: 'text' },
      n: { N: '012.50' },
      b: { B: Buffer.from('bytes') },
      yes: { BOOL: true },
      nothing: { NULL: true },
      m: { M: { inner: { S: 'x' } } },
      l: { L: [{ N: '1' }, { S: 'two' }] },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.0'] },
      bs: { BS: [Buffer.from('x')] },
    };

    // Act
    await db.send(new PutItemCommand({ TableName: 'orders', Item: item }));
    const { Item } = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'all-types' } } }));

    // Assess
    expect(Item).toEqual({
      ...item,
      n: { N: '12.5' },
      b: { B: new Uint8Array(Buffer.from('bytes')) },
      ns: { NS: ['1', '2'] },
      bs: { BS: [new Uint8Array(Buffer.from('x'))] },
    });
  });

  it('answers no Item for a missing key', async () => {
    const res = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'missing' } } }));
    expect(res.Item).toBeUndefined();
  });

  it('refuses a key that does not match the schema', async () => {
    const e = await failure(db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { N: '1' } } })));
    expect(e).toEqual({
      name: 'ValidationException',
      message: 'The provided key element does not match the schema',
      status: 400,
    });
  });

  it('refuses an item without its key', async () => {
    const e = await failure(db.send(new PutItemCommand({ TableName: 'orders', Item: { other: { S: 'x' } } })));
    expect(e.message).toBe('One or more parameter values were invalid: Missing the key id in the item');
  });

  it('puts only when the condition holds, else ConditionalCheckFailedException', async () => {
    // Prepare
    const put = (): PutItemCommand =>
      new PutItemCommand({
        TableName: 'orders',
        Item: { id: { S: 'once' } },
        ConditionExpression: 'attribute_not_exists(id)',
      });
    await db.send(put());

    // Act
    const e = await failure(db.send(put()));

    // Assess
    expect(e).toEqual({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      status: 400,
    });
  });

  it('returns the old item with ReturnValues ALL_OLD', async () => {
    await db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'old' }, v: { N: '1' } } }));
    const res = await db.send(
      new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'old' }, v: { N: '2' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(res.Attributes).toEqual({ id: { S: 'old' }, v: { N: '1' } });
  });

  it('updates with SET arithmetic, if_not_exists, list_append, REMOVE, ADD and DELETE', async () => {
    // Prepare
    await db.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: {
          id: { S: 'upd' },
          count: { N: '0.1' },
          log: { L: [{ S: 'a' }] },
          draft: { BOOL: true },
          tags: { SS: ['x', 'y'] },
          labels: { SS: ['x', 'y'] },
        },
      }),
    );

    // Act
    const res = await db.send(
      new UpdateItemCommand({
        TableName: 'orders',
        Key: { id: { S: 'upd' } },
        UpdateExpression:
          'SET #c = #c + :p, created = if_not_exists(created, :now), log = list_append(log, :more) REMOVE draft ADD visits :one, tags :z DELETE labels :x',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: {
          ':p': { N: '0.2' },
          ':now': { S: '2026-12-02' },
          ':more': { L: [{ S: 'b' }] },
          ':one': { N: '1' },
          ':z': { SS: ['z'] },
          ':x': { SS: ['x'] },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );

    // Assess
    expect(res.Attributes).toEqual({
      id: { S: 'upd' },
      count: { N: '0.3' },
      created: { S: '2026-12-02' },
      log: { L: [{ S: 'a' }, { S: 'b' }] },
      visits: { N: '1' },
      tags: { SS: ['x', 'y', 'z'] },
      labels: { SS: ['y'] },
    });
  });

  it('deletes an item and returns it with ALL_OLD', async () => {
    await db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'gone' } } }));
    const res = await db.send(
      new DeleteItemCommand({ TableName: 'orders', Key: { id: { S: 'gone' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(res.Attributes).toEqual({ id: { S: 'gone' } });
    const after = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'gone' } } }));
    expect(after.Item).toBeUndefined();
  });

  it('writes and reads in batches', async () => {
    // Act
    await db.send(
      new BatchWriteItemCommand({
        RequestItems: {
          orders: [{ PutRequest: { Item: { id: { S: 'b1' } } } }, { PutRequest: { Item: { id: { S: 'b2' } } } }],
        },
      }),
    );
    const res = await db.send(
      new BatchGetItemCommand({
        RequestItems: { orders: { Keys: [{ id: { S: 'b1' } }, { id: { S: 'b2' } }, { id: { S: 'b3' } }] } },
      }),
    );

    // Assess
    expect(res.Responses?.orders).toEqual([{ id: { S: 'b1' } }, { id: { S: 'b2' } }]);
    expect(res.UnprocessedKeys).toEqual({});
  });
});

describe('DynamoDbService Query and Scan', () => {
  beforeAll(async () => {
    const writes = ['1', '2', '10', '11', '-3'].map((sk) => ({
      PutRequest: { Item: { pk: { S: 'p' }, sk: { N: sk }, even: { BOOL: Number(sk) % 2 === 0 } } },
    }));
    await db.send(
      new BatchWriteItemCommand({
        RequestItems: { events: [...writes, { PutRequest: { Item: { pk: { S: 'q' }, sk: { N: '1' } } } }] },
      }),
    );
  });

  const sks = (items: Record<string, { N?: string }>[] | undefined): string[] => (items ?? []).map((i) => i.sk!.N!);

  it('orders by the sort key numerically, forward and backward', async () => {
    const up = await db.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
      }),
    );
    const down = await db.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ScanIndexForward: false,
      }),
    );
    expect(sks(up.Items)).toEqual(['-3', '1', '2', '10', '11']);
    expect(sks(down.Items)).toEqual(['11', '10', '2', '1', '-3']);
  });

  it.each([
    ['sk = :a', { ':a': { N: '10' } }, ['10']],
    ['sk < :a', { ':a': { N: '2' } }, ['-3', '1']],
    ['sk <= :a', { ':a': { N: '2' } }, ['-3', '1', '2']],
    ['sk > :a', { ':a': { N: '2' } }, ['10', '11']],
    ['sk >= :a', { ':a': { N: '10' } }, ['10', '11']],
    ['sk BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { N: '10' } }, ['1', '2', '10']],
  ])('applies the sort key condition %s', async (condition, values, expected) => {
    const res = await db.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: `pk = :p AND ${condition}`,
        ExpressionAttributeValues: { ':p': { S: 'p' }, ...values },
      }),
    );
    expect(sks(res.Items)).toEqual(expected);
  });

  it('pages with Limit and ExclusiveStartKey, and filters after the limit', async () => {
    // Act
    const first = await db.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'even = :t',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':t': { BOOL: true } },
        Limit: 3,
      }),
    );
    const second = await db.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ExclusiveStartKey: first.LastEvaluatedKey,
      }),
    );

    // Assess
    expect(sks(first.Items)).toEqual(['2']);
    expect(first.ScannedCount).toBe(3);
    expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, sk: { N: '2' } });
    expect(sks(second.Items)).toEqual(['10', '11']);
    expect(second.LastEvaluatedKey).toBeUndefined();
  });

  it('scans the whole table with a filter and a projection', async () => {
    const res = await db.send(
      new ScanCommand({
        TableName: 'events',
        FilterExpression: 'sk = :one',
        ProjectionExpression: 'pk',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect(res.Items).toEqual([{ pk: { S: 'p' } }, { pk: { S: 'q' } }]);
    expect(res.ScannedCount).toBe(6);
  });

  it('refuses a query without the partition key', async () => {
    const e = await failure(
      db.send(
        new QueryCommand({
          TableName: 'events',
          KeyConditionExpression: 'sk = :a',
          ExpressionAttributeValues: { ':a': { N: '1' } },
        }),
      ),
    );
    expect(e).toMatchObject({ name: 'ValidationException', message: 'Query condition missed key schema element: pk' });
  });
});

describe('DynamoDbService errors and return values', () => {
  it('answers an operation outside the subset with a 400 UnknownOperationException', async () => {
    const e = await failure(
      db.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'orders', Item: { id: { S: 't' } } } }] }),
      ),
    );
    expect(e.name).toBe('UnknownOperationException');
    expect(e.status).toBe(400);
    expect(e.message).toContain('does not support the operation "TransactWriteItems"');
  });

  it('puts the namespaced error type on the wire, as DynamoDB does', async () => {
    // Act
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: JSON.stringify({ TableName: 'missing-table', Key: { id: { S: 'a' } } }),
    });

    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    });
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: '{"TableName":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#SerializationException');
  });

  it.each([
    [
      { ConditionExpression: 'id = :a', ExpressionAttributeValues: { ':a': { S: 'x' }, ':b': { S: 'y' } } },
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}',
    ],
    [
      {
        ConditionExpression: 'id = :a',
        ExpressionAttributeNames: { '#x': 'x' },
        ExpressionAttributeValues: { ':a': { S: 'x' } },
      },
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}',
    ],
    [
      { ConditionExpression: 'id = = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } },
      'Invalid ConditionExpression: Syntax error; token: "="',
    ],
    [{ Expected: { id: { Exists: false } } }, 'legacy parameter Expected; use ConditionExpression instead'],
    [{ ReturnValues: 'ALL_NEW' }, 'ReturnValues can only be ALL_OLD or NONE'],
  ])('refuses a PutItem with %j', async (extra, message) => {
    const e = await failure(
      db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'v' } }, ...extra } as never)),
    );
    expect(e.name).toBe('ValidationException');
    expect(e.message).toContain(message);
  });

  it('refuses an update of a key attribute', async () => {
    const e = await failure(
      db.send(
        new UpdateItemCommand({
          TableName: 'orders',
          Key: { id: { S: 'k' } },
          UpdateExpression: 'SET id = :v',
          ExpressionAttributeValues: { ':v': { S: 'other' } },
        }),
      ),
    );
    expect(e.message).toBe(
      'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
    );
  });

  it('answers UPDATED_OLD and UPDATED_NEW with only the updated attributes', async () => {
    // Prepare
    await db.send(
      new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'ret' }, a: { N: '1' }, b: { S: 'keep' } } }),
    );
    const send = (ReturnValues: 'UPDATED_OLD' | 'UPDATED_NEW') =>
      db.send(
        new UpdateItemCommand({
          TableName: 'orders',
          Key: { id: { S: 'ret' } },
          UpdateExpression: 'ADD a :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
          ReturnValues,
        }),
      );

    // Act
    const old = await send('UPDATED_OLD');
    const fresh = await send('UPDATED_NEW');

    // Assess
    expect(old.Attributes).toEqual({ a: { N: '1' } });
    expect(fresh.Attributes).toEqual({ a: { N: '3' } });
  });

  it('creates the item from its key on an UpdateItem of a missing item, unless the condition fails', async () => {
    // Act
    const created = await db.send(
      new UpdateItemCommand({
        TableName: 'orders',
        Key: { id: { S: 'upsert' } },
        UpdateExpression: 'SET n = :v',
        ExpressionAttributeValues: { ':v': { N: '5' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const refused = await failure(
      db.send(
        new UpdateItemCommand({
          TableName: 'orders',
          Key: { id: { S: 'never' } },
          UpdateExpression: 'SET n = :v',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':v': { N: '5' } },
        }),
      ),
    );

    // Assess
    expect(created.Attributes).toEqual({ id: { S: 'upsert' }, n: { N: '5' } });
    expect(refused.name).toBe('ConditionalCheckFailedException');
    const never = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'never' } } }));
    expect(never.Item).toBeUndefined();
  });

  it('projects GetItem with ProjectionExpression and names', async () => {
    await db.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { id: { S: 'proj' }, name: { S: 'n' }, deep: { M: { a: { S: 'x' }, b: { S: 'y' } } } },
      }),
    );
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: 'orders',
        Key: { id: { S: 'proj' } },
        ProjectionExpression: '#n, deep.b',
        ExpressionAttributeNames: { '#n': 'name' },
      }),
    );
    expect(Item).toEqual({ name: { S: 'n' }, deep: { M: { b: { S: 'y' } } } });
  });

  it('refuses BatchWriteItem with two writes of one key', async () => {
    const e = await failure(
      db.send(
        new BatchWriteItemCommand({
          RequestItems: {
            orders: [{ PutRequest: { Item: { id: { S: 'd' } } } }, { DeleteRequest: { Key: { id: { S: 'd' } } } }],
          },
        }),
      ),
    );
    expect(e.message).toBe('Provided list of item keys contains duplicates');
  });

  it('pages a Scan to the end with Limit', async () => {
    // Act
    const ids: string[] = [];
    let start: Record<string, never> | undefined;
    let pages = 0;
    do {
      const res = await db.send(new ScanCommand({ TableName: 'events', Limit: 4, ExclusiveStartKey: start }));
      ids.push(...(res.Items ?? []).map((i) => `${i.pk!.S}${i.sk!.N}`));
      start = res.LastEvaluatedKey as typeof start;
      pages += 1;
    } while (start !== undefined && pages < 10);

    // Assess
    expect(ids).toEqual(['p-3', 'p1', 'p2', 'p10', 'p11', 'q1']);
    expect(pages).toBe(2);
  });
});
