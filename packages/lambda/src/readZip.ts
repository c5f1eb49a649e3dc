import { inflateRawSync } from 'node:zlib';
import { crc32 } from './createZip.js';
import { ZipFormatError } from './errors.js';

/**
 * One file read back from a zip archive by {@link readZip}.
 *
 * @remarks
 * It is a `ZipEntry` (the input of `createZip`) with the attributes the central directory stores, so read entries can be passed
 * straight back to `createZip`.
 *
 * @example
 * ```ts
 * import type { ZipFileEntry } from '@step/lambda';
 * const text = (entry: ZipFileEntry) => entry.data.toString('utf8');
 * ```
 */
export interface ZipFileEntry {
  /** Path inside the archive, `/`-separated, never absolute and never containing a `..` segment. */
  name: string;
  data: Buffer;
  /** The Unix mode from the central directory's external attributes (`0o100644` for a plain file), or 0. */
  mode: number;
  /** DOS date field as stored (33 is 1980-01-01, what `createZip` writes). */
  dosDate: number;
  /** DOS time field as stored. */
  dosTime: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

/**
 * Reads every file of a zip archive through its central directory, checking it as it goes.
 *
 * @remarks
 * Supports stored and deflated entries, UTF-8 names, archive comments and data descriptors (sizes and CRC are
 * taken from the central directory). Folder entries (names ending in `/`) are checked and skipped. Entries come
 * back in central-directory order. Throws {@link ZipFormatError} for anything else: bad signatures, sizes or
 * offsets outside the archive, a CRC-32 or size mismatch after inflating, zip64, multi-disk archives, encryption,
 * other compression methods, and names that are empty, absolute (`/x`, `\x`, `C:x`) or contain a `..` segment,
 * so extracting the entries under a folder never writes outside it. Pure: no file system access.
 *
 * @example
 * ```ts
 * import { createZip, readZip } from '@step/lambda';
 * const zip = createZip([{ name: 'index.mjs', data: Buffer.from('export const handler = async () => 1;') }]);
 * for (const { name, data } of readZip(zip)) console.log(name, data.length); // index.mjs 37
 * ```
 */
export function readZip(archive: Uint8Array): ZipFileEntry[] {
  const zip = Buffer.isBuffer(archive) ? archive : Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const eocd = findEndRecord(zip);
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 6) !== 0) {
    throw new ZipFormatError('multi-disk archives are not supported');
  }
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    throw new ZipFormatError('zip64 archives are not supported');
  }
  if (zip.readUInt16LE(eocd + 8) !== count) throw new ZipFormatError('the end record disagrees with itself on the entry count');
  const centralEnd = centralOffset + centralSize;
  if (centralEnd > eocd) throw new ZipFormatError('the central directory lies outside the archive');

  const entries: ZipFileEntry[] = [];
  let at = centralOffset;
  for (let n = 0; n < count; n++) {
    if (at + CENTRAL_SIZE > centralEnd || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw new ZipFormatError(`central directory record ${n + 1} of ${count} is missing or corrupt`);
    }
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const recordEnd = at + CENTRAL_SIZE + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const localOffset = zip.readUInt32LE(at + 42);
    if (recordEnd > centralEnd) throw new ZipFormatError(`central directory record ${n + 1} of ${count} runs past the directory`);
    const name = zip.toString('utf8', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    at = recordEnd;

    checkName(name);
    if (name.endsWith('/')) continue;
    if ((flags & 0x41) !== 0) throw new ZipFormatError('it is encrypted', name);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipFormatError('it needs zip64, which is not supported', name);
    }
    if (localOffset + LOCAL_SIZE > centralOffset || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError('its local header is missing or corrupt', name);
    }
    const dataStart = localOffset + LOCAL_SIZE + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > centralOffset) throw new ZipFormatError('its data runs past the end of the entries', name);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);

    let data: Buffer;
    if (method === 0) {
      if (compressedSize !== size) throw new ZipFormatError(`it is stored but its sizes differ (${compressedSize} and ${size})`, name);
      data = Buffer.from(raw);
    } else if (method === 8) {
      try {
        // maxOutputLength stops a lying size field from inflating far more than the archive claims.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
      } catch (e) {
        throw new ZipFormatError(`its deflated data is corrupt or longer than ${size} bytes (${(e as Error).message})`, name, { cause: e });
      }
    } else {
      throw new ZipFormatError(`it uses compression method ${method}; only store (0) and deflate (8) are supported`, name);
    }
    if (data.length !== size) throw new ZipFormatError(`it holds ${data.length} bytes where the directory says ${size}`, name);
    const actual = crc32(data);
    if (actual !== crc) {
      throw new ZipFormatError(`its CRC-32 is ${hex(actual)} where the directory says ${hex(crc)}`, name);
    }
    entries.push({ name, data, mode, dosDate, dosTime });
  }
  if (at !== centralEnd) throw new ZipFormatError('the central directory size disagrees with its records');
  return entries;
}

/** The offset of the end of central directory record: the last one whose comment fits in the archive. */
function findEndRecord(zip: Buffer): number {
  if (zip.length < EOCD_SIZE) throw new ZipFormatError(`${zip.length} bytes are too few for a zip archive`);
  for (let i = zip.length - EOCD_SIZE; i >= Math.max(0, zip.length - EOCD_SIZE - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + zip.readUInt16LE(i + 20) <= zip.length) return i;
  }
  throw new ZipFormatError('it has no end of central directory record');
}

function checkName(name: string): void {
  if (name === '') throw new ZipFormatError('an entry has an empty name');
  if (name.includes('\0')) throw new ZipFormatError('its name contains a NUL character', name);
  if (/^[/\\]|^[A-Za-z]:/.test(name)) throw new ZipFormatError('its name is absolute', name);
  if (name.split(/[/\\]/).includes('..')) throw new ZipFormatError('its name climbs out of the archive with ".."', name);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
