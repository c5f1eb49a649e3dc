import type { JsonValue } from '@step/asl';
import { StatesFailure } from '../StatesFailure.js';
import type { MapItemReader } from '../types.js';
import { configFields as fields } from './configFields.js';
import type { ObjectStore } from './ObjectStore.js';
import { s3Cause } from './s3Cause.js';
import { parseCsv } from './parseCsv.js';

const ITEM_READER_FAILED = 'States.ItemReaderFailed';

function text(v: JsonValue | undefined, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/** RFC 6901 pointer lookup (`ItemsPointer`). */
function atPointer(doc: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === '') return doc;
  let node: JsonValue | undefined = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^\d+$/.test(part) ? node[Number(part)] : undefined;
    else if (node !== null && typeof node === 'object') node = node[part];
    else return undefined;
  }
  return node;
}

function parseObject(body: string, key: string, reader: { [k: string]: JsonValue }): JsonValue[] {
  const type = text(reader.InputType, 'JSON');
  if (type === 'CSV') {
    const headers =
      reader.CSVHeaderLocation === 'GIVEN' && Array.isArray(reader.CSVHeaders)
        ? reader.CSVHeaders.map(String)
        : undefined;
    const rows = parseCsv(body, text(reader.CSVDelimiter, 'COMMA'), headers);
    if (typeof rows === 'string') throw new StatesFailure(ITEM_READER_FAILED, rows);
    return rows;
  }
  const parse = (t: string): JsonValue => {
    try {
      return JSON.parse(t) as JsonValue;
    } catch (e) {
      throw new StatesFailure(ITEM_READER_FAILED, `The object '${key}' is not valid ${type}: ${(e as Error).message}`);
    }
  };
  if (type === 'JSONL')
    return body
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map(parse);
  if (type !== 'JSON') {
    throw new StatesFailure(ITEM_READER_FAILED, `InputType ${type} is not supported locally; use JSON, JSONL or CSV.`);
  }
  const doc = parse(body);
  const items = typeof reader.ItemsPointer === 'string' ? atPointer(doc, reader.ItemsPointer) : doc;
  if (!Array.isArray(items)) throw new StatesFailure(ITEM_READER_FAILED, 'Attempting to map over non-iterable node.');
  return items;
}

async function readText(store: ObjectStore, bucket: string, key: string): Promise<string> {
  const body = await store.getObject(bucket, key);
  return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

/**
 * The `ItemReader` of a distributed Map served from an {@link ObjectStore}, as AWS reads S3: `s3:getObject` of a
 * JSON (with `ItemsPointer`), JSONL or CSV object, and `s3:listObjectsV2` (object descriptions, or with
 * `Transformation: LOAD_AND_FLATTEN` the items of every listed object).
 *
 * @remarks
 * It receives the ItemReader with its `Parameters`/`Arguments` already evaluated (as `Arguments`); the engine
 * applies `MaxItems`. A failed read or parse rejects with `States.ItemReaderFailed`. The execution builds this
 * reader itself from its `objectStore` option.
 *
 * @example
 * ```ts
 * const itemReader = createObjectStoreItemReader(new MemoryObjectStore([{ bucket: 'b', key: 'k.json', body: '[1]' }]));
 * await runExecution(definition, { itemReader });
 * ```
 */
export function createObjectStoreItemReader(store: ObjectStore): MapItemReader {
  return async (config) => {
    const c = fields(config);
    const args = fields(c.Arguments ?? c.Parameters);
    const reader = fields(c.ReaderConfig);
    const bucket = text(args.Bucket);
    try {
      if (text(c.Resource).endsWith(':s3:listObjectsV2')) {
        const listed = await store.listObjects(bucket, text(args.Prefix));
        if (reader.Transformation === 'LOAD_AND_FLATTEN') {
          const all: JsonValue[] = [];
          for (const o of listed) all.push(...parseObject(await readText(store, bucket, o.key), o.key, reader));
          return all;
        }
        return listed.map((o) => ({
          Etag: o.etag,
          Key: o.key,
          LastModified: Math.floor(o.lastModified.getTime() / 1000),
          Size: o.size,
          StorageClass: 'STANDARD',
        }));
      }
      const key = text(args.Key);
      return parseObject(await readText(store, bucket, key), key, reader);
    } catch (e) {
      if (e instanceof StatesFailure) throw e;
      throw new StatesFailure(ITEM_READER_FAILED, s3Cause(e));
    }
  };
}
