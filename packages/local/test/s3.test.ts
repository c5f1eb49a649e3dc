import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { S3ServiceException } from '@aws-sdk/client-s3';
import { clientConfig, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

let server: LocalServer;
let stop: () => Promise<void>;
let s3: S3Client;

beforeAll(async () => {
  ({ server, stop } = await startServer({ seed: { buckets: ['seeded'] } }));
  s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
});

afterAll(async () => {
  s3.destroy();
  await stop();
});

async function errorOf(p: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await p;
  } catch (e) {
    return e as S3ServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('S3', () => {
  it('stores and returns an object with its ETag', async () => {
    // Prepare
    await s3.send(new CreateBucketCommand({ Bucket: 'store-test' }));

    // Act
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'store-test',
        Key: 'a/b c.json',
        Body: '{"x":1}',
        ContentType: 'application/json',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'store-test', Key: 'a/b c.json' }));

    // Assess
    expect(await got.Body?.transformToString()).toBe('{"x":1}');
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentType).toBe('application/json');
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('creates the buckets the seed names', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'k', Body: 'v' }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('answers NoSuchKey for a missing object and NotFound for HEAD', async () => {
    const get = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'seeded', Key: 'missing' })));
    const head = await errorOf(s3.send(new HeadObjectCommand({ Bucket: 'seeded', Key: 'missing' })));
    expect(get.name).toBe('NoSuchKey');
    expect(get.$metadata.httpStatusCode).toBe(404);
    expect(head.$metadata.httpStatusCode).toBe(404);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    const e = await errorOf(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'v' })));
    expect(e.name).toBe('NoSuchBucket');
  });

  it('refuses If-None-Match: * on an existing key with 412 PreconditionFailed', async () => {
    // Prepare
    await s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'lock', Body: '{"uuid":"a"}', IfNoneMatch: '*' }));

    // Act
    const e = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'lock', Body: '{"uuid":"b"}', IfNoneMatch: '*' })),
    );
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: 'seeded', Key: 'lock' }))
    ).Body?.transformToString();

    // Assess
    expect(e.name).toBe('PreconditionFailed');
    expect(e.$metadata.httpStatusCode).toBe(412);
    expect(body).toBe('{"uuid":"a"}');
  });

  it('lets exactly one of ten concurrent If-None-Match writers win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'race', Body: `writer ${i}`, IfNoneMatch: '*' })),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as S3ServiceException).name);
    expect(won).toHaveLength(1);
    expect(lost).toEqual(Array.from({ length: 9 }, () => 'PreconditionFailed'));
  });

  it('applies If-Match on PutObject and DeleteObject only for the current ETag', async () => {
    // Prepare
    const first = await s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'owned', Body: 'one' }));
    const second = await s3.send(
      new PutObjectCommand({ Bucket: 'seeded', Key: 'owned', Body: 'two', IfMatch: first.ETag }),
    );

    // Act
    const stale = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'owned', Body: 'three', IfMatch: first.ETag })),
    );
    const staleDelete = await errorOf(
      s3.send(new DeleteObjectCommand({ Bucket: 'seeded', Key: 'owned', IfMatch: first.ETag })),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: 'seeded', Key: 'owned', IfMatch: second.ETag }));
    const gone = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'seeded', Key: 'owned' })));

    // Assess
    expect(stale.$metadata.httpStatusCode).toBe(412);
    expect(staleDelete.$metadata.httpStatusCode).toBe(412);
    expect(gone.name).toBe('NoSuchKey');
  });

  it('answers NoSuchKey to If-Match on a missing key', async () => {
    const e = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'seeded', Key: 'never', Body: 'x', IfMatch: '"abc"' })),
    );
    expect(e.name).toBe('NoSuchKey');
  });

  it('lists objects with a prefix, a delimiter and pagination', async () => {
    // Prepare
    await s3.send(new CreateBucketCommand({ Bucket: 'list-test' }));
    for (const key of ['p/a', 'p/b', 'p/c', 'p/sub/d', 'q/e']) {
      await s3.send(new PutObjectCommand({ Bucket: 'list-test', Key: key, Body: key }));
    }

    // Act
    const page1 = await s3.send(new ListObjectsV2Command({ Bucket: 'list-test', Prefix: 'p/', MaxKeys: 2 }));
    const page2 = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'list-test',
        Prefix: 'p/',
        MaxKeys: 2,
        ContinuationToken: page1.NextContinuationToken,
      }),
    );
    const folders = await s3.send(new ListObjectsV2Command({ Bucket: 'list-test', Prefix: 'p/', Delimiter: '/' }));

    // Assess
    expect(page1.Contents?.map((o) => o.Key)).toEqual(['p/a', 'p/b']);
    expect(page1.IsTruncated).toBe(true);
    expect(page2.Contents?.map((o) => o.Key)).toEqual(['p/c', 'p/sub/d']);
    expect(page2.IsTruncated).toBe(false);
    expect(page2.NextContinuationToken).toBeUndefined();
    expect(folders.Contents?.map((o) => o.Key)).toEqual(['p/a', 'p/b', 'p/c']);
    expect(folders.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['p/sub/']);
    expect(page1.Contents?.[0]?.Size).toBe(3);
  });

  it('keeps objects across a restart with the same data directory', async () => {
    // Prepare
    const { createLocalServer } = await import('../src/index.js');
    const { tempDir } = await import('./helpers.js');
    const temp = tempDir();
    const first = await createLocalServer({ dataDir: temp.dir, seed: { buckets: ['kept'] } });
    const client1 = new S3Client({ ...clientConfig(first), forcePathStyle: true });
    await client1.send(new PutObjectCommand({ Bucket: 'kept', Key: 'k', Body: 'persisted' }));
    client1.destroy();
    await first.close();

    // Act
    const second = await createLocalServer({ dataDir: temp.dir });
    const client2 = new S3Client({ ...clientConfig(second), forcePathStyle: true });
    const got = await client2.send(new GetObjectCommand({ Bucket: 'kept', Key: 'k' }));
    const text = await got.Body?.transformToString();
    client2.destroy();
    await second.close();
    temp.remove();

    // Assess
    expect(text).toBe('persisted');
  });

  it('serves virtual-hosted-style requests', async () => {
    // Prepare: bucket.localhost resolves to loopback only where the resolver supports *.localhost, so send the Host header by hand.
    const { request } = await import('node:http');

    // Act
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/k',
          method: 'GET',
          headers: { host: `seeded.localhost:${server.port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });

    // Assess
    expect(status).toBe(200);
  });

  it('copies objects, serves byte ranges and deletes objects in bulk', async () => {
    // Prepare
    await s3.send(new CreateBucketCommand({ Bucket: 'bulk-test' }));
    await s3.send(new PutObjectCommand({ Bucket: 'bulk-test', Key: 'src', Body: '0123456789' }));

    // Act
    await s3.send(new CopyObjectCommand({ Bucket: 'bulk-test', Key: 'copy', CopySource: 'bulk-test/src' }));
    const range = await s3.send(new GetObjectCommand({ Bucket: 'bulk-test', Key: 'copy', Range: 'bytes=2-4' }));
    const rangeText = await range.Body?.transformToString();
    const deleted = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'bulk-test', Delete: { Objects: [{ Key: 'src' }, { Key: 'copy' }] } }),
    );
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'bulk-test' }));

    // Assess
    expect(rangeText).toBe('234');
    expect(range.ContentRange).toBe('bytes 2-4/10');
    expect(deleted.Deleted?.map((d) => d.Key)).toEqual(['src', 'copy']);
    expect(left.KeyCount).toBe(0);
  });

  it('puts, reads and deletes bucket tags without touching the bucket', async () => {
    // Prepare
    await s3.send(new CreateBucketCommand({ Bucket: 'tag-test' }));

    // Act
    await s3.send(
      new PutBucketTaggingCommand({ Bucket: 'tag-test', Tagging: { TagSet: [{ Key: 'Team', Value: 'a&b' }] } }),
    );
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-test' }));
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tag-test' }));
    const none = await errorOf(s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-test' })));

    // Assess
    expect(tags.TagSet).toEqual([{ Key: 'Team', Value: 'a&b' }]);
    expect(none.name).toBe('NoSuchTagSet');
  });

  it("assembles a multipart upload, with S3's multipart ETag", async () => {
    // Prepare
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'seeded', Key: 'big.bin' }));
    const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    const part2 = Buffer.from('tail');

    // Act
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket: 'seeded', Key: 'big.bin', UploadId, PartNumber: 1, Body: part1 }),
    );
    const p2 = await s3.send(
      new UploadPartCommand({ Bucket: 'seeded', Key: 'big.bin', UploadId, PartNumber: 2, Body: part2 }),
    );
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'seeded',
        Key: 'big.bin',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'seeded', Key: 'big.bin' }));
    const aborted = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'seeded', Key: 'never.bin' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'seeded', Key: 'never.bin', UploadId: aborted.UploadId }));
    const gone = await errorOf(
      s3.send(
        new UploadPartCommand({
          Bucket: 'seeded',
          Key: 'never.bin',
          UploadId: aborted.UploadId,
          PartNumber: 1,
          Body: 'x',
        }),
      ),
    );

    // Assess
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(head.ContentLength).toBe(part1.length + part2.length);
    expect(gone.name).toBe('NoSuchUpload');
  });
});
