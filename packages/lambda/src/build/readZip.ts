import { inflateSync } from 'fflate';
import { ZipFormatError } from '../errors.js';
import { crc32 } from './crc32.js';

/**
 * One file read back from a zip archive by {@link readZip}.
 *
 * @remarks
 * It is a `ZipEntry` (the input of `createZip`) with the attributes the central directory stores, so read entries can be passed
 * straight back to `createZip`.
 *
 * @example
 * ```ts
 * import type { ZipFileEntry } from '@step/lambda/build';
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
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EXTRA_ID = 0x0001;
/** Deflate cannot expand data by more than about 1032 to 1 (258-byte matches in 2 bits); a bigger claim is a lie. */
const MAX_DEFLATE_RATIO = 1032;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

/**
 * Reads every file of a zip archive through its central directory, checking it as it goes.
 *
 * @remarks
 * Supports stored and deflated entries (inflated by fflate), UTF-8 names, archive comments, data descriptors
 * (sizes and CRC are taken from the central directory) and zip64 (the zip64 end record and each entry's zip64
 * extra field, as written by zip tools for large or many-entry archives). Folder entries (names ending in `/`) are
 * checked and skipped. Entries come back in central-directory order. Throws {@link ZipFormatError} for anything
 * else: bad signatures, sizes or offsets outside the archive, a CRC-32 or size mismatch after inflating, multi-disk archives, encryption,
 * other compression methods, and names that are empty, absolute (`/x`, `\x`, `C:x`) or contain a `..` segment,
 * so extracting the entries under a folder never writes outside it. Pure: no file system access.
 *
 * @example
 * ```ts
 * import { createZip, readZip } from '@step/lambda/build';
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
  if (zip.readUInt16LE(eocd + 8) !== zip.readUInt16LE(eocd + 10)) {
    throw new ZipFormatError('the end record disagrees with itself on the entry count');
  }
  const { count, centralSize, centralOffset, entriesEnd } = readDirectoryLocation(zip, eocd);
  const centralEnd = centralOffset + centralSize;
  if (centralEnd > entriesEnd) throw new ZipFormatError('the central directory lies outside the archive');

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
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const recordEnd = at + CENTRAL_SIZE + nameLength + extraLength + zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    if (recordEnd > centralEnd)
      throw new ZipFormatError(`central directory record ${n + 1} of ${count} runs past the directory`);
    const name = zip.toString('utf8', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const extra = zip.subarray(at + CENTRAL_SIZE + nameLength, at + CENTRAL_SIZE + nameLength + extraLength);
    const { compressedSize, size, localOffset } = readEntrySizes(zip, at, extra, name);
    at = recordEnd;

    checkName(name);
    if (name.endsWith('/')) continue;
    if ((flags & 0x41) !== 0) throw new ZipFormatError('it is encrypted', name);
    if (localOffset + LOCAL_SIZE > centralOffset || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError('its local header is missing or corrupt', name);
    }
    const dataStart =
      localOffset + LOCAL_SIZE + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > centralOffset)
      throw new ZipFormatError('its data runs past the end of the entries', name);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);

    let data: Buffer;
    if (method === 0) {
      if (compressedSize !== size)
        throw new ZipFormatError(`it is stored but its sizes differ (${compressedSize} and ${size})`, name);
      data = Buffer.from(raw);
    } else if (method === 8) {
      // Inflating into a buffer one byte longer than the directory says stops a lying size field from inflating far
      // more than the archive claims, and still shows that the data was longer.
      if (size > compressedSize * MAX_DEFLATE_RATIO + 64) {
        throw new ZipFormatError(
          `its size (${size} bytes) is more than deflate can make of ${compressedSize} bytes`,
          name,
        );
      }
      let inflated: Uint8Array;
      try {
        inflated = inflateSync(raw, { out: new Uint8Array(size + 1) });
      } catch (e) {
        throw new ZipFormatError(`its deflated data is corrupt (${(e as Error).message})`, name, { cause: e });
      }
      if (inflated.length > size) throw new ZipFormatError(`its deflated data is longer than ${size} bytes`, name);
      data = Buffer.from(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } else {
      throw new ZipFormatError(
        `it uses compression method ${method}; only store (0) and deflate (8) are supported`,
        name,
      );
    }
    if (data.length !== size)
      throw new ZipFormatError(`it holds ${data.length} bytes where the directory says ${size}`, name);
    const actual = crc32(data);
    if (actual !== crc) {
      throw new ZipFormatError(`its CRC-32 is ${hex(actual)} where the directory says ${hex(crc)}`, name);
    }
    entries.push({ name, data, mode, dosDate, dosTime });
  }
  if (at !== centralEnd) throw new ZipFormatError('the central directory size disagrees with its records');
  return entries;
}

/**
 * Where the central directory is and how many records it holds: from the end record, or from the zip64 end record
 * when the end record's fields are saturated (0xffff / 0xffffffff) and a zip64 locator precedes it. `entriesEnd`
 * is where the entries and the directory must end: the first end record.
 */
