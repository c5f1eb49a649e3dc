import { crc32 } from 'node:zlib';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { Zip, deflateSync } from 'fflate';
import type { ZipInputFile } from 'fflate';
import { QUOTAS } from '../src/quotas.js';
import { declaredUnzippedSize } from '../src/runtime/declaredUnzippedSize.js';
import { ROLE, handlerZip, useLambdaServer } from './helpers.js';

const env = useLambdaServer();

/**
 * A zip bomb: `count` entries of `entryBytes` zeros, deflated once by fflate at level 9 and stored `count` times
 * (a few hundred KB that unzip past Lambda's 250 MB cap). Valid: sizes and CRC-32 are the real ones.
 */
function zipBomb(entryBytes: number, count: number): Buffer {
  const zeros = new Uint8Array(entryBytes);
  const deflated = deflateSync(zeros, { level: 9 });
  const crc = crc32(zeros);
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err !== null) throw err;
    parts.push(chunk);
  });
  for (let i = 0; i < count; i++) {
    const file: ZipInputFile = {
      filename: `zeros-${i}.bin`,
      size: entryBytes,
      crc,
      compression: 8,
      terminate: () => undefined,
    };
    zip.add(file);
    file.ondata!(null, deflated, true);
  }
  zip.end();
  return Buffer.concat(parts);
}

const bomb = zipBomb(10 * 1024 * 1024, 26);

async function refusal(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('unzipped code size', () => {
  it('builds a bomb of a few hundred KB that unzips past the cap', () => {
    expect(bomb.length).toBeLessThan(400 * 1024);
    expect(declaredUnzippedSize(bomb)).toBe(26 * 10 * 1024 * 1024);
    expect(26 * 10 * 1024 * 1024).toBeGreaterThan(QUOTAS.lambdaUnzippedCodeBytes);
    expect(declaredUnzippedSize(Buffer.from('not a zip'))).toBeUndefined();
  });

  it('refuses the bomb on CreateFunction and UpdateFunctionCode with InvalidParameterValueException, inflating nothing', async () => {
    // Prepare
    const name = `bomb${Math.random().toString(36).slice(2, 8)}`;
    const base = { Role: ROLE, Runtime: 'nodejs20.x' as const, Handler: 'index.handler' };
    const started = Date.now();

    // Act
    const created = await refusal(
      env.lambda.send(new CreateFunctionCommand({ FunctionName: name, ...base, Code: { ZipFile: bomb } })),
    );
    await env.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        ...base,
        Code: { ZipFile: handlerZip('export const handler = async () => "still here";') },
      }),
    );
    const before = await env.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const updated = await refusal(
      env.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: bomb })),
    );
    const after = await env.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const invoked = await env.lambda.send(new InvokeCommand({ FunctionName: name }));
    const elapsed = Date.now() - started;

    // Assess
    const expected = {
      name: 'InvalidParameterValueException',
      message: 'Unzipped size must be smaller than 262144000 bytes',
    };
    expect(created).toEqual(expected);
    expect(updated).toEqual(expected);
    expect(after.CodeSha256).toBe(before.CodeSha256);
    expect(Buffer.from(invoked.Payload!).toString()).toBe('"still here"');
    // Inflating 272 MB would take seconds; reading the central directory takes microseconds.
    expect(elapsed).toBeLessThan(5_000);
  });
});
