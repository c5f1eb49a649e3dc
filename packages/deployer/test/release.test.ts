import fc from 'fast-check';
import { BadReleaseError } from '../src/errors.js';
import {
  canonicalReleaseJson,
  hashRelease,
  lambdaArn,
  parseArn,
  parseRelease,
  releasePaths,
  rolePath,
  stateMachineArn,
} from '../src/release.js';
import { mockRelease } from './scenarios.js';

describe('parseRelease', () => {
  it('accepts a release as an object, JSON text or bytes', () => {
    const release = mockRelease();
    for (const input of [release, JSON.stringify(release), Buffer.from(JSON.stringify(release))]) {
      expect(parseRelease(input)).toEqual(release);
    }
  });

  it('drops a top-level Task key and null values', () => {
    expect(parseRelease({ Task: 'Validate', release_id: 'r', bucket: null })).toEqual({ release_id: 'r' });
  });

  it.each([
    [{ asd: 'asd' }, /unknown key "asd"/],
    [{ release_id: 7 }, /"release_id" must be a string/],
    [{ timeout: '600' }, /"timeout" must be a number/],
    [{ metadata: { a: 1 } }, /"metadata" must be an object of strings/],
    [{ error: { Error: 'x', Extra: 'y' } }, /"error" must be an object/],
    [[], /must be a JSON object/],
    ['{"a":', /not valid JSON/],
  ])('rejects %j', (input, message) => {
    expect(() => parseRelease(input)).toThrow(BadReleaseError);
    expect(() => parseRelease(input)).toThrow(message);
  });

  it('reports every problem at once', () => {
    // Act
    let error: unknown;
    try {
      parseRelease({ a: 1, b: 2, release_id: 3 });
    } catch (e) {
      error = e;
    }

    // Assess
    expect((error as BadReleaseError).problems).toHaveLength(3);
  });
});

describe('hashRelease', () => {
  it('ignores key order, empty values and server fields', () => {
    // Prepare
    const release = mockRelease();
    const shuffled = Object.fromEntries(Object.entries(release).reverse());

    // Act
    const variants = [
      shuffled,
      { ...release, uuid: 'x', started_at: 'y', success: true, error: { Error: 'E' }, previous: {} },
      {
        ...release,
        bucket: release.bucket,
        metadata: { ...release.metadata },
        timeout: undefined,
        lambda_s3_version: 'v1',
      },
    ];

    // Assess
    for (const variant of variants) expect(hashRelease(parseRelease(variant))).toBe(hashRelease(release));
  });

  it('changes with any client field', () => {
    const release = mockRelease();
    expect(hashRelease({ ...release, created_at: '2026-11-26T10:00:00Z' })).not.toBe(hashRelease(release));
    expect(hashRelease({ ...release, metadata: { User: 'mallory' } })).not.toBe(hashRelease(release));
  });

  it('gives the same hash after any JSON round trip', () => {
    fc.assert(
      fc.property(
        fc.record({
          release_id: fc.string(),
          project_name: fc.string(),
          timeout: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
          metadata: fc.dictionary(fc.string(), fc.string()),
          state_machine_json: fc.string(),
        }),
        (release) => {
          const copy = parseRelease(JSON.stringify(JSON.parse(JSON.stringify(release, null, 3))));
          expect(hashRelease(copy)).toBe(hashRelease(release));
        },
      ),
    );
  });

  it('serialises sorted keys without empties', () => {
    expect(canonicalReleaseJson({ release_id: 'r', bucket: '', metadata: { b: '2', a: '1' }, uuid: 'u' })).toBe(
      '{"metadata":{"a":"1","b":"2"},"release_id":"r"}',
    );
  });
});

describe('paths and ARNs', () => {
  it('puts everything under <account>/<project>/<config>', () => {
    expect(
      releasePaths({ aws_account_id: 'account', project_name: 'project', config_name: 'config', release_id: 'id' }),
    ).toEqual({
      prefix: 'account/project/config',
      release: 'account/project/config/id/release',
      zip: 'account/project/config/id/lambda.zip',
      releaseLock: 'account/project/config/id/lock',
      rootLock: 'account/project/config/lock',
      userLock: 'account/project/config/user-lock',
    });
  });

  it('builds ARNs from names and keeps ARNs', () => {
    const base = { aws_region: 'cn-north-1', aws_account_id: '123456789012' };
    expect(lambdaArn({ ...base, lambda_name: 'fn' })).toBe('arn:aws-cn:lambda:cn-north-1:123456789012:function:fn');
    expect(stateMachineArn({ ...base, step_fn_name: 'sm' })).toBe(
      'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:sm',
    );
    expect(lambdaArn({ ...base, lambda_name: 'arn:aws:lambda:x:1:function:f' })).toBe('arn:aws:lambda:x:1:function:f');
    expect(lambdaArn({ ...base, lambda_name: 'abc' })).toBe('arn:aws-cn:lambda:cn-north-1:123456789012:function:abc');
  });

  it.each([
    ['', '/'],
    ['arn:aws:iam::1:role/bar', '/'],
    ['arn:aws:iam::1:role/bla/foo/bar', '/bla/foo/'],
    ['arn:aws:iam::1:role/step/org/project/config/name', '/step/org/project/config/'],
  ])('reads the path of role %j as %j', (arn, path) => {
    expect(rolePath(arn)).toBe(path);
  });

  it('splits ARNs whose resource contains colons', () => {
    expect(parseArn('arn:aws:states:us-east-1:1:execution:sm:name')).toEqual({
      partition: 'aws',
      service: 'states',
      region: 'us-east-1',
      account: '1',
      resource: 'execution:sm:name',
    });
    expect(parseArn('not-an-arn')).toBeUndefined();
  });
});
