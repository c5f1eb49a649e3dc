import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { createLocalServer } from '../src/index.js';
import type { LocalSeed } from '../src/index.js';
import { clientConfig, tempDir } from './helpers.js';

const seed: LocalSeed = {
  dynamodb: {
    tables: [
      {
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        items: [{ id: { S: 'seeded' }, total: { N: '10.00' } }],
      },
    ],
  },
};

describe('DynamoDbService persistence', () => {
  it('answers a write the disk refuses with a 500 naming the file relative to the data directory, and keeps the item', async () => {
    // Prepare
    const temp = tempDir();
    const server = await createLocalServer({ port: 0, dataDir: temp.dir, seed });
    const db = new DynamoDBClient(clientConfig(server));
    const tables = path.join(temp.dir, 'dynamodb', 'tables');
    // A file where the folder was: no write into it can succeed, even as root.
    rmSync(tables, { recursive: true, force: true });
    writeFileSync(tables, 'in the way');

    // Act
    const refused = await db
      .send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'seeded' }, total: { N: '99' } } }))
      .then(
        () => undefined,
        (e: unknown) => e as { name: string; message: string; $metadata?: { httpStatusCode?: number } },
      );
    rmSync(tables);
    mkdirSync(tables);
    const { Item } = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'seeded' } } }));
    db.destroy();
    await server.close();
    temp.remove();

    // Assess
    expect(refused).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    expect(refused?.message).toContain('dynamodb/tables/orders.json');
    expect(refused?.message).not.toContain(temp.dir);
    expect(Item).toEqual({ id: { S: 'seeded' }, total: { N: '10' } });
  });

  it('keeps tables and items across a restart on the same data directory', async () => {
    // Prepare
    const temp = tempDir();
    const first = await createLocalServer({ port: 0, dataDir: temp.dir });
    const db1 = new DynamoDBClient(clientConfig(first));
    await db1.send(
      new CreateTableCommand({
        TableName: 'kept',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await db1.send(new PutItemCommand({ TableName: 'kept', Item: { id: { S: 'a' }, n: { N: '1' } } }));
    db1.destroy();
    await first.close();

    // Act
    const second = await createLocalServer({ port: 0, dataDir: temp.dir });
    const db2 = new DynamoDBClient(clientConfig(second));
    const { Item } = await db2.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'a' } } }));
    db2.destroy();
    await second.close();
    temp.remove();

    // Assess
    expect(Item).toEqual({ id: { S: 'a' }, n: { N: '1' } });
  });

  it('creates seeded tables with their items once; a restart with the same seed keeps later writes', async () => {
    // Prepare
    const temp = tempDir();
    const first = await createLocalServer({ port: 0, dataDir: temp.dir, seed });
    const db1 = new DynamoDBClient(clientConfig(first));
    const seeded = await db1.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'seeded' } } }));
    await db1.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'later' } } }));
    db1.destroy();
    await first.close();

    // Act
    const second = await createLocalServer({ port: 0, dataDir: temp.dir, seed });
    const db2 = new DynamoDBClient(clientConfig(second));
    const { Items } = await db2.send(new ScanCommand({ TableName: 'orders' }));
    db2.destroy();
    await second.close();
    temp.remove();

    // Assess
    expect(seeded.Item).toEqual({ id: { S: 'seeded' }, total: { N: '10' } });
    expect(Items?.map((i) => i.id!.S).sort()).toEqual(['later', 'seeded']);
  });

  it('reports a corrupt table file and serves the rest', async () => {
    // Prepare
    const temp = tempDir();
    const first = await createLocalServer({ port: 0, dataDir: temp.dir, seed });
    await first.close();
    writeFileSync(path.join(temp.dir, 'dynamodb/tables/broken.json'), '{"not":');
    const reports: string[] = [];

    // Act
    const second = await createLocalServer({ port: 0, dataDir: temp.dir, report: (m) => reports.push(m) });
    const db = new DynamoDBClient(clientConfig(second));
    const { Item } = await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'seeded' } } }));
    db.destroy();
    await second.close();
    temp.remove();

    // Assess
    expect(reports).toEqual([expect.stringContaining('dynamodb/tables/broken.json')]);
    expect(Item?.id).toEqual({ S: 'seeded' });
  });

  it('refuses a seed item without the table key, naming the entry', async () => {
    const bad: LocalSeed = {
      dynamodb: { tables: [{ ...seed.dynamodb!.tables![0]!, items: [{ other: { S: 'x' } }] }] },
    };
    await expect(createLocalServer({ port: 0, seed: bad })).rejects.toThrow(
      'Seed /dynamodb/tables/0 was refused: ValidationException: One or more parameter values were invalid: Missing the key id in the item',
    );
  });
});
