import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temporary file of {@link LocalStore.writeBlob}: `<target>.<12 hex>.tmp`. */
const TEMP_FILE = /\.[0-9a-f]{12}\.tmp$/;

/**
 * The persistence layer of `step-cli local`: JSON documents and blobs under a data directory, written atomically.
 *
 * @remarks
 * Every write goes to a temporary file in the target's folder that is flushed to disk (fsync) and then renamed
 * over the target, so a crash leaves either the old or the new file; temporary files a crash left behind are
 * removed at start. Write failures are thrown (the caller answers an AWS error and changes nothing in memory).
 * Without a directory the store keeps nothing (memory only), which tests use.
 * Calls are synchronous on purpose: a service updates its in-memory state and its file in one turn of the
 * event loop, which keeps conditional writes atomic.
 * @internal
 */
export class LocalStore {
  /** The data directory, or `undefined` when nothing is persisted. */
  readonly dir: string | undefined;

  constructor(dir: string | undefined) {
    this.dir = dir;
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    // Left by a crash between writing a temporary file and renaming it: never acknowledged, never user data.
    for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (TEMP_FILE.test(entry)) rmSync(path.join(dir, entry), { force: true });
    }
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
    try {
      const fd = openSync(tmp, 'w');
      try {
        let at = 0;
        while (at < data.length) at += writeSync(fd, data, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    flushFolder(path.dirname(target));
  }

  /**
   * Appends to a file (created when missing); with `flush`, waits until the bytes are on disk (fsync).
   * Without `flush` the bytes still survive the server's process being killed (they are in the OS), not a power loss.
   */
  append(rel: string, data: string | Buffer, flush: boolean): void {
    if (this.dir === undefined) return;
    const target = path.join(this.dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const fd = openSync(target, 'a');
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at);
      if (flush) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Cuts a file to `length` bytes (drops a torn tail a crash left). */
  truncate(rel: string, length: number): void {
    if (this.dir === undefined) return;
    truncateSync(path.join(this.dir, rel), length);
  }

  /** Whether a file exists (always false without a data directory). */
  has(rel: string): boolean {
    return this.dir !== undefined && existsSync(path.join(this.dir, rel));
  }

  /** Removes a file or a folder; a missing one is fine. */
  remove(rel: string): void {
    if (this.dir === undefined) return;
    rmSync(path.join(this.dir, rel), { recursive: true, force: true });
  }

  /** Removes one file and reports whether it was there; a folder or a file that cannot be removed is kept. */
  removeFile(rel: string): boolean {
    if (this.dir === undefined) return false;
    try {
      rmSync(path.join(this.dir, rel));
      return true;
    } catch {
      return false;
    }
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

/** Makes a rename in `folder` durable (fsync of the folder); a platform that cannot open folders skips it. */
function flushFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
