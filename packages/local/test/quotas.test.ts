import { CreateFunctionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { LambdaServiceException } from '@aws-sdk/client-lambda';
import { ROLE, handlerZip, useLambdaServer } from './helpers.js';

const env = useLambdaServer();

async function refusal(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as LambdaServiceException).name, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('Lambda quotas', () => {
  it.each([
    {
      name: 'a Timeout over 900 s',
      extra: { Timeout: 3_000_000 },
      message:
        "Value '3000000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    },
    {
      name: 'a Timeout of 0',
      extra: { Timeout: 0 },
      message: "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1",
    },
    {
      name: 'a MemorySize under 128 MB',
      extra: { MemorySize: 64 },
      message:
        "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    },
    {
      name: 'a MemorySize over 10,240 MB',
      extra: { MemorySize: 20_000 },
      message:
        "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240",
    },
  ])('refuses $name on create and update with ValidationException', async ({ extra, message }) => {
    // Prepare
    const name = `q${Math.random().toString(36).slice(2, 10)}`;
    const base = {
      Role: ROLE,
      Runtime: 'nodejs20.x' as const,
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip('export const handler = async () => 1;') },
    };

    // Act
    const created = await refusal(
      env.lambda.send(new CreateFunctionCommand({ FunctionName: name, ...base, ...extra })),
    );
    await env.lambda.send(new CreateFunctionCommand({ FunctionName: name, ...base }));
    const updated = await refusal(
      env.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, ...extra })),
    );

    // Assess
    expect(created).toEqual({ name: 'ValidationException', message: `1 validation error detected: ${message}` });
    expect(updated).toEqual(created);
  });
});
