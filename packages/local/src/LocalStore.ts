import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The persistence layer of `step-cli local`: JSON documents and blobs under a data directory, written atomically.
 *
 * @remarks
 * Every write goes to a temporary file that is then renamed over the target, so a crash leaves either the old
 * or the new file. Without a directory the store keeps nothing (memory only), which tests use.
 * Calls are synchronous on purpose: a service updates its in-memory state and its file in one turn of the
 * event loop, which keeps conditional writes atomic.
 *
 * @example
 * ```ts
 * const store = new LocalStore('/tmp/step-local');
 * store.writeJson('lambda/functions/hello.json', { name: 'hello' });
 * ```
 * @internal
 */
export class LocalStore {
  /** The data directory, or `undefined` when nothing is persisted. */
  readonly dir: string | undefined;

  constructor(dir: string | undefined) {
    this.dir = dir;
    if (dir !== undefined) mkdirSync(dir, { recursive: true });
  }

  /** Reads a JSON document, or `undefined` when it does not exist or is not readable JSON. */
  readJson<T>(rel: string): T | undefined {
    const buf = this.readBlob(rel);
    if (buf === undefined) return undefined;
    try {
      return JSON.parse(buf.toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Writes a JSON document atomically. */
  writeJson(rel: string, value: unknown): void {
    this.writeBlob(rel, Buffer.from(JSON.stringify(value)));
  }

  /** Reads a blob, or `undefined` when it does not exist. */
  readBlob(rel: string): Buffer | undefined {
    if (this.dir === undefined) return undefined;
    try {
      return readFileSync(path.join(this.dir, rel));
    } catch {
      return undefined;
    }
  }

  /** Writes a blob atomically (temporary file, then rename). */
  writeBlob(rel: string, data: Buffer | Uint8Array): void {
    if (this.dir === undefined) return;
    const target = path.join(this.dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  }

  /** Removes a file or a folder; a missing one is fine. */
  remove(rel: string): void {
    if (this.dir === undefined) return;
    rmSync(path.join(this.dir, rel), { recursive: true, force: true });
  }

  /** Names of the entries of a folder (empty when it does not exist). */
  list(rel: string): string[] {
    if (this.dir === undefined) return [];
    try {
      return readdirSync(path.join(this.dir, rel)).filter((n) => !n.endsWith('.tmp'));
    } catch {
      return [];
    }
  }
}
