/**
 * One object of a bucket, as `ListObjectsV2` describes it.
 *
 * @example
 * ```ts
 * const o: StoredObject = { key: 'in/a.csv', size: 12, etag: '"9b2cf535f27731c974343645a3985328"', lastModified: new Date(0) };
 * ```
 */
export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/**
 * The few S3 calls a distributed Map makes: its `ItemReader` reads objects (or lists them) and its `ResultWriter`
 * writes the results and a manifest. Give one to an execution as the `objectStore` option.
 *
 * @remarks
 * Implementations: {@link MemoryObjectStore} (in memory, for tests), {@link DirectoryObjectStore} (a local folder
 * whose sub-folders are the buckets), or a few lines over an `S3Client` of the AWS SDK. A missing bucket or key
 * is reported by throwing (ideally an {@link ObjectStoreError}); the Map then fails with
 * `States.ItemReaderFailed` or `States.ResultWriterFailed` and the error's message as the cause.
 *
 * @example
 * ```ts
 * const store: ObjectStore = new MemoryObjectStore([{ bucket: 'in', key: 'items.json', body: '[1, 2]' }]);
 * await runExecution(definition, { objectStore: store });
 * ```
 */
export interface ObjectStore {
  /** The object's bytes (or text). */
  getObject(bucket: string, key: string): Promise<Uint8Array | string>;
  /** Creates or replaces an object. */
  putObject(bucket: string, key: string, body: string): Promise<void>;
  /** The objects whose key starts with `prefix`, in key order. */
  listObjects(bucket: string, prefix: string): Promise<StoredObject[]>;
}
