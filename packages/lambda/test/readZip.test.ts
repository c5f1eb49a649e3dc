import { isStepError } from '@step/asl';
import { createZip, readZip, ZipFormatError } from '@step/lambda/build';

const code = Buffer.from('export const handler = async () => 1;\n'.repeat(50));
const entries = [
  { name: 'b.txt', data: Buffer.from('tiny') },
  { name: 'lib/index.mjs', data: code, mode: 0o755 },
];

/** Offsets of the end record, and of the first central and local records, of a zip that `createZip` wrote. */
function layout(zip: Buffer): { eocd: number; central: number } {
  const eocd = zip.length - 22;
  return { eocd, central: zip.readUInt32LE(eocd + 16) };
}

/** A copy of `zip` changed by `patch`. */
function patched(zip: Buffer, patch: (copy: Buffer) => void): Buffer {
  const copy = Buffer.from(zip);
  patch(copy);
  return copy;
}

/**
 * `zip` (as `createZip` wrote it) rewritten the way zip64 writers store it: every central record's sizes and
 * offset saturated at 0xffffffff and moved into a zip64 extra field, then a zip64 end record, its locator, and an
 * end record whose fields are saturated too.
 */
function toZip64(zip: Buffer): Buffer {
  const { eocd, central } = layout(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const records: Buffer[] = [];
  for (let at = central, n = 0; n < count; n++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const record = Buffer.from(zip.subarray(at, at + 46 + nameLength));
    const extra = Buffer.alloc(4 + 24);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(record.readUInt32LE(24)), 4); // size
    extra.writeBigUInt64LE(BigInt(record.readUInt32LE(20)), 12); // compressed size
    extra.writeBigUInt64LE(BigInt(record.readUInt32LE(42)), 20); // local header offset
    for (const field of [20, 24, 42]) record.writeUInt32LE(0xffffffff, field);
    record.writeUInt16LE(extra.length, 30);
    records.push(record, extra);
    at += 46 + nameLength;
  }
  const directory = Buffer.concat(records);
  const record64 = Buffer.alloc(56);
  record64.writeUInt32LE(0x06064b50, 0);
  record64.writeBigUInt64LE(44n, 4);
  record64.writeUInt16LE(45, 12);
  record64.writeUInt16LE(45, 14);
  record64.writeBigUInt64LE(BigInt(count), 24);
  record64.writeBigUInt64LE(BigInt(count), 32);
  record64.writeBigUInt64LE(BigInt(directory.length), 40);
  record64.writeBigUInt64LE(BigInt(central), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(central + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, central), directory, record64, locator, end]);
}

/** The error `readZip` throws for `zip`. */
function failure(zip: Uint8Array): ZipFormatError {
  try {
    readZip(zip);
  } catch (e) {
    expect(e).toBeInstanceOf(ZipFormatError);
    return e as ZipFormatError;
  }
  throw new Error('readZip did not throw');
}

