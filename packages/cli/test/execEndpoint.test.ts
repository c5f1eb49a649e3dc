// `step-cli exec --endpoint`: unmocked Task states call their service through the AWS SDK at the given URL
// (here a step-cli local stand-in with its built-in SQS); without --endpoint or --aws nothing calls the SDK.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLocalServer } from '@step/local';
import type { LocalServer } from '@step/local';
import { runStep } from './helpers/runStep.js';

let server: LocalServer;
let dir: string;

beforeAll(async () => {
  server = await createLocalServer({ seed: { queues: ['outbox'] } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'step-exec-endpoint-'));
  const definition = {
    StartAt: 'Notify',
    States: {
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: `${server.url}/${server.accountId}/outbox`, 'MessageBody.$': '$' },
        ResultSelector: { 'md5.$': '$.MD5OfMessageBody' },
        End: true,
      },
    },
  };
  writeFileSync(path.join(dir, 'notify.asl.json'), JSON.stringify(definition));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('step-cli exec --endpoint', () => {
  it('sends the unmocked sqs:sendMessage to the endpoint and succeeds', async () => {
    // Act
    const { code, stdout, stderr } = await runStep(
      ['exec', 'notify.asl.json', '--input', '{"orderId":"42"}', '--endpoint', server.url, '--json'],
      dir,
    );
    const sqs = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIASTEPLOCALTEST000', secretAccessKey: 'local' },
    });
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: `${server.url}/${server.accountId}/outbox` }),
    );
    sqs.destroy();

    // Assess
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'SUCCEEDED',
      output: { md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(Messages?.map((m) => m.Body)).toEqual(['{"orderId":"42"}']);
  });

  it('exits 2 for --endpoint with --aws, and for an endpoint that is not a URL', async () => {
    // Act
    const both = await runStep(['exec', 'notify.asl.json', '--endpoint', server.url, '--aws'], dir);
    const notUrl = await runStep(['exec', 'notify.asl.json', '--endpoint', 'localhost'], dir);

    // Assess
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --endpoint <url> .* or --aws/);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/--endpoint "localhost" is not a URL/);
  });
});
