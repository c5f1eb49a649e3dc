import type { ErrorNaming } from '../sdk/toTaskFailure.js';

/**
 * Error naming of each optimized integration, by client key: the prefix of `<Prefix>.<Exception>`, the service
 * name in the cause and the name of an error the service does not model, as recorded from AWS
 * (`DynamoDB.AmazonDynamoDBException`, `SQS.AmazonSQSException`, `Lambda.ResourceNotFoundException`...).
 *
 * @example
 * ```ts
 * OPTIMIZED_NAMING.dynamodb.prefix; // 'DynamoDB'
 * ```
 * @internal
 */
export const OPTIMIZED_NAMING = {
  lambda: { style: 'optimized', prefix: 'Lambda', serviceName: 'AWSLambda', generic: 'AWSLambdaException' },
  dynamodb: {
    style: 'optimized',
    prefix: 'DynamoDB',
    serviceName: 'AmazonDynamoDBv2',
    generic: 'AmazonDynamoDBException',
  },
  sqs: { style: 'optimized', prefix: 'SQS', serviceName: 'AmazonSQS', generic: 'AmazonSQSException' },
  sns: { style: 'optimized', prefix: 'SNS', serviceName: 'AmazonSNS', generic: 'AmazonSNSException' },
  eventbridge: {
    style: 'optimized',
    prefix: 'EventBridge',
    serviceName: 'AmazonEventBridge',
    generic: 'AmazonEventBridgeException',
  },
  sfn: {
    style: 'optimized',
    prefix: 'StepFunctions',
    serviceName: 'AWSStepFunctions',
    generic: 'AWSStepFunctionsException',
  },
} as const satisfies Record<string, ErrorNaming>;
