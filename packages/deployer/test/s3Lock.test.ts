import { LockError } from '../src/errors.js';
import { acquireS3Lock, releaseS3Lock } from '../src/s3Lock.js';
import { awsError, FakeAws } from './helpers/FakeAws.js';
import { createMockedClients } from './helpers/mockedClients.js';

const BUCKET = 'bucket';
const KEY = 'account/project/config/lock';

function s3(fake = new FakeAws()) {
  return { fake, s3: createMockedClients(fake)('us-east-1').s3 };
}

describe('acquireS3Lock', () => {
  it('takes a free lock with If-None-Match and returns its ETag', async () => {
    // Prepare
    const { fake, s3: client } = s3();

    // Act
    const result = await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });

    // Assess
    expect(result).toMatchObject({ acquired: true, etag: expect.stringMatching(/^".+"$/) });
    expect(JSON.parse(fake.getObjectText(BUCKET, KEY) ?? '{}')).toEqual({ uuid: 'me' });
  });

  it('counts a lock it already holds as taken (a retried task)', async () => {
    const { s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    await expect(acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' })).resolves.toMatchObject({ acquired: true });
  });

  it('does not take a lock held by another uuid and names the holder', async () => {
    const { s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: 'other', release_id: 'release-0' });
    await expect(acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' })).resolves.toEqual({
      acquired: false,
      holder: { uuid: 'other', release_id: 'release-0' },
    });
  });

  it('throws LockError when the write fails for another reason', async () => {
    // Prepare
    const { fake, s3: client } = s3();
    fake.inject({ service: 'S3', op: 'PutObject', error: awsError('InternalError', 500) });

    // Act / Assess
    await expect(acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' })).rejects.toBeInstanceOf(LockError);
  });

  it('throws LockError, not "held by another", when a lock it lost the write for cannot be read', async () => {
    // Prepare
    const { fake, s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    fake.inject({ service: 'S3', op: 'GetObject', error: awsError('InternalError', 500) });

    // Act / Assess
    await expect(acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' })).rejects.toThrow(/exists but could not be read/);
  });

  it('lets exactly one of many concurrent writers win', async () => {
    const { s3: client } = s3();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => acquireS3Lock(client, BUCKET, KEY, { uuid: `u${i}` })),
    );
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
  });
});

describe('releaseS3Lock', () => {
  it.each([
    ['released', 'me'],
    ['held-by-other', 'other'],
  ] as const)('answers %s for a lock held by %s', async (expected, holder) => {
    // Prepare
    const { fake, s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: holder });

    // Act
    const result = await releaseS3Lock(client, BUCKET, KEY, 'me');

    // Assess
    expect(result).toBe(expected);
    expect(fake.hasObject(BUCKET, KEY)).toBe(expected !== 'released');
  });

  it('releases with one conditional delete when given the ETag it wrote', async () => {
    // Prepare
    const { fake, s3: client } = s3();
    const taken = await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    const etag = taken.acquired ? taken.etag : undefined;

    // Act
    const result = await releaseS3Lock(client, BUCKET, KEY, 'me', etag);

    // Assess
    expect(result).toBe('released');
    expect(fake.calls.map((c) => c.op)).toEqual(['PutObject', 'DeleteObject']);
  });

  it('leaves a lock rewritten by someone else even with the old ETag', async () => {
    // Prepare
    const { fake, s3: client } = s3();
    const taken = await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    fake.putObject(BUCKET, KEY, JSON.stringify({ uuid: 'other' }));

    // Act
    const result = await releaseS3Lock(client, BUCKET, KEY, 'me', taken.acquired ? taken.etag : undefined);

    // Assess
    expect(result).toBe('held-by-other');
    expect(fake.getObjectText(BUCKET, KEY)).toContain('other');
  });

  it('answers absent for a missing lock', async () => {
    const { s3: client } = s3();
    await expect(releaseS3Lock(client, BUCKET, KEY, 'me')).resolves.toBe('absent');
  });

  it('never deletes a lock that changed hands after it was read', async () => {
    // Prepare
    const { fake, s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    fake.before = (_service, op) => {
      if (op === 'DeleteObject') fake.putObject(BUCKET, KEY, JSON.stringify({ uuid: 'thief' }));
    };

    // Act
    const result = await releaseS3Lock(client, BUCKET, KEY, 'me');

    // Assess
    expect(result).toBe('held-by-other');
    expect(fake.getObjectText(BUCKET, KEY)).toContain('thief');
    expect(fake.calls.find((c) => c.op === 'DeleteObject')).toBeDefined();
  });

  it('throws LockError when S3 fails', async () => {
    const { fake, s3: client } = s3();
    await acquireS3Lock(client, BUCKET, KEY, { uuid: 'me' });
    fake.inject({ service: 'S3', op: 'DeleteObject', error: awsError('InternalError', 500) });
    await expect(releaseS3Lock(client, BUCKET, KEY, 'me')).rejects.toThrow(
      /Could not delete the lock s3:\/\/bucket\/account\/project\/config\/lock: InternalError/,
    );
  });
});
