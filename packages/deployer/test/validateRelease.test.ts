import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import { BadReleaseError } from '../src/errors.js';
import {
  checkReleaseFields,
  MAX_CLOCK_SKEW_MS,
  MAX_DEFINITION_BYTES,
  MAX_RELEASE_AGE_MS,
  MAX_RELEASE_BYTES,
  MAX_ZIP_BYTES,
} from '../src/handlers/validateRelease.js';
import { releasePaths } from '../src/release.js';
import type { Release } from '../src/release.js';
import { FakeAws } from './helpers/FakeAws.js';
import { createMockedClients } from './helpers/mockedClients.js';
import type { Overrides } from './helpers/mockedClients.js';
import { ACCOUNT, BUCKET, mockRelease, NOW, REGION, ZIP } from './scenarios.js';

const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();
const freshness = (created: string): string[] =>
  checkReleaseFields(mockRelease({ created_at: created }), NOW).filter((p) => /created_at/.test(p));

describe('created_at freshness, against the injected clock', () => {
  it.each([
    ['exactly 10 days old', at(-MAX_RELEASE_AGE_MS), false],
    ['1 ms younger than 10 days', at(-MAX_RELEASE_AGE_MS + 1), true],
    ['now', at(0), true],
    ['1 ms short of 2 minutes ahead', at(MAX_CLOCK_SKEW_MS - 1), true],
    ['exactly 2 minutes ahead', at(MAX_CLOCK_SKEW_MS), false],
  ])('%s (%s): accepted %s', (_name, created, accepted) => {
    expect(freshness(created)).toHaveLength(accepted ? 0 : 1);
  });

  it('names the window and the clock when it refuses', () => {
    expect(freshness(at(-MAX_RELEASE_AGE_MS))[0]).toMatch(/older than 10 days .*at 2026-11-26T10:00:00.000Z/);
  });

  it('refuses a timestamp that is not RFC 3339', () => {
    expect(freshness('26 Nov 2026 10:00:00 GMT')[0]).toMatch(/RFC 3339/);
  });
});

describe("sizes against AWS's limits", () => {
  it('refuses a definition over 1 MiB', () => {
    // Prepare
    const big = JSON.stringify({
      Comment: 'x'.repeat(MAX_DEFINITION_BYTES),
      StartAt: 'A',
      States: { A: { Type: 'Succeed' } },
    });

    // Act
    const problems = checkReleaseFields(mockRelease({ state_machine_json: big }), NOW);

    // Assess
    expect(problems).toEqual([expect.stringMatching(/AWS allows at most 1048576/)]);
  });

  function validateWith(overrides: Overrides, s3Release: string = JSON.stringify(mockRelease())): Promise<unknown> {
    const fake = new FakeAws({ region: REGION, account: ACCOUNT });
    const paths = releasePaths(mockRelease() as Required<Release>);
    fake.putObject(BUCKET, paths.release, s3Release);
    fake.putObject(BUCKET, paths.zip, ZIP);
    const { Validate } = createDeployerHandlers({
      clients: createMockedClients(fake, overrides),
      region: REGION,
      accountId: ACCOUNT,
      now: () => NOW,
    });
    return Validate(mockRelease());
  }

  it('refuses a zip larger than a function can be, before reading it', async () => {
    // Prepare
    let bodyRead = false;
    const overrides: Overrides = {
      'S3.GetObject': (input) =>
        String(input.Key).endsWith('lambda.zip')
          ? {
              ContentLength: MAX_ZIP_BYTES + 1,
              Body: {
                transformToByteArray: () => {
                  bodyRead = true;
                  return Promise.resolve(ZIP);
                },
              },
            }
          : { Body: { transformToByteArray: () => Promise.resolve(Buffer.from(JSON.stringify(mockRelease()))) } },
    };

    // Act / Assess
    await expect(validateWith(overrides)).rejects.toThrow(
      new RegExp(`lambda.zip is ${MAX_ZIP_BYTES + 1} bytes; AWS allows at most ${MAX_ZIP_BYTES}`),
    );
    expect(bodyRead).toBe(false);
  });

  it('refuses an S3 copy of the release over the 256 KiB execution input limit', async () => {
    // Prepare
    const huge = JSON.stringify({ ...mockRelease(), metadata: { padding: 'x'.repeat(MAX_RELEASE_BYTES) } });

    // Act / Assess
    await expect(validateWith({}, huge)).rejects.toBeInstanceOf(BadReleaseError);
    await expect(validateWith({}, huge)).rejects.toThrow(
      /Could not read the uploaded release .*larger than 262144 bytes/,
    );
  });
});
