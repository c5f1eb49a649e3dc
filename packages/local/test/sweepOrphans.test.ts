import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { findOrphans } from '../src/store/sweepOrphans.js';
import { ROLE, clientConfig, handlerZip, tempDir } from './helpers.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

async function withServer<T>(
  dataDir: string,
  reports: string[],
  run: (clients: { s3: S3Client; lambda: LambdaClient }, server: LocalServer) => Promise<T>,
): Promise<T> {
  const server = await createLocalServer({ port: 0, dataDir, report: (m) => reports.push(m) });
  const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
  const lambda = new LambdaClient(clientConfig(server));
  try {
    return await run({ s3, lambda }, server);
  } finally {
    s3.destroy();
    lambda.destroy();
    await server.close();
  }
}

describe('findOrphans', () => {
  it('keeps referenced files, files of unreadable records and files the store did not name', () => {
    // Act
    const orphans = findOrphans(['a.1.bin', 'a.2.bin', 'b.1.bin', 'notes.txt'], {
      folder: 'x',
      owner: (n) => /^([ab])\.\d\.bin$/.exec(n)?.[1],
      isReferenced: (n) => n === 'a.2.bin',
      unreadableOwners: new Set(['b']),
      what: 'a body',
    });

    // Assess
    expect(orphans).toEqual(['a.1.bin']);
  });
});

describe('the sweep of orphans at start', () => {
  it('removes S3 bodies and Lambda zips no record names, reports them by relative name, and keeps everything else', async () => {
    // Prepare
    const temp = tempDir();
    const first = handlerZip('export const handler = async () => 1;');
    const second = handlerZip('export const handler = async () => 2;');
    const before = await withServer(temp.dir, [], async ({ s3, lambda }) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'data' }));
      await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'kept', Body: 'the body' }));
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'fn',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: first },
        }),
      );
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn', ZipFile: second }));
      return (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).CodeSha256;
    });
    const objects = path.join(temp.dir, 's3', 'data', 'objects');
    const torn = `${sha('kept')}.0badf00d.bin`;
    const never = `${sha('never acknowledged')}.12345678.bin`;
    writeFileSync(path.join(objects, torn), 'a body whose record was never written');
    writeFileSync(path.join(objects, never), 'another');
    writeFileSync(path.join(objects, 'notes.txt'), 'the user put this here');
    const firstZip = `${createHash('sha256').update(first).digest('hex')}.zip`;
    const reports: string[] = [];

    // Act
    const after = await withServer(temp.dir, reports, async ({ s3, lambda }) => ({
      body: await (await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'kept' }))).Body?.transformToString(),
      code: (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn' }))).CodeSha256,
    }));

    // Assess
    expect(after).toEqual({ body: 'the body', code: before });
    expect([existsSync(path.join(objects, torn)), existsSync(path.join(objects, never))]).toEqual([false, false]);
    expect(existsSync(path.join(objects, 'notes.txt'))).toBe(true);
    expect(readdirSync(path.join(temp.dir, 'lambda', 'code'))).toEqual([
      `${createHash('sha256').update(second).digest('hex')}.zip`,
    ]);
    expect(reports).toEqual(
      expect.arrayContaining(
        [`s3/data/objects/${torn}`, `s3/data/objects/${never}`, `lambda/code/${firstZip}`].map(
          (rel) => expect.stringContaining(`removed ${rel}: `) as unknown,
        ),
      ),
    );
    expect(reports).toHaveLength(3);
    expect(reports.filter((r) => r.includes(temp.dir))).toEqual([]);
    temp.remove();
  }, 30_000);
});
