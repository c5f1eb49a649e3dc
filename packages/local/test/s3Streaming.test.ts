import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLocalServer } from '../src/index.js';
import { clientConfig, tempDir } from './helpers.js';

describe('GetObject of a large body', () => {
  it('streams it from the data directory, whole and by range, before and after a restart', async () => {
    // Prepare: 3 MB (over the 1 MB kept in memory), distinct bytes so a wrong offset shows.
    const temp = tempDir();
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7) % 251;
    const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
    const read = async (s3: S3Client, range?: string): Promise<Buffer> => {
      const out = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'blob.bin', Range: range }));
      return Buffer.from(await out.Body!.transformToByteArray());
    };

    try {
      // Act
      let server = await createLocalServer({ dataDir: temp.dir, seed: { buckets: ['big'] } });
      let s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'blob.bin', Body: body }));
      const whole = await read(s3);
      const middle = await read(s3, 'bytes=1048570-2097160');
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'big', Key: 'blob.bin' }));
      s3.destroy();
      await server.close();
      server = await createLocalServer({ dataDir: temp.dir });
      s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      const tail = await read(s3, 'bytes=-10');
      const again = await read(s3);
      s3.destroy();
      await server.close();

      // Assess
      expect(md5(whole)).toBe(md5(body));
      expect(middle.equals(body.subarray(1048570, 2097161))).toBe(true);
      expect(head.ContentLength).toBe(body.length);
      expect(tail.equals(body.subarray(body.length - 10))).toBe(true);
      expect(md5(again)).toBe(md5(body));
    } finally {
      temp.remove();
    }
  }, 20_000);
});
