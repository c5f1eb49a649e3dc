import { createHash, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../AwsServiceError.js';
import { header, jsonResponse, parseJsonBody } from '../http.js';
import type { LocalRequest, LocalResponse } from '../http.js';
import type { LocalStore } from '../LocalStore.js';
import { errorResponse } from '../protocol/errorResponse.js';
import { checkItem, checkValue, compareValues, itemSize, typeOf } from './attributeValue.js';
import type { AttributeValue, Item } from './attributeValue.js';
import type { Condition, Operand, Path } from './expressions/ast.js';
import { applyUpdate, evaluateCondition, getPath, project } from './expressions/evaluate.js';
import { createPlaceholders, parseCondition, parseProjection, parseUpdate } from './expressions/parse.js';
import type { Placeholders } from './expressions/parse.js';
import { checkKey, compareKeys, isKeyAttribute, keyOfItem, keyString } from './keySchema.js';
import type { KeyAttribute, KeySchema } from './keySchema.js';
import { describeWriteFailure } from '../store/describeWriteFailure.js';

/**
 * A table to create: what CreateTable and the seed's `dynamodb.tables` give.
 * @internal
 */
export interface TableDefinition {
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

/** The record of a table on disk: its definition, identity and items. */
interface TableFile {
  definition: TableDefinition;
  arn: string;
  id: string;
  creationDateTime: number;
  items: Item[];
}

interface Table {
  definition: TableDefinition;
  schema: KeySchema;
  arn: string;
  id: string;
  creationDateTime: number;
  items: Map<string, Item>;
}

/** DynamoDB's item size limit. */
const MAX_ITEM_BYTES = 400 * 1024;
const TABLE_NAME = /^[a-zA-Z0-9_.-]+$/;
const OPERATIONS = [
  'CreateTable',
  'DescribeTable',
  'ListTables',
  'DeleteTable',
  'PutItem',
  'GetItem',
  'UpdateItem',
  'DeleteItem',
  'BatchGetItem',
  'BatchWriteItem',
  'Query',
  'Scan',
] as const;
/** Parameters of the legacy API (before expressions), refused with the expression to use instead. */
const LEGACY: Record<string, string> = {
  Expected: 'ConditionExpression',
  AttributeUpdates: 'UpdateExpression',
  AttributesToGet: 'ProjectionExpression',
  KeyConditions: 'KeyConditionExpression',
  QueryFilter: 'FilterExpression',
  ScanFilter: 'FilterExpression',
  ConditionalOperator: 'ConditionExpression or FilterExpression',
};

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function notFound(): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', 'Requested resource not found');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsServiceError('SerializationException', `${field} must be a string`);
  return v;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const v = optionalString(body, field);
  if (v === undefined)
    throw invalid(
      `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

function checkTableName(name: string, field = 'tableName'): void {
  if (name.length < 3 || name.length > 255)
    throw invalid(
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must have length ${name.length < 3 ? 'greater than or equal to 3' : 'less than or equal to 255'}`,
    );
  if (!TABLE_NAME.test(name))
    throw invalid(
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
    );
}

/**
 * Checks a table definition (CreateTable's parameters or a seed entry) as DynamoDB does and answers its key schema.
 * @internal
 */
export function checkTableDefinition(raw: Record<string, unknown>): { definition: TableDefinition; schema: KeySchema } {
  const name = requiredString(raw, 'TableName');
  checkTableName(name);
  for (const field of ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes'])
    if (raw[field] !== undefined)
      throw invalid(
        `step-cli local does not support secondary indexes (${field}); create the table without them, and Query the table's own key`,
      );
  const keySchema = raw.KeySchema;
  if (!Array.isArray(keySchema) || keySchema.length < 1 || keySchema.length > 2)
    throw invalid(
      "1 validation error detected: Value at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2 and greater than or equal to 1",
    );
  const defs = raw.AttributeDefinitions;
  if (!Array.isArray(defs))
    throw invalid(
      "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null",
    );
  const types = new Map<string, string>();
  for (const d of defs) {
    if (!isRecord(d) || typeof d.AttributeName !== 'string' || !['S', 'N', 'B'].includes(d.AttributeType as string))
      throw invalid(
        "1 validation error detected: Value at 'attributeDefinitions' failed to satisfy constraint: each member needs AttributeName and AttributeType S, N or B",
      );
    types.set(d.AttributeName, d.AttributeType as string);
  }
  const keys: KeyAttribute[] = [];
  keySchema.forEach((k, i) => {
    const expected = i === 0 ? 'HASH' : 'RANGE';
    if (!isRecord(k) || typeof k.AttributeName !== 'string' || k.KeyType !== expected)
      throw invalid(
        i === 0
          ? 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type'
          : 'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
      );
    const type = types.get(k.AttributeName);
    if (type === undefined)
      throw invalid(
        `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keySchema.map((x) => (x as { AttributeName: string }).AttributeName).join(', ')}], AttributeDefinitions: [${[...types.keys()].join(', ')}]`,
      );
    keys.push({ name: k.AttributeName, type: type as KeyAttribute['type'] });
  });
  if (keys.length === 2 && keys[0]!.name === keys[1]!.name)
    throw invalid('Invalid KeySchema: Some index key attribute have no definition');
  if (types.size !== keys.length)
    throw invalid(
      `One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
    );
  const billing = raw.BillingMode ?? 'PROVISIONED';
  if (billing !== 'PROVISIONED' && billing !== 'PAY_PER_REQUEST')
    throw invalid(
      `1 validation error detected: Value '${JSON.stringify(billing)}' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]`,
    );
  const pt = raw.ProvisionedThroughput;
  if (
    billing === 'PROVISIONED' &&
    !(isRecord(pt) && typeof pt.ReadCapacityUnits === 'number' && typeof pt.WriteCapacityUnits === 'number')
  )
    throw invalid(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  if (billing === 'PAY_PER_REQUEST' && pt !== undefined)
    throw invalid(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  const definition: TableDefinition = {
    TableName: name,
    KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    BillingMode: billing,
    ...(billing === 'PROVISIONED'
      ? {
          ProvisionedThroughput: {
            ReadCapacityUnits: (pt as { ReadCapacityUnits: number }).ReadCapacityUnits,
            WriteCapacityUnits: (pt as { WriteCapacityUnits: number }).WriteCapacityUnits,
          },
        }
      : {}),
  };
  return { definition, schema: { hash: keys[0]!, ...(keys[1] === undefined ? {} : { range: keys[1] }) } };
}

function isTableFile(v: unknown): v is TableFile {
  const r = v as Partial<TableFile> | null;
  return (
    isRecord(r) &&
    isRecord(r.definition) &&
    typeof r.arn === 'string' &&
    typeof r.id === 'string' &&
    typeof r.creationDateTime === 'number' &&
    Array.isArray(r.items)
  );
}

/** The request's placeholders, checked; `check()` refuses the unused ones as DynamoDB does. */
function placeholders(body: Record<string, unknown>): Placeholders & { check: () => void } {
  const rawNames = body.ExpressionAttributeNames;
  const rawValues = body.ExpressionAttributeValues;
  if (rawNames !== undefined && (!isRecord(rawNames) || Object.values(rawNames).some((v) => typeof v !== 'string')))
    throw new AwsServiceError('SerializationException', 'ExpressionAttributeNames must be a map of strings');
  if (rawValues !== undefined && !isRecord(rawValues))
    throw new AwsServiceError('SerializationException', 'ExpressionAttributeValues must be a map of attribute values');
  if (rawNames !== undefined && Object.keys(rawNames).length === 0)
    throw invalid('ExpressionAttributeNames must not be empty');
  if (rawValues !== undefined && Object.keys(rawValues).length === 0)
    throw invalid('ExpressionAttributeValues must not be empty');
  const values: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(rawValues ?? {})) {
    try {
      values[k] = checkValue(v);
    } catch (e) {
      if (e instanceof AwsServiceError)
        throw invalid(`ExpressionAttributeValues contains invalid value: ${e.message} for key ${k}`);
      throw e;
    }
  }
  const ctx = createPlaceholders(rawNames as Record<string, string> | undefined, values);
  return {
    ...ctx,
    check: () => {
      const names = Object.keys(ctx.names).filter((n) => !ctx.usedNames.has(n));
      if (names.length > 0)
        throw invalid(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`);
      const vals = Object.keys(ctx.values).filter((n) => !ctx.usedValues.has(n));
      if (vals.length > 0)
        throw invalid(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${vals.join(', ')}}`);
    },
  };
}

function refuseLegacy(body: Record<string, unknown>): void {
  for (const [field, instead] of Object.entries(LEGACY))
    if (body[field] !== undefined)
      throw invalid(`step-cli local does not support the legacy parameter ${field}; use ${instead} instead`);
}

function checkReturnValues(body: Record<string, unknown>, allowed: readonly string[]): string {
  const v = optionalString(body, 'ReturnValues') ?? 'NONE';
  if (!allowed.includes(v)) {
    if (allowed.length === 2) throw invalid('ReturnValues can only be ALL_OLD or NONE');
    throw invalid(
      `1 validation error detected: Value '${v}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return v;
}

function checkLimit(body: Record<string, unknown>): number | undefined {
  const v = body.Limit;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw invalid(
      `1 validation error detected: Value '${JSON.stringify(v)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  return v;
}

function conditionFailed(): AwsServiceError {
  return new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed');
}

/** DynamoDB's answer when the server cannot write its data directory (the file named relative to it, never absolute). */
function diskFailure(rel: string, e: unknown): AwsServiceError {
  return new AwsServiceError(
    'InternalServerError',
    `Internal server error (step-cli local ${describeWriteFailure(rel, e)})`,
    500,
  );
}

/** The top-level attribute names a condition reads. */
function topLevelNames(c: Condition): string[] {
  const ofOperand = (o: Operand): string[] => {
    const path = o.kind === 'path' ? o : o.kind === 'size' ? o.path : undefined;
    const first = path?.elements[0];
    return first !== undefined && 'name' in first ? [first.name] : [];
  };
  switch (c.kind) {
    case 'and':
    case 'or':
      return [...topLevelNames(c.left), ...topLevelNames(c.right)];
    case 'not':
      return topLevelNames(c.condition);
    case 'compare':
      return [...ofOperand(c.left), ...ofOperand(c.right)];
    case 'between':
      return [c.operand, c.low, c.high].flatMap(ofOperand);
    case 'in':
      return [c.operand, ...c.list].flatMap(ofOperand);
    case 'attribute_type':
      return [...ofOperand(c.path), ...ofOperand(c.type)];
    case 'begins_with':
    case 'contains':
      return [...ofOperand(c.path), ...ofOperand(c.operand)];
    default:
      return ofOperand(c.path);
  }
}

/** A parsed KeyConditionExpression: the partition key value and the sort key condition, if any. */
interface KeyCondition {
  hash: AttributeValue;
  range?: (v: AttributeValue) => boolean;
}

/**
 * The built-in DynamoDB of `step-cli local` (AWS JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`):
 * tables, item operations, Query and Scan on the table's key, condition, update, filter and projection
 * expressions, in memory and persisted to the data directory (one file per table).
 *
 * @remarks
 * Each write first writes the table's whole file atomically ({@link LocalStore}) and only then changes memory,
 * so a failed write changes nothing; the cost of a write grows with the table, which suits test-sized tables.
 * Errors are DynamoDB's, with its texts (`ConditionalCheckFailedException`, `ValidationException`,
 * `ResourceNotFoundException`); an operation outside the subset gets a 400 `UnknownOperationException`.
 * @internal
 */
export class DynamoDbService {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #tables = new Map<string, Table>();

  /**
   * Loads the tables of the data directory; a file that is not a table record is reported (by its path relative
   * to the data directory) and skipped, never deleted.
   */
  constructor(store: LocalStore, accountId: string, report: (message: string) => void = () => undefined) {
    this.#store = store;
    this.#accountId = accountId;
    for (const entry of store.list('dynamodb/tables')) {
      const at = `dynamodb/tables/${entry}`;
      const record = store.readJson<unknown>(at);
      try {
        if (!isTableFile(record)) throw new Error('not a table record');
        const { definition, schema } = checkTableDefinition(record.definition as unknown as Record<string, unknown>);
        const items = new Map<string, Item>();
        for (const item of record.items) {
          const checked = checkItem(item);
          items.set(keyString(keyOfItem(checked, schema), schema), checked);
        }
        this.#tables.set(definition.TableName, { ...record, definition, schema, items });
      } catch {
        report(`${at} is empty, not JSON or not a table record: that table is not served (the file is kept)`);
      }
    }
  }

  /** Whether a table exists. */
  has(name: string): boolean {
    return this.#tables.has(name);
  }

  /**
   * Creates a table (CreateTable, the seed); throws `ResourceInUseException` when it exists.
   *
   * @example
   * ```ts
   * dynamodb.createTable({ TableName: 'orders', KeySchema: [...], AttributeDefinitions: [...] }, 'us-east-1');
   * ```
   */
  createTable(raw: Record<string, unknown>, region: string, items: readonly unknown[] = []): Record<string, unknown> {
    const { definition, schema } = checkTableDefinition(raw);
    if (this.#tables.has(definition.TableName))
      throw new AwsServiceError('ResourceInUseException', `Table already exists: ${definition.TableName}`);
    const table: Table = {
      definition,
      schema,
      arn: `arn:aws:dynamodb:${region}:${this.#accountId}:table/${definition.TableName}`,
      id: randomUUID(),
      creationDateTime: Date.now(),
      items: new Map(),
    };
    for (const raw of items) {
      const item = checkItem(raw);
      table.items.set(keyString(keyOfItem(item, schema), schema), item);
    }
    this.#commit(table, table.items);
    this.#tables.set(definition.TableName, table);
    return this.#describe(table);
  }

  handle(req: LocalRequest): LocalResponse {
    const target = header(req.headers, 'x-amz-target') ?? '';
    const op = target.startsWith('DynamoDB_20120810.') ? target.slice('DynamoDB_20120810.'.length) : target;
    try {
      const body = parseJsonBody(req.body);
      if (body === undefined)
        throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected');
      const result = this.#dispatch(op, body, req.region);
      return jsonResponse(200, result, 'application/x-amz-json-1.0', { 'x-amzn-requestid': req.requestId });
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('dynamodb', e, req);
    }
  }

  #dispatch(op: string, body: Record<string, unknown>, region: string): unknown {
    switch (op as (typeof OPERATIONS)[number]) {
      case 'CreateTable':
        return { TableDescription: this.createTable(body, region) };
      case 'DescribeTable':
        return { Table: this.#describe(this.#describedTable(body)) };
      case 'DeleteTable': {
        const table = this.#describedTable(body);
        this.#store.remove(`dynamodb/tables/${table.definition.TableName}.json`);
        this.#tables.delete(table.definition.TableName);
        return { TableDescription: { ...this.#describe(table), TableStatus: 'DELETING' } };
      }
      case 'ListTables':
        return this.#listTables(body);
      case 'PutItem':
        return this.#putItem(body);
      case 'GetItem':
        return this.#getItem(body);
      case 'UpdateItem':
        return this.#updateItem(body);
      case 'DeleteItem':
        return this.#deleteItem(body);
      case 'BatchGetItem':
        return this.#batchGet(body);
      case 'BatchWriteItem':
        return this.#batchWrite(body);
      case 'Query':
        return this.#query(body);
      case 'Scan':
        return this.#scan(body);
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `step-cli local's DynamoDB does not support the operation "${op}"; it supports ${OPERATIONS.join(', ')}`,
        );
    }
  }

  #describedTable(body: Record<string, unknown>): Table {
    const name = requiredString(body, 'TableName');
    const table = this.#tables.get(name);
    if (table === undefined)
      throw new AwsServiceError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
    return table;
  }

  #table(body: Record<string, unknown>, field = 'TableName'): Table {
    const name = requiredString(body, field);
    checkTableName(name);
    const table = this.#tables.get(name);
    if (table === undefined) throw notFound();
    return table;
  }

  #describe(t: Table): Record<string, unknown> {
    let size = 0;
    for (const item of t.items.values()) size += itemSize(item);
    const pt = t.definition.ProvisionedThroughput;
    return {
      AttributeDefinitions: t.definition.AttributeDefinitions,
      TableName: t.definition.TableName,
      KeySchema: t.definition.KeySchema,
      TableStatus: 'ACTIVE',
      CreationDateTime: t.creationDateTime / 1000,
      ProvisionedThroughput: {
        NumberOfDecreasesToday: 0,
        ReadCapacityUnits: pt?.ReadCapacityUnits ?? 0,
        WriteCapacityUnits: pt?.WriteCapacityUnits ?? 0,
      },
      TableSizeBytes: size,
      ItemCount: t.items.size,
      TableArn: t.arn,
      TableId: t.id,
      ...(t.definition.BillingMode === 'PAY_PER_REQUEST'
        ? {
            BillingModeSummary: {
              BillingMode: 'PAY_PER_REQUEST',
              LastUpdateToPayPerRequestDateTime: t.creationDateTime / 1000,
            },
          }
        : {}),
      DeletionProtectionEnabled: false,
    };
  }

  /** Writes the table with its new items, then (only when the write succeeded) makes them current. */
  #commit(table: Table, items: Map<string, Item>): void {
    const record: TableFile = {
      definition: table.definition,
      arn: table.arn,
      id: table.id,
      creationDateTime: table.creationDateTime,
      items: [...items.values()],
    };
    const rel = `dynamodb/tables/${table.definition.TableName}.json`;
    try {
      this.#store.writeJson(rel, record);
    } catch (e) {
      throw diskFailure(rel, e);
    }
    table.items = items;
  }

  #listTables(body: Record<string, unknown>): unknown {
    const start = optionalString(body, 'ExclusiveStartTableName');
    const limit = checkLimit(body) ?? 100;
    if (limit > 100)
      throw invalid(
        `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`,
      );
    const names = [...this.#tables.keys()].sort().filter((n) => start === undefined || n > start);
    const page = names.slice(0, limit);
    return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
  }

  #condition(
    body: Record<string, unknown>,
    ctx: Placeholders,
    field: 'ConditionExpression' | 'FilterExpression',
  ): Condition | undefined {
    const text = optionalString(body, field);
    return text === undefined ? undefined : parseCondition(text, field, ctx);
  }

  #projection(body: Record<string, unknown>, ctx: Placeholders): Path[] | undefined {
    const text = optionalString(body, 'ProjectionExpression');
    return text === undefined ? undefined : parseProjection(text, ctx);
  }

  #checkSize(item: Item): void {
    if (itemSize(item) > MAX_ITEM_BYTES) throw invalid('Item size has exceeded the maximum allowed size');
  }

  #putItem(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    const item = checkItem(body.Item);
    const key = keyString(keyOfItem(item, table.schema), table.schema);
    const returnValues = checkReturnValues(body, ['NONE', 'ALL_OLD']);
    const ctx = placeholders(body);
    const condition = this.#condition(body, ctx, 'ConditionExpression');
    ctx.check();
    this.#checkSize(item);
    const old = table.items.get(key);
    if (condition !== undefined && !evaluateCondition(condition, old ?? {}, 'ConditionExpression'))
      throw conditionFailed();
    const items = new Map(table.items);
    items.set(key, item);
    this.#commit(table, items);
    return returnValues === 'ALL_OLD' && old !== undefined ? { Attributes: old } : {};
  }

  #getItem(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    const key = checkKey(checkItem(body.Key, 'Key'), table.schema);
    const ctx = placeholders(body);
    const projection = this.#projection(body, ctx);
    ctx.check();
    const item = table.items.get(keyString(key, table.schema));
    if (item === undefined) return {};
    return { Item: projection === undefined ? item : project(item, projection) };
  }

  #deleteItem(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    const key = keyString(checkKey(checkItem(body.Key, 'Key'), table.schema), table.schema);
    const returnValues = checkReturnValues(body, ['NONE', 'ALL_OLD']);
    const ctx = placeholders(body);
    const condition = this.#condition(body, ctx, 'ConditionExpression');
    ctx.check();
    const old = table.items.get(key);
    if (condition !== undefined && !evaluateCondition(condition, old ?? {}, 'ConditionExpression'))
      throw conditionFailed();
    if (old !== undefined) {
      const items = new Map(table.items);
      items.delete(key);
      this.#commit(table, items);
    }
    return returnValues === 'ALL_OLD' && old !== undefined ? { Attributes: old } : {};
  }

  #updateItem(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    const key = checkKey(checkItem(body.Key, 'Key'), table.schema);
    const id = keyString(key, table.schema);
    const returnValues = checkReturnValues(body, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
    const ctx = placeholders(body);
    const text = optionalString(body, 'UpdateExpression');
    const actions = text === undefined ? [] : parseUpdate(text, ctx);
    const condition = this.#condition(body, ctx, 'ConditionExpression');
    ctx.check();
    for (const a of actions) {
      const first = a.path.elements[0]!;
      if ('name' in first && isKeyAttribute(first.name, table.schema))
        throw invalid(
          `One or more parameter values were invalid: Cannot update attribute ${first.name}. This attribute is part of the key`,
        );
    }
    const old = table.items.get(id);
    if (condition !== undefined && !evaluateCondition(condition, old ?? {}, 'ConditionExpression'))
      throw conditionFailed();
    const updated = applyUpdate(old ?? key, actions);
    this.#checkSize(updated);
    const items = new Map(table.items);
    items.set(id, updated);
    this.#commit(table, items);
    const paths = actions.map((a) => a.path);
    let attributes: Item | undefined;
    if (returnValues === 'ALL_OLD') attributes = old;
    else if (returnValues === 'ALL_NEW') attributes = updated;
    else if (returnValues === 'UPDATED_OLD') attributes = old === undefined ? undefined : project(old, paths);
    else if (returnValues === 'UPDATED_NEW') attributes = project(updated, paths);
    return attributes === undefined || Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
  }

  #batchGet(body: Record<string, unknown>): unknown {
    const request = body.RequestItems;
    if (!isRecord(request) || Object.keys(request).length === 0)
      throw invalid(
        "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    let count = 0;
    const plans: { name: string; table: Table; keys: Item[]; projection: Path[] | undefined }[] = [];
    for (const [name, spec] of Object.entries(request)) {
      if (!isRecord(spec) || !Array.isArray(spec.Keys) || spec.Keys.length === 0)
        throw invalid(
          `1 validation error detected: Value at 'requestItems.${name}.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      refuseLegacy(spec);
      const table = this.#table({ TableName: name });
      const keys = spec.Keys.map((k) => checkKey(checkItem(k, 'Key'), table.schema));
      const ids = new Set(keys.map((k) => keyString(k, table.schema)));
      if (ids.size !== keys.length) throw invalid('Provided list of item keys contains duplicates');
      const ctx = placeholders(spec);
      const projection = this.#projection(spec, ctx);
      ctx.check();
      count += keys.length;
      plans.push({ name, table, keys, projection });
    }
    if (count > 100) throw invalid('Too many items requested for the BatchGetItem call');
    const responses: Record<string, Item[]> = {};
    for (const p of plans) {
      responses[p.name] = p.keys.flatMap((k) => {
        const item = p.table.items.get(keyString(k, p.table.schema));
        if (item === undefined) return [];
        return [p.projection === undefined ? item : project(item, p.projection)];
      });
    }
    return { Responses: responses, UnprocessedKeys: {} };
  }

  #batchWrite(body: Record<string, unknown>): unknown {
    const request = body.RequestItems;
    if (!isRecord(request) || Object.keys(request).length === 0)
      throw invalid(
        "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    let count = 0;
    const plans: { table: Table; items: Map<string, Item> }[] = [];
    for (const [name, writes] of Object.entries(request)) {
      if (!Array.isArray(writes) || writes.length === 0)
        throw invalid(
          `1 validation error detected: Value at 'requestItems.${name}.member' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      const table = this.#table({ TableName: name });
      const items = new Map(table.items);
      const seen = new Set<string>();
      for (const w of writes) {
        const put = isRecord(w) && isRecord(w.PutRequest) ? w.PutRequest : undefined;
        const del = isRecord(w) && isRecord(w.DeleteRequest) ? w.DeleteRequest : undefined;
        if ((put === undefined) === (del === undefined))
          throw invalid(
            'One or more parameter values were invalid: each WriteRequest must have exactly one of PutRequest or DeleteRequest',
          );
        let id: string;
        if (put !== undefined) {
          const item = checkItem(put.Item);
          id = keyString(keyOfItem(item, table.schema), table.schema);
          this.#checkSize(item);
          items.set(id, item);
        } else {
          id = keyString(checkKey(checkItem(del!.Key, 'Key'), table.schema), table.schema);
          items.delete(id);
        }
        if (seen.has(id)) throw invalid('Provided list of item keys contains duplicates');
        seen.add(id);
      }
      count += writes.length;
      plans.push({ table, items });
    }
    if (count > 25)
      throw invalid(
        "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]",
      );
    for (const p of plans) this.#commit(p.table, p.items);
    return { UnprocessedItems: {} };
  }

  #keyCondition(text: string, table: Table, ctx: Placeholders): KeyCondition {
    const c = parseCondition(text, 'KeyConditionExpression', ctx);
    const parts: Condition[] = [];
    const flatten = (x: Condition): void => {
      if (x.kind === 'and') {
        flatten(x.left);
        flatten(x.right);
      } else if (x.kind === 'or' || x.kind === 'not')
        throw invalid(`Invalid operator used in KeyConditionExpression: ${x.kind.toUpperCase()}`);
      else parts.push(x);
    };
    flatten(c);
    if (parts.length > 2) throw invalid('KeyConditionExpressions must only contain one condition per key');
    const keyName = (o: Operand): string | undefined => {
      const first = o.kind === 'path' && o.elements.length === 1 ? o.elements[0] : undefined;
      return first !== undefined && 'name' in first ? first.name : undefined;
    };
    const value = (o: Operand, attr: KeyAttribute): AttributeValue => {
      if (o.kind !== 'value')
        throw invalid('Invalid KeyConditionExpression: the right side of a key condition must be a :value');
      if (typeOf(o.value) !== attr.type)
        throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
      return o.value;
    };
    let hash: AttributeValue | undefined;
    let range: ((v: AttributeValue) => boolean) | undefined;
    for (const p of parts) {
      let name: string | undefined;
      let test: ((v: AttributeValue) => boolean) | undefined;
      let isEquality = false;
      let attr: KeyAttribute | undefined;
      const attrOf = (n: string | undefined): KeyAttribute | undefined =>
        n === table.schema.hash.name
          ? table.schema.hash
          : n === table.schema.range?.name
            ? table.schema.range
            : undefined;
      if (p.kind === 'compare' && p.op !== '<>') {
        let { left, right, op } = p;
        if (keyName(left) === undefined && keyName(right) !== undefined) {
          [left, right] = [right, left];
          op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const)[op];
        }
        name = keyName(left);
        attr = attrOf(name);
        if (attr === undefined) throw invalid(`Query condition missed key schema element: ${table.schema.hash.name}`);
        const v = value(right, attr);
        isEquality = op === '=';
        test = (x) => {
          const o = compareValues(x, v);
          if (o === undefined) return false;
          return op === '=' ? o === 0 : op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
        };
        if (isEquality && attr === table.schema.hash) hash = v;
      } else if (p.kind === 'between') {
        name = keyName(p.operand);
        attr = attrOf(name);
        if (attr === undefined) throw invalid(`Query condition missed key schema element: ${table.schema.hash.name}`);
        const low = value(p.low, attr);
        const high = value(p.high, attr);
        if ((compareValues(low, high) ?? 0) > 0)
          throw invalid(
            'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
          );
        test = (x) => (compareValues(x, low) ?? -1) >= 0 && (compareValues(x, high) ?? 1) <= 0;
      } else if (p.kind === 'begins_with') {
        name = keyName(p.path);
        attr = attrOf(name);
        if (attr === undefined) throw invalid(`Query condition missed key schema element: ${table.schema.hash.name}`);
        if (attr.type === 'N')
          throw invalid(
            'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
          );
        const prefix = value(p.operand, attr);
        test = (x) =>
          evaluateCondition(
            {
              kind: 'begins_with',
              path: { kind: 'path', elements: [{ name: 'v' }] },
              operand: { kind: 'value', name: ':p', value: prefix },
            },
            { v: x },
            'KeyConditionExpression',
          );
      } else {
        throw invalid(`Invalid operator used in KeyConditionExpression: ${p.kind === 'compare' ? p.op : p.kind}`);
      }
      if (attr === table.schema.hash) {
        if (!isEquality) throw invalid('Query key condition not supported');
      } else if (range !== undefined) throw invalid('KeyConditionExpressions must only contain one condition per key');
      else range = test;
    }
    if (hash === undefined) throw invalid(`Query condition missed key schema element: ${table.schema.hash.name}`);
    return range === undefined ? { hash } : { hash, range };
  }

  #page(
    body: Record<string, unknown>,
    table: Table,
    candidates: Item[],
    ctx: Placeholders & { check: () => void },
    forward: boolean,
    isQuery = false,
  ): unknown {
    const filter = this.#condition(body, ctx, 'FilterExpression');
    const keyInFilter =
      isQuery && filter !== undefined ? topLevelNames(filter).find((n) => isKeyAttribute(n, table.schema)) : undefined;
    if (keyInFilter !== undefined)
      throw invalid(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${keyInFilter}`,
      );
    const projection = this.#projection(body, ctx);
    ctx.check();
    const select =
      optionalString(body, 'Select') ?? (projection === undefined ? 'ALL_ATTRIBUTES' : 'SPECIFIC_ATTRIBUTES');
    if (!['ALL_ATTRIBUTES', 'COUNT', 'SPECIFIC_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'].includes(select))
      throw invalid(
        `1 validation error detected: Value '${select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]`,
      );
    if (select === 'ALL_PROJECTED_ATTRIBUTES')
      throw invalid('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
    if (select === 'SPECIFIC_ATTRIBUTES' && projection === undefined)
      throw invalid('Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression');
    if (select !== 'SPECIFIC_ATTRIBUTES' && projection !== undefined)
      throw invalid(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
    const limit = checkLimit(body);
    let ordered = candidates.sort((a, b) => compareKeys(a, b, table.schema));
    if (!forward) ordered = ordered.reverse();
    const startRaw = body.ExclusiveStartKey;
    if (startRaw !== undefined && startRaw !== null) {
      const start = checkKey(checkItem(startRaw, 'ExclusiveStartKey'), table.schema);
      ordered = ordered.filter((i) => (forward ? 1 : -1) * compareKeys(i, start, table.schema) > 0);
    }
    const scanned = limit === undefined ? ordered : ordered.slice(0, limit);
    const matched =
      filter === undefined ? scanned : scanned.filter((i) => evaluateCondition(filter, i, 'FilterExpression'));
    const last = limit !== undefined && scanned.length === limit ? scanned[scanned.length - 1] : undefined;
    const lastKey: Item = {};
    if (last !== undefined) {
      lastKey[table.schema.hash.name] = last[table.schema.hash.name]!;
      if (table.schema.range !== undefined) lastKey[table.schema.range.name] = last[table.schema.range.name]!;
    }
    return {
      ...(select === 'COUNT'
        ? {}
        : { Items: matched.map((i) => (projection === undefined ? i : project(i, projection))) }),
      Count: matched.length,
      ScannedCount: scanned.length,
      ...(last === undefined ? {} : { LastEvaluatedKey: lastKey }),
    };
  }

  #query(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    if (body.IndexName !== undefined)
      throw invalid('step-cli local does not support secondary indexes; Query the table itself (remove IndexName)');
    const text = optionalString(body, 'KeyConditionExpression');
    if (text === undefined)
      throw invalid('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    const ctx = placeholders(body);
    const kc = this.#keyCondition(text, table, ctx);
    const hashName = table.schema.hash.name;
    const rangeName = table.schema.range?.name;
    const candidates = [...table.items.values()].filter(
      (i) =>
        compareValues(i[hashName]!, kc.hash) === 0 &&
        (kc.range === undefined || rangeName === undefined || kc.range(i[rangeName]!)),
    );
    const forward = body.ScanIndexForward !== false;
    return this.#page(body, table, candidates, ctx, forward, true);
  }

  #scan(body: Record<string, unknown>): unknown {
    refuseLegacy(body);
    const table = this.#table(body);
    if (body.IndexName !== undefined)
      throw invalid('step-cli local does not support secondary indexes; Scan the table itself (remove IndexName)');
    const ctx = placeholders(body);
    let candidates = [...table.items.values()];
    const segment = body.Segment;
    const total = body.TotalSegments;
    if (segment !== undefined || total !== undefined) {
      if (
        typeof segment !== 'number' ||
        typeof total !== 'number' ||
        total < 1 ||
        total > 1000000 ||
        segment < 0 ||
        segment >= total
      )
        throw invalid(
          'The TotalSegments parameter is required but was not present in the request when Segment parameter is present, and Segment must be less than TotalSegments',
        );
      candidates = candidates.filter(
        (i) =>
          createHash('md5')
            .update(JSON.stringify(getPath(i, { kind: 'path', elements: [{ name: table.schema.hash.name }] })))
            .digest()
            .readUInt32BE(0) %
            total ===
          segment,
      );
    }
    return this.#page(body, table, candidates, ctx, true);
  }
}
