// End to end: the interpreter runs a machine whose tasks call `lambda:invoke`, `aws-sdk:s3:putObject`/`getObject`
// and `states:startExecution.sync` through createAwsSdkInvoker, against the step-cli local stand-in started
// in-process (real AWS SDK clients over HTTP on loopback). It lives here, not in @step/integrations, because
// @step/local depends on @step/integrations (decision 020).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { runExecution, VirtualClock } from '@step/interpreter';
import { createAwsSdkInvoker } from '@step/integrations';
import { createZip } from '@step/lambda/build';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIASTEPLOCALTEST000', secretAccessKey: 'local' };
const BUCKET = 'greetings';
const GREET = `export const handler = async (event) => {
  if (event.who === 'nobody') { const e = new Error('nobody to greet'); e.name = 'NoOneError'; throw e; }
  return { greeting: 'hello ' + event.who };
};`;
const CHILD = {
  StartAt: 'Shout',
  States: { Shout: { Type: 'Pass', Parameters: { 'loud.$': "States.Format('{}!', $.greeting)" }, End: true } },
};

/** The Task that invokes `greet` with the state input. */
const GREET_TASK = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'greet', 'Payload.$': '$' },
};

let server: LocalServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'step-integrations-e2e-'));
  const zip = path.join(dataDir, 'greet.zip');
  writeFileSync(zip, createZip([{ name: 'index.mjs', data: Buffer.from(GREET) }]));
  server = await createLocalServer({
    port: 0,
    dataDir: path.join(dataDir, 'state'),
    seed: {
      buckets: [BUCKET],
      functions: [{ name: 'greet', zip }],
      stateMachines: [{ name: 'Child', definition: CHILD }],
    },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function parent(childArn: string): unknown {
  return {
    StartAt: 'Greet',
    States: {
      Greet: {
        ...GREET_TASK,
        ResultSelector: { 'greeting.$': '$.Payload.greeting', 'status.$': '$.StatusCode' },
        ResultPath: '$.greet',
        Next: 'Save',
      },
      Save: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
        Parameters: { Bucket: BUCKET, Key: 'greeting.json', 'Body.$': '$.greet' },
        ResultPath: '$.saved',
        Next: 'Load',
      },
      Load: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
        Parameters: { Bucket: BUCKET, Key: 'greeting.json' },
        ResultSelector: { 'body.$': 'States.StringToJson($.Body)', 'length.$': '$.ContentLength' },
        ResultPath: '$.loaded',
        Next: 'Shout',
      },
      Shout: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync',
        Parameters: { StateMachineArn: childArn, 'Input.$': '$.loaded.body' },
        ResultSelector: { 'status.$': '$.Status', 'output.$': 'States.StringToJson($.Output)' },
        ResultPath: '$.child',
        End: true,
      },
    },
  };
}

function invoker(clock: VirtualClock): ReturnType<typeof createAwsSdkInvoker> {
  return createAwsSdkInvoker({
    endpoint: server.url,
    region: REGION,
    credentials: CREDENTIALS,
    clientConfig: { forcePathStyle: true, maxAttempts: 1 },
    clock,
  });
}

describe('createAwsSdkInvoker against step-cli local', () => {
  it('runs lambda:invoke, aws-sdk:s3:putObject/getObject and states:startExecution.sync end to end', async () => {
    // Prepare
    const clock = new VirtualClock();
    const childArn = `arn:aws:states:${REGION}:${server.accountId}:stateMachine:Child`;

    // Act
    const result = await runExecution(parent(childArn), { input: { who: 'ada' }, invoke: invoker(clock), clock });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    expect(result.path).toEqual(['Greet', 'Save', 'Load', 'Shout']);
    expect(result.output).toMatchObject({
      who: 'ada',
      greet: { greeting: 'hello ada', status: 200 },
      saved: { ETag: expect.any(String) as unknown },
      loaded: { body: { greeting: 'hello ada', status: 200 }, length: 37 },
      child: { status: 'SUCCEEDED', output: { loud: 'hello ada!' } },
    });
    const s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'greeting.json' }));
    expect(await stored.Body!.transformToString()).toBe('{"greeting":"hello ada","status":200}');
  });

  it("fails the task with the function's errorType, and S3 errors with their AWS names, through Catch", async () => {
    // Prepare
    const clock = new VirtualClock();
    const definition = {
      StartAt: 'Greet',
      States: {
        Greet: {
          ...GREET_TASK,
          Catch: [{ ErrorEquals: ['NoOneError'], ResultPath: '$.greetError', Next: 'Load' }],
          End: true,
        },
        Load: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
          Parameters: { Bucket: BUCKET, Key: 'missing.json' },
          Catch: [{ ErrorEquals: ['S3.NoSuchKeyException'], ResultPath: '$.loadError', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const result = await runExecution(definition, { input: { who: 'nobody' }, invoke: invoker(clock), clock });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as {
      greetError: { Error: string; Cause: string };
      loadError: { Error: string; Cause: string };
    };
    expect(output.greetError.Error).toBe('NoOneError');
    expect(JSON.parse(output.greetError.Cause)).toMatchObject({
      errorType: 'NoOneError',
      errorMessage: 'nobody to greet',
    });
    expect(output.loadError.Error).toBe('S3.NoSuchKeyException');
    expect(output.loadError.Cause).toMatch(
      /^The specified key does not exist\. \(Service: S3, Status Code: 404, Request ID: [^)]*\)$/,
    );
  });
});
