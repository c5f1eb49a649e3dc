import { inflateRawSync } from 'node:zlib';

/**
 * A file read back from a zip archive by {@link readZip}.
 *
 * @example
 * ```ts
 * import type { ZipFileEntry } from '@step/test-utils';
 * const text = (e: ZipFileEntry) => e.data.toString('utf8');
 * ```
 */
export interface ZipFileEntry {
  name: string;
  data: Buffer;
  /** The Unix mode from the central directory's external attributes. */
  mode: number;
  /** DOS date and time fields as stored. */
  dosDate: number;
  dosTime: number;
}

/**
 * Reads a zip archive (stored or deflated entries, no zip64) through its central directory, for tests.
 *
 * @example
 * ```ts
 * import { readZip } from '@step/test-utils';
 * const [index] = readZip(zip);
 * ```
 */
export function readZip(zip: Buffer): ZipFileEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipFileEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const body = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    entries.push({ name, data, mode, dosDate, dosTime });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
