import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createZip } from '@step/lambda/build';
import { createLocalServer } from '../src/index.js';
import type { LocalServer, LocalServerOptions } from '../src/index.js';

/** SDK client settings pointing at a local server (dummy credentials, us-east-1). */
export function clientConfig(server: LocalServer): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return {
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASTEPLOCALTEST000', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'step-local-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a server on a free loopback port with a fresh data directory; `stop` closes it and removes the folder. */
export async function startServer(
  options: Omit<LocalServerOptions, 'port'> = {},
): Promise<{ server: LocalServer; dataDir: string; stop: () => Promise<void> }> {
  const temp = tempDir();
  const server = await createLocalServer({ port: 0, dataDir: temp.dir, ...options });
  return {
    server,
    dataDir: temp.dir,
    stop: async () => {
      await server.close();
      temp.remove();
    },
  };
}

/** A Lambda zip with one ESM file `index.mjs`. */
export function handlerZip(source: string, file = 'index.mjs'): Buffer {
  return createZip([{ name: file, data: Buffer.from(source) }]);
}

/** A role ARN with the path the deployer checks. */
export const ROLE = 'arn:aws:iam::000000000000:role/step/hello/dev/role';

/**
 * Starts a server and a Lambda client for the test file (beforeAll) and stops both (afterAll); read them
 * through the returned object once the tests run.
 */
export function useLambdaServer(): { server: LocalServer; lambda: LambdaClient } {
  const state = {} as { server: LocalServer; lambda: LambdaClient; stop: () => Promise<void> };
  beforeAll(async () => {
    const started = await startServer();
    Object.assign(state, {
      server: started.server,
      stop: started.stop,
      lambda: new LambdaClient(clientConfig(started.server)),
    });
  });
  afterAll(async () => {
    state.lambda.destroy();
    await state.stop();
  });
  return state;
}
