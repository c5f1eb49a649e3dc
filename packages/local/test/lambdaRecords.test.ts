import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  TagResourceCommand,
  ListTagsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { LambdaServiceException } from '@aws-sdk/client-lambda';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';

async function failure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as LambdaServiceException;
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error('expected the request to fail');
}

/** Makes a folder of the data directory a file, so that no write into it can succeed (even as root). */
function block(folder: string): () => void {
  rmSync(folder, { recursive: true, force: true });
  writeFileSync(folder, 'in the way');
  return () => {
    rmSync(folder);
    mkdirSync(folder);
  };
}

describe('Lambda records in the data directory', () => {
  it('answers ServiceException and keeps the function as it was when the disk refuses a change', async () => {
    // Prepare
    const { server, dataDir, stop } = await startServer();
    const lambda = new LambdaClient(clientConfig(server));
    const FunctionName = 'fn';
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Role: ROLE,
        Handler: 'index.handler',
        Timeout: 3,
        Code: { ZipFile: handlerZip('export const handler = async () => 1;') },
      }),
    );
    const { FunctionArn, ...before } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));

    // Act
    const unblockCode = block(path.join(dataDir, 'lambda', 'code'));
    const code = await failure(
      lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName, ZipFile: handlerZip('export const handler = async () => 2;') }),
      ),
    );
    unblockCode();
    const unblockRecords = block(path.join(dataDir, 'lambda', 'functions'));
    const config = await failure(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Timeout: 9 })));
    const tag = await failure(lambda.send(new TagResourceCommand({ Resource: FunctionArn, Tags: { a: 'b' } })));
    unblockRecords();
    const { FunctionArn: _arn, ...after } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    const tags = await lambda.send(new ListTagsCommand({ Resource: FunctionArn }));

    // Assess
    for (const refused of [code, config, tag]) {
      expect(refused).toMatchObject({ name: 'ServiceException', status: 500 });
      expect(refused.message).not.toContain(dataDir);
    }
    expect(code.message).toContain('lambda/code/');
    expect(config.message).toContain('lambda/functions/fn.json');
    expect(after).toEqual({ ...before, $metadata: expect.anything() as unknown });
    expect(tags.Tags).toEqual({});
    lambda.destroy();
    await stop();
  }, 30_000);
});
