import { createLambdaContext } from '@step/test-utils';
import { machine, handler } from '../src/machine.js';

describe('hello-world machine', () => {
  it('fills in an empty Greeting and passes through the Hello state only', async () => {
    // Act
    const result = await machine.run({ input: { Greeting: '' } });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ Greeting: 'Hello World' });
    expect(result.path).toEqual(['Hello']);
  });

  it('keeps a Greeting that is already there', async () => {
    const result = await machine.run({ input: { Greeting: 'Bonjour' } });

    expect(result.output).toEqual({ Greeting: 'Bonjour' });
  });

  it('answers the envelope Step Functions sends to the Lambda', async () => {
    await expect(handler({ Task: 'Hello', Input: {} }, createLambdaContext())).resolves.toEqual({
      Greeting: 'Hello World',
    });
  });

  it('deploys as a Task that sends the Lambda the {"Task", "Input"} envelope', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:hello';

    expect(machine.deployableDefinition(arn).States.Hello).toEqual({
      Type: 'Task',
      Comment: expect.any(String) as string,
      Resource: arn,
      Parameters: { Task: 'Hello', 'Input.$': '$' },
      End: true,
    });
  });
});
