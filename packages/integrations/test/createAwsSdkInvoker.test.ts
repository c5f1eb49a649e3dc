import { describe, expect, it } from '@jest/globals';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createAwsSdkInvoker } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META, taskContext } from './helpers/taskContext.js';

interface BuiltClient {
  config: {
    region: () => Promise<string>;
    endpoint?: () => Promise<{ hostname: string; port?: number }>;
    forcePathStyle?: boolean;
  };
}

describe('createAwsSdkInvoker', () => {
  it('builds each client with region, credentials, its per-service endpoint (over the shared one) and clientConfig', async () => {
    // Prepare
    const s3 = mockClient(S3Client);
    s3.on(ListBucketsCommand).resolves({ Buckets: [], $metadata: META });
    const sqs = mockClient(SQSClient);
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [], $metadata: META });
    const invoke = createAwsSdkInvoker({
      region: 'eu-west-3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpoint: 'http://127.0.0.1:4566',
      endpoints: { s3: 'http://127.0.0.1:9000' },
      clientConfig: { forcePathStyle: true },
    });

    // Act
    await invoke('arn:aws:states:::aws-sdk:s3:listBuckets', {}, taskContext('x'));
    await invoke('arn:aws:states:::aws-sdk:sqs:listQueues', {}, taskContext('x'));

    // Assess
    const s3Client = s3.call(0).thisValue as BuiltClient;
    const sqsClient = sqs.call(0).thisValue as BuiltClient;
    expect(await s3Client.config.region()).toBe('eu-west-3');
    expect(s3Client.config.forcePathStyle).toBe(true);
    expect(await s3Client.config.endpoint!()).toMatchObject({ hostname: '127.0.0.1', port: 9000 });
    expect(await sqsClient.config.endpoint!()).toMatchObject({ hostname: '127.0.0.1', port: 4566 });
  });

  it('builds one client per service and reuses it', async () => {
    // Prepare
    const s3 = mockClient(S3Client);
    s3.on(ListBucketsCommand).resolves({ Buckets: [], $metadata: META });
    const invoke = createAwsSdkInvoker({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

    // Act
    await invoke('arn:aws:states:::aws-sdk:s3:listBuckets', {}, taskContext('x'));
    await invoke('arn:aws:states:::aws-sdk:s3:listBuckets', {}, taskContext('x'));

    // Assess
    expect(s3.call(0).thisValue).toBe(s3.call(1).thisValue);
  });
});