function readDirectoryLocation(
  zip: Buffer,
  eocd: number,
): { count: number; centralSize: number; centralOffset: number; entriesEnd: number } {
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  const saturated = count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff;
  if (!saturated && (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE)) {
    return { count, centralSize, centralOffset, entriesEnd: eocd };
  }
  if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) {
    throw new ZipFormatError('its end record needs zip64 but the zip64 end record locator is missing');
  }
  if (zip.readUInt32LE(locator + 4) !== 0 || zip.readUInt32LE(locator + 16) > 1) {
    throw new ZipFormatError('multi-disk archives are not supported');
  }
  const record = toOffset(zip.readBigUInt64LE(locator + 8), 'the zip64 end record offset');
  if (record + ZIP64_EOCD_SIZE > locator || zip.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) {
    throw new ZipFormatError('its zip64 end record is missing or corrupt');
  }
  if (zip.readUInt32LE(record + 16) !== 0 || zip.readUInt32LE(record + 20) !== 0) {
    throw new ZipFormatError('multi-disk archives are not supported');
  }
  const count64 = toOffset(zip.readBigUInt64LE(record + 32), 'the zip64 entry count');
  if (toOffset(zip.readBigUInt64LE(record + 24), 'the zip64 entry count') !== count64) {
    throw new ZipFormatError('the zip64 end record disagrees with itself on the entry count');
  }
  return {
    count: count64,
    centralSize: toOffset(zip.readBigUInt64LE(record + 40), 'the zip64 central directory size'),
    centralOffset: toOffset(zip.readBigUInt64LE(record + 48), 'the zip64 central directory offset'),
    entriesEnd: record,
  };
}

/**
 * An entry's compressed size, size and local header offset: from its central record, or, for each field saturated at
 * 0xffffffff, from its zip64 extra field (which holds the saturated ones only, in this order).
 */
function readEntrySizes(
  zip: Buffer,
  at: number,
  extra: Buffer,
  name: string,
): { compressedSize: number; size: number; localOffset: number } {
  let size = zip.readUInt32LE(at + 24);
  let compressedSize = zip.readUInt32LE(at + 20);
  let localOffset = zip.readUInt32LE(at + 42);
  if (size !== 0xffffffff && compressedSize !== 0xffffffff && localOffset !== 0xffffffff)
    return { compressedSize, size, localOffset };
  let field: Buffer | undefined;
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (i + 4 + length > extra.length) break;
    if (id === ZIP64_EXTRA_ID) field = extra.subarray(i + 4, i + 4 + length);
    i += 4 + length;
  }
  if (field === undefined) throw new ZipFormatError('its sizes need zip64 but it has no zip64 extra field', name);
  let next = 0;
  const read = (what: string): number => {
    if (next + 8 > field.length) throw new ZipFormatError(`its zip64 extra field is too short for ${what}`, name);
    const value = toOffset(field.readBigUInt64LE(next), `its zip64 ${what}`, name);
    next += 8;
    return value;
  };
  if (size === 0xffffffff) size = read('size');
  if (compressedSize === 0xffffffff) compressedSize = read('compressed size');
  if (localOffset === 0xffffffff) localOffset = read('local header offset');
  return { compressedSize, size, localOffset };
}

/** A 64-bit field as a number, refused when no archive held in memory could reach it. */
function toOffset(value: bigint, what: string, entry?: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError(`${what} (${value}) is beyond any archive held in memory`, entry);
  return Number(value);
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
  if (name.split(/[/\\]/).includes('..'))
    throw new ZipFormatError('its name climbs out of the archive with ".."', name);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
