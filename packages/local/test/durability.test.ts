import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3ServiceException } from '@aws-sdk/client-s3';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { clientConfig, tempDir } from './helpers.js';

const recordOf = (dataDir: string, bucket: string, key: string): string =>
  path.join(dataDir, 's3', bucket, 'objects', `${createHash('sha256').update(key).digest('hex')}.json`);

async function failure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as S3ServiceException;
    return { name: err.name, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the request to fail');
}

async function withServer<T>(
  dataDir: string,
  reports: string[],
  run: (s3: S3Client, server: LocalServer) => Promise<T>,
): Promise<T> {
  const server = await createLocalServer({ port: 0, dataDir, report: (m) => reports.push(m) });
  const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  try {
    return await run(s3, server);
  } finally {
    s3.destroy();
    await server.close();
  }
}

const text = async (s3: S3Client, Bucket: string, Key: string): Promise<string | undefined> =>
  (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString();

describe('the S3 data directory', () => {
  it('reports each bad file by its relative name at start, serves the rest, deletes nothing and cleans temp files', async () => {
    // Prepare
    const temp = tempDir();
    await withServer(temp.dir, [], async (s3) => {
      for (const Bucket of ['data', 'other']) await s3.send(new CreateBucketCommand({ Bucket }));
      for (const Key of ['empty', 'shape', 'nobody', 'fine'])
        await s3.send(new PutObjectCommand({ Bucket: 'data', Key, Body: `body of ${Key}` }));
      await s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'kept', Body: 'still here' }));
    });
    writeFileSync(recordOf(temp.dir, 'data', 'empty'), '');
    writeFileSync(recordOf(temp.dir, 'data', 'shape'), '{"key":42}');
    const nobody = JSON.parse(readFileSync(recordOf(temp.dir, 'data', 'nobody'), 'utf8')) as { bodyFile: string };
    rmSync(path.join(temp.dir, 's3', 'data', 'objects', nobody.bodyFile));
    writeFileSync(path.join(temp.dir, 's3', 'other', 'bucket.json'), 'not json');
    const leftover = path.join(temp.dir, 's3', 'data', 'objects', 'abc.json.0123456789ab.tmp');
    writeFileSync(leftover, '{"half":');
    const reports: string[] = [];

    // Act
    const seen = await withServer(temp.dir, reports, async (s3) => ({
      listed: (await s3.send(new ListObjectsV2Command({ Bucket: 'data' }))).Contents?.map((o) => o.Key),
      fine: await text(s3, 'data', 'fine'),
      nobody: await failure(s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'nobody' }))),
      kept: await text(s3, 'other', 'kept'),
    }));

    // Assess
    expect(seen).toEqual({
      listed: ['fine', 'nobody'],
      fine: 'body of fine',
      nobody: { name: 'InternalError', status: 500 },
      kept: 'still here',
    });
    const relative = (file: string): string => path.relative(temp.dir, file);
    expect(reports).toEqual(
      expect.arrayContaining([
        expect.stringContaining(relative(recordOf(temp.dir, 'data', 'empty'))),
        expect.stringContaining(relative(recordOf(temp.dir, 'data', 'shape'))),
        expect.stringContaining(`s3/data/objects/${nobody.bodyFile}`),
        expect.stringContaining('s3/other/bucket.json'),
      ]),
    );
    expect(reports).toHaveLength(4);
    expect(reports.filter((r) => r.includes(temp.dir))).toEqual([]);
    expect([
      existsSync(recordOf(temp.dir, 'data', 'empty')),
      existsSync(recordOf(temp.dir, 'data', 'shape')),
      existsSync(leftover),
    ]).toEqual([true, true, false]);
    temp.remove();
  }, 30_000);

  it('answers InternalError and changes nothing when a write cannot reach the disk, then takes it once it can', async () => {
    // Prepare: the bucket's objects folder is a file, so no write into it can succeed (even as root)
    const temp = tempDir();
    const reports: string[] = [];
    await withServer(temp.dir, reports, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'locks' }));
      const objects = path.join(temp.dir, 's3', 'locks', 'objects');
      rmSync(objects, { recursive: true, force: true });
      writeFileSync(objects, 'in the way');
      const lock = (): Promise<unknown> =>
        s3.send(new PutObjectCommand({ Bucket: 'locks', Key: 'deploy.lock', Body: 'me', IfNoneMatch: '*' }));

      // Act
      const refused = await failure(lock());
      const afterRefusal = await failure(s3.send(new GetObjectCommand({ Bucket: 'locks', Key: 'deploy.lock' })));
      rmSync(objects);
      mkdirSync(objects);
      await lock();

      // Assess
      expect(refused).toEqual({ name: 'InternalError', status: 500 });
      expect(afterRefusal).toEqual({ name: 'NoSuchKey', status: 404 });
      expect(await text(s3, 'locks', 'deploy.lock')).toBe('me');
      expect(readdirSync(objects).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
    temp.remove();
  }, 30_000);
});
