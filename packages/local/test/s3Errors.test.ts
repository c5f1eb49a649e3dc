import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { parseCompleteMultipartUpload, parseDelete, parseTagging } from '../src/s3/parseS3Xml.js';
import { clientConfig } from './helpers.js';

const auth = `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`;
let server: LocalServer;
let s3: S3Client;
const MANY = 1_005;

beforeAll(async () => {
  server = await createLocalServer({ seed: { buckets: ['errs', 'many', 'other'] } });
  s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  await s3.send(new PutObjectCommand({ Bucket: 'errs', Key: 'ten.txt', Body: '0123456789' }));
  // Plain PUTs (no SDK checksums): a thousand objects in a few hundred milliseconds.
  for (let i = 0; i < MANY; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, MANY - i) }, (_, j) =>
        fetch(`${server.url}/many/k${String(i + j).padStart(5, '0')}`, {
          method: 'PUT',
          headers: { authorization: auth },
          body: 'x',
        }).then((r) => r.arrayBuffer()),
      ),
    );
  }
  await s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'a', Body: 'x' }));
  await s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'b', Body: 'x' }));
}, 30_000);

afterAll(async () => {
  s3.destroy();
  await server.close();
});

async function raw(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: auth, ...headers }, body });
  return { status: res.status, text: await res.text() };
}

async function s3Error(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error('expected an S3 error');
}

const MALFORMED = 'The XML you provided was not well-formed or did not validate against our published schema';

describe('S3 request XML', () => {
  it.each([
    { name: 'DeleteObjects with XML that is not well-formed', path: '/errs?delete', body: '<Delete><Object><Key>a' },
    { name: 'DeleteObjects with no objects', path: '/errs?delete', body: '<Delete><Quiet>true</Quiet></Delete>' },
    {
      name: 'DeleteObjects with another root',
      path: '/errs?delete',
      body: '<Remove><Object><Key>a</Key></Object></Remove>',
    },
    {
      name: 'DeleteObjects with a DTD',
      path: '/errs?delete',
      body: '<!DOCTYPE d [<!ENTITY e "x">]><Delete><Object><Key>&e;</Key></Object></Delete>',
    },
    { name: 'PutBucketTagging without a TagSet', path: '/errs?tagging', body: '<Tagging></Tagging>', method: 'PUT' },
    {
      name: 'PutBucketTagging with a tag missing its Value',
      path: '/errs?tagging',
      body: '<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>',
      method: 'PUT',
    },
    { name: 'an empty body', path: '/errs?delete', body: '' },
  ])('answers $name with 400 MalformedXML', async ({ path, body, method }) => {
    // Act
    const answer = await raw(method ?? 'POST', path, body);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>MalformedXML</Code>');
    expect(answer.text).toContain(`<Message>${MALFORMED}</Message>`);
  });

  it('reads entities, CDATA and the namespace the SDK sends', () => {
    expect(
      parseTagging(
        Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a&amp;b</Key><Value></Value></Tag><Tag><Key> sp </Key><Value><![CDATA[<x>]]></Value></Tag></TagSet></Tagging>',
        ),
      ),
    ).toEqual({ 'a&b': '', ' sp ': '<x>' });
    expect(parseDelete(Buffer.from('<Delete><Quiet>true</Quiet><Object><Key>1</Key></Object></Delete>'))).toEqual({
      quiet: true,
      keys: ['1'],
    });
    expect(
      parseCompleteMultipartUpload(
        Buffer.from(
          '<CompleteMultipartUpload><Part><ETag>"e"</ETag><PartNumber> 2 </PartNumber></Part></CompleteMultipartUpload>',
        ),
      ),
    ).toEqual([{ partNumber: 2, etag: '"e"' }]);
    expect(() =>
      parseCompleteMultipartUpload(
        Buffer.from('<CompleteMultipartUpload><Part><PartNumber>x</PartNumber></Part></CompleteMultipartUpload>'),
      ),
    ).toThrow(MALFORMED);
  });
});

