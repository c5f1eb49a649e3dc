import { describe, expect, it } from '@jest/globals';
import { resolveService, sdkErrorPrefix } from '@step/integrations';

describe('resolveService', () => {
  it.each([
    ['states', 'optimized', 'sfn', '@aws-sdk/client-sfn'],
    ['events', 'optimized', 'eventbridge', '@aws-sdk/client-eventbridge'],
    ['dynamodb', 'optimized', 'dynamodb', '@aws-sdk/client-dynamodb'],
    ['sfn', 'sdk', 'sfn', '@aws-sdk/client-sfn'],
    ['eventbridge', 'sdk', 'eventbridge', '@aws-sdk/client-eventbridge'],
    ['secretsmanager', 'sdk', 'secretsmanager', '@aws-sdk/client-secrets-manager'],
    ['apigateway', 'sdk', 'apigateway', '@aws-sdk/client-api-gateway'],
    ['cloudwatchlogs', 'sdk', 'cloudwatchlogs', '@aws-sdk/client-cloudwatch-logs'],
    ['s3', 'sdk', 's3', '@aws-sdk/client-s3'],
  ] as const)('maps %s (%s) to the client key %s and %s', (name, kind, service, packageName) => {
    // Act
    const info = resolveService(name, kind);

    // Assess
    expect(info).toEqual({ service, packageName });
  });
});

describe('sdkErrorPrefix', () => {
  it.each([
    ['dynamodb', 'DynamoDB', 'DynamoDb'],
    ['sfn', 'SFN', 'Sfn'],
    ['s3', 'S3', 'S3'],
    ['secretsmanager', 'Secrets Manager', 'SecretsManager'],
    ['acmpca', 'ACM PCA', 'AcmPca'],
    ['eventbridge', 'EventBridge', 'EventBridge'],
    ['sqs', 'SQS', 'Sqs'],
    ['ec2', 'EC2', 'Ec2'],
    ['apigateway', 'API Gateway', 'ApiGateway'],
  ])('names %s errors with the prefix of service id %s', (service, serviceId, prefix) => {
    // Act
    const actual = sdkErrorPrefix(service, serviceId);

    // Assess
    expect(actual).toBe(prefix);
  });
});