describe('readZip', () => {
  it('reads back what createZip wrote: names, bytes, modes and timestamps, stored and deflated', () => {
    const zip = createZip(entries);
    const { central } = layout(zip);

    const files = readZip(zip);

    // b.txt is smaller stored, lib/index.mjs is smaller deflated: both methods are read.
    expect([zip.readUInt16LE(central + 10), zip.readUInt16LE(central + 46 + 5 + 10)]).toEqual([0, 8]);
    expect(files).toEqual([
      { name: 'b.txt', data: Buffer.from('tiny'), mode: 0o100644, dosDate: 33, dosTime: 0 },
      { name: 'lib/index.mjs', data: code, mode: 0o100755, dosDate: 33, dosTime: 0 },
    ]);
  });

  it('round-trips through createZip to the same bytes', () => {
    const zip = createZip(entries);

    expect(createZip(readZip(zip)).equals(zip)).toBe(true);
  });

  it('reads an empty archive and a Uint8Array view into a larger buffer', () => {
    const zip = createZip(entries);
    const padded = new Uint8Array(zip.length + 8);
    padded.set(zip, 4);

    expect(readZip(createZip([]))).toEqual([]);
    expect(readZip(padded.subarray(4, 4 + zip.length)).map((f) => f.name)).toEqual(['b.txt', 'lib/index.mjs']);
  });

  it('skips folder entries', () => {
    const zip = createZip([{ name: 'lib/', data: Buffer.alloc(0) }, ...entries]);

    expect(readZip(zip).map((f) => f.name)).toEqual(['b.txt', 'lib/index.mjs']);
  });

  it('reads an archive with a comment', () => {
    const zip = createZip(entries);
    const comment = Buffer.from('built by a test');
    const withComment = Buffer.concat([
      patched(zip, (z) => z.writeUInt16LE(comment.length, layout(z).eocd + 20)),
      comment,
    ]);

    expect(readZip(withComment).map((f) => f.data.length)).toEqual([4, code.length]);
  });

  it("reads a zip64 archive: the zip64 end record and each entry's zip64 extra field", () => {
    // Prepare
    const zip64 = toZip64(createZip(entries));

    // Act
    const files = readZip(zip64);

    // Assess
    expect(files).toEqual(readZip(createZip(entries)));
  });

  it.each([
    {
      name: 'a saturated end record without a zip64 locator',
      patch: (z: Buffer) => z.copy(z, z.length - 42, z.length - 22),
      message: 'locator is missing',
    },
    {
      name: 'a zip64 end record with a bad signature',
      patch: (z: Buffer) => z.writeUInt32LE(0, z.length - 42 - 56),
      message: 'zip64 end record is missing',
    },
    {
      name: 'a zip64 extra field too short for the offset',
      patch: (z: Buffer) => z.writeUInt16LE(16, z.readUInt32LE(z.length - 42 - 56 + 48) + 46 + 5 + 2),
      message: 'too short for local header offset',
    },
  ])('rejects $name', ({ patch, message }) => {
    // Prepare
    const zip64 = toZip64(createZip(entries));
    const broken = patched(zip64, patch);

    // Act / Assess
    expect(failure(broken).message).toContain(message);
  });

  it('takes CRC and sizes from the central directory, as a streamed entry (data descriptor) needs', () => {
    const zip = createZip([{ name: 'b.txt', data: Buffer.from('tiny') }]);
    const streamed = patched(zip, (z) => {
      z.writeUInt16LE(0x0808, 6); // flags: data descriptor + UTF-8
      z.fill(0, 14, 26); // local CRC and sizes unknown
    });

    expect(readZip(streamed)[0]!.data.toString()).toBe('tiny');
  });

  describe('rejects names that would escape the folder they are extracted to', () => {
    it.each(['../evil.js', 'lib/../../evil.js', '..', '..\\evil.js', 'lib\\..\\..\\evil.js', '../'])(
      '"%s" climbs out',
      (name) => {
        const error = failure(createZip([{ name, data: Buffer.from('x') }]));

        expect(error.entry).toBe(name);
        expect(error.message).toContain('".."');
        expect(isStepError(error)).toBe(true);
        expect(error.name).toBe('ZipFormatError');
      },
    );

    it.each(['/etc/passwd', '\\windows\\evil.js', 'C:evil.js', 'c:/evil.js'])('"%s" is absolute', (name) => {
      const error = failure(createZip([{ name, data: Buffer.from('x') }]));

      expect(error.entry).toBe(name);
      expect(error.message).toContain('absolute');
    });

    it('accepts names that only look like ".."', () => {
      const names = ['..hidden', 'a..b/c', 'lib/..x/y.js'];

      expect(readZip(createZip(names.map((name) => ({ name, data: Buffer.from('x') })))).map((f) => f.name)).toEqual(
        names,
      );
    });

    it('rejects empty names and names with a NUL', () => {
      expect(failure(createZip([{ name: '', data: Buffer.from('x') }])).message).toContain('empty name');
      expect(failure(createZip([{ name: 'a\0.js', data: Buffer.from('x') }])).message).toContain('NUL');
    });
  });

  describe('rejects corrupt or unsupported archives', () => {
    const zip = createZip(entries);
    const { eocd, central } = layout(zip);
    const second = central + 46 + 'b.txt'.length; // central record of lib/index.mjs
    const secondLocal = zip.readUInt32LE(second + 42);

    it.each([
      {
        name: 'bytes that are not a zip',
        bytes: Buffer.from('not a zip archive, just some text'),
        message: 'no end of central directory',
      },
      { name: 'an empty buffer', bytes: Buffer.alloc(0), message: 'too few' },
      { name: 'a truncated archive', bytes: zip.subarray(0, zip.length - 30), message: 'no end of central directory' },
      { name: 'an archive cut at the front', bytes: zip.subarray(10), message: 'central directory' },
      {
        name: 'a central directory offset past the end',
        bytes: patched(zip, (z) => z.writeUInt32LE(zip.length, eocd + 16)),
        message: 'outside the archive',
      },
      {
        name: 'a wrong central signature',
        bytes: patched(zip, (z) => z.writeUInt32LE(0, second)),
        message: 'record 2 of 2',
      },
      {
        name: 'a wrong local signature',
        bytes: patched(zip, (z) => z.writeUInt32LE(0, secondLocal)),
        message: 'local header',
      },
      {
        name: 'a compressed size past the entries',
        bytes: patched(zip, (z) => z.writeUInt32LE(zip.length, second + 20)),
        message: 'runs past',
      },
      {
        name: 'a zip64 marker without zip64 records',
        bytes: patched(zip, (z) => z.writeUInt32LE(0xffffffff, eocd + 16)),
        message: 'zip64',
      },
      { name: 'a multi-disk archive', bytes: patched(zip, (z) => z.writeUInt16LE(1, eocd + 4)), message: 'multi-disk' },
      {
        name: 'an entry count the directory does not hold',
        bytes: patched(zip, (z) => {
          z.writeUInt16LE(1, eocd + 8);
          z.writeUInt16LE(1, eocd + 10);
        }),
        message: 'size disagrees',
      },
      {
        name: 'an encrypted entry',
        bytes: patched(zip, (z) => z.writeUInt16LE(0x0801, second + 8)),
        message: 'encrypted',
      },
      {
        name: 'compression method 12 (bzip2)',
        bytes: patched(zip, (z) => z.writeUInt16LE(12, second + 10)),
        message: 'method 12',
      },
      {
        name: 'a wrong CRC-32',
        bytes: patched(zip, (z) => z.writeUInt32LE(0x12345678, second + 16)),
        message: 'CRC-32',
      },
      {
        name: 'a flipped byte in stored data',
        bytes: patched(zip, (z) => z.writeUInt8(z.readUInt8(30 + 'b.txt'.length) ^ 0xff, 30 + 'b.txt'.length)),
        message: 'CRC-32',
      },
      {
        name: 'deflated data that is not deflate',
        bytes: patched(zip, (z) =>
          z.fill(0xff, secondLocal + 30 + 'lib/index.mjs'.length, secondLocal + 40 + 'lib/index.mjs'.length),
        ),
        message: 'deflated data is corrupt',
      },
      {
        name: 'an uncompressed size smaller than the data (a zip bomb lying about its size)',
        bytes: patched(zip, (z) => z.writeUInt32LE(100, second + 24)),
        message: 'longer than 100 bytes',
      },
      {
        name: 'an uncompressed size larger than the data',
        bytes: patched(zip, (z) => z.writeUInt32LE(code.length + 1, second + 24)),
        message: `holds ${code.length} bytes`,
      },
      {
        name: 'a stored entry whose sizes differ',
        bytes: patched(zip, (z) => z.writeUInt32LE(5, central + 24)),
        message: 'sizes differ',
      },
    ])('$name', ({ bytes, message }) => {
      expect(failure(bytes).message).toContain(message);
    });
  });
});