describe('S3 Range', () => {
  it.each([
    { range: 'bytes=2-4', status: 206, body: '234', contentRange: 'bytes 2-4/10' },
    { range: 'bytes=7-', status: 206, body: '789', contentRange: 'bytes 7-9/10' },
    { range: 'bytes=-3', status: 206, body: '789', contentRange: 'bytes 7-9/10' },
    { range: 'bytes=8-100', status: 206, body: '89', contentRange: 'bytes 8-9/10' },
    { range: 'bytes=5-2', status: 200, body: '0123456789', contentRange: undefined },
    { range: 'bytes=0-1,4-5', status: 200, body: '0123456789', contentRange: undefined },
    { range: 'items=0-1', status: 200, body: '0123456789', contentRange: undefined },
  ])('serves $range with $status', async ({ range, status, body, contentRange }) => {
    // Act
    const out = await s3.send(new GetObjectCommand({ Bucket: 'errs', Key: 'ten.txt', Range: range }));

    // Assess
    expect(out.$metadata.httpStatusCode).toBe(status);
    expect(await out.Body!.transformToString()).toBe(body);
    expect(out.ContentRange).toBe(contentRange);
  });

  it.each(['bytes=10-', 'bytes=100-200', 'bytes=-0'])('answers %s with 416 InvalidRange', async (range) => {
    // Act
    const error = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'errs', Key: 'ten.txt', Range: range })));
    const answer = await raw('GET', '/errs/ten.txt', undefined, { range });

    // Assess
    expect(error).toMatchObject({
      name: 'InvalidRange',
      status: 416,
      message: 'The requested range is not satisfiable',
    });
    expect(answer.text).toContain('<ActualObjectSize>10</ActualObjectSize>');
  });
});

describe('S3 ListObjectsV2 paging', () => {
  it('caps max-keys at 1,000 instead of refusing it', async () => {
    // Act
    const page = await s3.send(new ListObjectsV2Command({ Bucket: 'many', MaxKeys: 5_000 }));

    // Assess
    expect(page.KeyCount).toBe(1_000);
    expect(page.IsTruncated).toBe(true);
  });

  it.each(['abc', '-1', '1.5', ''])('refuses max-keys=%s with InvalidArgument', async (value) => {
    // Act
    const answer = await raw('GET', `/many?list-type=2&max-keys=${value}`);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>InvalidArgument</Code>');
    expect(answer.text).toContain('<ArgumentName>max-keys</ArgumentName>');
  });

  it('pages through every key with opaque tokens', async () => {
    // Act
    const keys: string[] = [];
    const tokens: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 400 }, { Bucket: 'many' })) {
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      if (page.NextContinuationToken !== undefined) tokens.push(page.NextContinuationToken);
    }

    // Assess
    expect(keys).toHaveLength(MANY);
    expect(new Set(keys).size).toBe(MANY);
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(Buffer.from(token, 'base64url').toString('utf8')).not.toMatch(/^k\d+$/);
  });

  it.each([
    { name: 'a made-up token', token: () => Promise.resolve('bm90LWEtdG9rZW4') },
    { name: 'a token with characters outside base64url', token: () => Promise.resolve('!!!') },
    {
      name: "another bucket's token",
      token: async () =>
        (await s3.send(new ListObjectsV2Command({ Bucket: 'other', MaxKeys: 1 }))).NextContinuationToken!,
    },
  ])('refuses $name with InvalidArgument', async ({ token }) => {
    // Act
    const error = await s3Error(
      s3.send(new ListObjectsV2Command({ Bucket: 'many', ContinuationToken: await token() })),
    );

    // Assess
    expect(error).toEqual({
      name: 'InvalidArgument',
      status: 400,
      message: 'The continuation token provided is incorrect',
    });
  });
});
