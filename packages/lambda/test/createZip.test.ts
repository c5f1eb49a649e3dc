import { createZip, readZip } from '@step/lambda/build';
import { crc32 } from '../src/build/crc32.js';

describe('crc32', () => {
  it.each([
    { text: '', crc: 0 },
    { text: '123456789', crc: 0xcbf43926 },
    { text: 'The quick brown fox jumps over the lazy dog', crc: 0x414fa339 },
  ])('computes $crc for "$text"', ({ text, crc }) => {
    expect(crc32(Buffer.from(text))).toBe(crc);
  });
});

describe('createZip', () => {
  const entries = [
    { name: 'b.txt', data: Buffer.from('tiny') },
    { name: 'a/index.mjs', data: Buffer.from('export const handler = async () => 1;\n'.repeat(50)) },
  ];

  it('writes entries that read back with the same bytes, sorted by name', () => {
    const files = readZip(createZip(entries));

    expect(files.map((f) => [f.name, f.data.toString()])).toEqual([
      ['a/index.mjs', entries[1]!.data.toString()],
      ['b.txt', 'tiny'],
    ]);
  });

  it('stamps every entry 1980-01-01 00:00 and mode 0644', () => {
    const files = readZip(createZip(entries));

    expect(files.map((f) => [f.dosDate, f.dosTime, f.mode])).toEqual([
      [33, 0, 0o100644],
      [33, 0, 0o100644],
    ]);
  });

  it('gives the same bytes whatever the input order', () => {
    expect(createZip(entries).equals(createZip([...entries].reverse()))).toBe(true);
  });

  it('writes an empty archive as a bare end record', () => {
    expect(createZip([])).toHaveLength(22);
  });
});
