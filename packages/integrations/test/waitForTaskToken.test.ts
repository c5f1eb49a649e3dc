import { describe, expect, it } from '@jest/globals';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { compileMachine, VirtualClock } from '@step/interpreter';
import { createAwsSdkInvoker } from '@step/integrations';
import { mockClient } from 'aws-sdk-client-mock';
import { META } from './helpers/taskContext.js';

const client = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const REVIEW = {
  StartAt: 'Review',
  States: {
    Review: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'http://sqs/reviews', MessageBody: { 'order.$': '$.order', 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 3600,
      End: true,
    },
  },
};

describe('createAwsSdkInvoker: .waitForTaskToken under the interpreter', () => {
  it('sends the message carrying the token, and the interpreter resumes on SendTaskSuccess with its output', async () => {
    // Prepare
    const sqs = mockClient(client);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1', $metadata: META });
    const clock = new VirtualClock();
    const execution = compileMachine(REVIEW).start({
      input: { order: 'o-1' },
      invoke: createAwsSdkInvoker({ clients: { sqs: client } }),
      clock,
    });
    let submitted: unknown;
    execution.onEvent((e) => {
      if (e.type !== 'TaskSubmitted') return;
      submitted = e.taskSubmittedEventDetails;
      // The reviewer reads the token from the message the task sent.
      const body = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!) as {
        order: string;
        token: string;
      };
      execution.sendTaskSuccess(body.token, { approved: true, order: body.order });
    });

    // Act
    const result = await execution.result;

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ approved: true, order: 'o-1' });
    expect(JSON.stringify(submitted)).toContain('m-1');
  });
});
