import { describe, expect, it } from '@jest/globals';
import { parseResource } from '@step/integrations';

describe('parseResource', () => {
  it.each([
    [
      'arn:aws:states:::lambda:invoke',
      { kind: 'optimized', service: 'lambda', action: 'invoke', pattern: 'requestResponse' },
    ],
    [
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      { kind: 'optimized', service: 'sqs', action: 'sendMessage', pattern: 'waitForTaskToken' },
    ],
    [
      'arn:aws:states:::states:startExecution.sync',
      { kind: 'optimized', service: 'states', action: 'startExecution', pattern: 'sync' },
    ],
    [
      'arn:aws:states:::states:startExecution.sync:2',
      { kind: 'optimized', service: 'states', action: 'startExecution', pattern: 'sync:2' },
    ],
    [
      'arn:aws:states:::aws-sdk:s3:getObject',
      { kind: 'sdk', service: 's3', action: 'getObject', pattern: 'requestResponse' },
    ],
    [
      'arn:aws-us-gov:states:::aws-sdk:secretsmanager:getSecretValue',
      { kind: 'sdk', service: 'secretsmanager', action: 'getSecretValue', pattern: 'requestResponse' },
    ],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:greet',
      {
        kind: 'function',
        service: 'arn:aws:lambda:us-east-1:123456789012:function:greet',
        action: 'invoke',
        pattern: 'requestResponse',
      },
    ],
    ['greet', { kind: 'function', service: 'greet', action: 'invoke', pattern: 'requestResponse' }],
    ['greet:live', { kind: 'function', service: 'greet:live', action: 'invoke', pattern: 'requestResponse' }],
  ])('parses %s', (resource, expected) => {
    // Act
    const parsed = parseResource(resource);

    // Assess
    expect(parsed).toEqual(expected);
  });

  it.each([
    'arn:aws:states:us-east-1:123456789012:activity:review',
    'https://example.com/',
    'arn:aws:states:::lambda:invoke.bogus',
  ])('does not take %s for an integration', (resource) => {
    // Act
    const parsed = parseResource(resource);

    // Assess
    expect(parsed).toBeUndefined();
  });
});
