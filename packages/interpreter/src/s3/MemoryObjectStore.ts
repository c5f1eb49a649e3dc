import { createHash } from 'node:crypto';
import { ObjectStoreError } from '../errors.js';
import type { ObjectStore, StoredObject } from './ObjectStore.js';

interface Entry {
  body: Buffer;
  etag: string;
  lastModified: Date;
}

/** S3's ETag of a single-part upload: the quoted MD5 of the body. */
function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

/**
 * An {@link ObjectStore} held in memory: seed it with buckets and objects, run the execution, then read what a
 * `ResultWriter` wrote.
 *
 * @example
 * ```ts
 * const store = new MemoryObjectStore([{ bucket: 'in', key: 'items.csv', body: 'id\n1\n2\n' }]);
 * const result = await runExecution(definition, { objectStore: store });
 * const manifest = await store.getObject('out', 'results/manifest.json');
 * ```
 */
export class MemoryObjectStore implements ObjectStore {
  readonly #buckets = new Map<string, Map<string, Entry>>();

  /** `objects` are put (their buckets created); `buckets` are created empty. */
  constructor(objects: readonly { bucket: string; key: string; body: string }[] = [], buckets: readonly string[] = []) {
    for (const b of buckets) this.createBucket(b);
    for (const o of objects) this.put(o.bucket, o.key, o.body);
  }

  /** Creates a bucket (no-op if it exists). */
  createBucket(bucket: string): void {
    if (!this.#buckets.has(bucket)) this.#buckets.set(bucket, new Map());
  }

  /** Puts an object synchronously, creating its bucket. */
  put(bucket: string, key: string, body: string): void {
    this.createBucket(bucket);
    const bytes = Buffer.from(body, 'utf8');
    this.#buckets.get(bucket)!.set(key, { body: bytes, etag: etagOf(bytes), lastModified: new Date() });
  }

  #bucket(bucket: string): Map<string, Entry> {
    const b = this.#buckets.get(bucket);
    if (b === undefined) throw new ObjectStoreError('NoSuchBucket', 404, 'The specified bucket does not exist');
    return b;
  }

  getObject(bucket: string, key: string): Promise<Uint8Array> {
    return Promise.resolve().then(() => {
      const e = this.#bucket(bucket).get(key);
      if (e === undefined) throw new ObjectStoreError('NoSuchKey', 404, 'The specified key does not exist.');
      return e.body;
    });
  }

  putObject(bucket: string, key: string, body: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.#bucket(bucket);
      this.put(bucket, key, body);
    });
  }

  listObjects(bucket: string, prefix: string): Promise<StoredObject[]> {
    return Promise.resolve().then(() => {
      const out: StoredObject[] = [];
      for (const [key, e] of this.#bucket(bucket)) {
        if (key.startsWith(prefix)) out.push({ key, size: e.body.length, etag: e.etag, lastModified: e.lastModified });
      }
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }
}
