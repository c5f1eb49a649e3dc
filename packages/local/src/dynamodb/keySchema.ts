import { AwsServiceError } from '../AwsServiceError.js';
import { compareValues, typeOf } from './attributeValue.js';
import type { AttributeValue, Item } from './attributeValue.js';

/**
 * A table's primary key: the partition (HASH) attribute and the optional sort (RANGE) attribute, with their
 * scalar types.
 * @internal
 */
export interface KeySchema {
  hash: KeyAttribute;
  range?: KeyAttribute;
}

/** One key attribute. @internal */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function attributes(schema: KeySchema): KeyAttribute[] {
  return schema.range === undefined ? [schema.hash] : [schema.hash, schema.range];
}

function isEmpty(v: AttributeValue): boolean {
  return ('S' in v && v.S === '') || ('B' in v && v.B === '');
}

/**
 * Checks a `Key` parameter (GetItem, UpdateItem, DeleteItem, BatchGetItem, ExclusiveStartKey): exactly the key
 * attributes, of the key's types. Answers the key as an item.
 * @internal
 */
export function checkKey(key: Item, schema: KeySchema): Item {
  const attrs = attributes(schema);
  if (Object.keys(key).length !== attrs.length) throw invalid('The provided key element does not match the schema');
  for (const a of attrs) {
    const v = key[a.name];
    if (v === undefined || typeOf(v) !== a.type) throw invalid('The provided key element does not match the schema');
    if (isEmpty(v))
      throw invalid(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${a.type === 'S' ? 'string' : 'binary'} value. Key: ${a.name}`,
      );
  }
  return key;
}

/**
 * Checks the key attributes of a whole item (PutItem, BatchWriteItem) and answers its key.
 * @internal
 */
export function keyOfItem(item: Item, schema: KeySchema): Item {
  const key: Item = {};
  for (const a of attributes(schema)) {
    const v = item[a.name];
    if (v === undefined)
      throw invalid(`One or more parameter values were invalid: Missing the key ${a.name} in the item`);
    if (typeOf(v) !== a.type)
      throw invalid(
        `One or more parameter values were invalid: Type mismatch for key ${a.name} expected: ${a.type} actual: ${typeOf(v)}`,
      );
    if (isEmpty(v))
      throw invalid(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${a.type === 'S' ? 'string' : 'binary'} value. Key: ${a.name}`,
      );
    key[a.name] = v;
  }
  return key;
}

/**
 * The identity of an item in its table: its key values as one string (numbers are canonical already).
 * @internal
 */
export function keyString(item: Item, schema: KeySchema): string {
  return JSON.stringify(attributes(schema).map((a) => item[a.name]));
}

/**
 * Orders two items by key (partition key, then sort key): the order Scan and Query walk a table in.
 * @internal
 */
export function compareKeys(a: Item, b: Item, schema: KeySchema): number {
  for (const attr of attributes(schema)) {
    const o = compareValues(a[attr.name]!, b[attr.name]!) ?? 0;
    if (o !== 0) return o;
  }
  return 0;
}

/**
 * Whether an update path's first element names a key attribute (which UpdateItem may not change).
 * @internal
 */
export function isKeyAttribute(name: string, schema: KeySchema): boolean {
  return attributes(schema).some((a) => a.name === name);
}
