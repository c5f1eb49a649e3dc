import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ObjectStoreError } from '../errors.js';
import type { ObjectStore, StoredObject } from './ObjectStore.js';

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';
}

/**
 * An {@link ObjectStore} over a local folder: `<root>/<bucket>/<key>`, each bucket a sub-folder and each key a
 * file path under it (`/` in a key makes sub-folders). `step-cli exec --s3-dir DIR` uses it.
 *
 * @remarks
 * A bucket is a folder that exists; a key that leaves its bucket (`..`) is reported as missing. ETags are the
 * MD5 of the file, as S3 gives for single-part uploads.
 *
 * @example
 * ```ts
 * // ./s3/inputs/items.csv is object "items.csv" of bucket "inputs"
 * await runExecution(definition, { objectStore: new DirectoryObjectStore('./s3') });
 * ```
 */
export class DirectoryObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async #bucketDir(bucket: string): Promise<string> {
    const dir = path.join(this.root, bucket);
    const inside = path.dirname(dir) === this.root && bucket !== '' && bucket !== '.' && bucket !== '..';
    const isDir =
      inside &&
      (await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ));
    if (!isDir)
      throw new ObjectStoreError('NoSuchBucket', 404, `The specified bucket does not exist (no folder ${dir})`);
    return dir;
  }

  async #file(bucket: string, key: string): Promise<string> {
    const dir = await this.#bucketDir(bucket);
    const file = path.join(dir, key);
    if (key === '' || !file.startsWith(dir + path.sep))
      throw new ObjectStoreError('NoSuchKey', 404, 'The specified key does not exist.');
    return file;
  }

  async getObject(bucket: string, key: string): Promise<Uint8Array> {
    const file = await this.#file(bucket, key);
    try {
      return await readFile(file);
    } catch (e) {
      if (isMissing(e) || (e as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new ObjectStoreError('NoSuchKey', 404, 'The specified key does not exist.', { cause: e });
      }
      throw e;
    }
  }

  async putObject(bucket: string, key: string, body: string): Promise<void> {
    const file = await this.#file(bucket, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async listObjects(bucket: string, prefix: string): Promise<StoredObject[]> {
    const dir = await this.#bucketDir(bucket);
    const out: StoredObject[] = [];
    // A walk of its own rather than readdir({recursive}): Dirent.parentPath needs Node 20.12+.
    const walk = async (folder: string, keyPrefix: string): Promise<void> => {
      for (const e of await readdir(folder, { withFileTypes: true })) {
        const key = `${keyPrefix}${e.name}`;
        if (e.isDirectory()) await walk(path.join(folder, e.name), `${key}/`);
        else if (e.isFile() && key.startsWith(prefix)) {
          const file = path.join(folder, e.name);
          const [body, info] = await Promise.all([readFile(file), stat(file)]);
          out.push({
            key,
            size: info.size,
            etag: `"${createHash('md5').update(body).digest('hex')}"`,
            lastModified: info.mtime,
          });
        }
      }
    };
    await walk(dir, '');
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
