import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromTemplate } from '@step/asl/template';
import { compileMachine } from '@step/interpreter';

const template = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'templates',
  'OrdersStack.template.json',
);

describe('compileMachine(fromTemplate(...))', () => {
  it('runs the machine a CDK stack defines, its Lambda keyed on the stable fake ARN', async () => {
    // Prepare
    const machine = compileMachine(fromTemplate(template, { machine: 'OrderFlow' }));
    const charged: unknown[] = [];
    // Act
    const result = await machine.start({
      input: { amount: 5 },
      resources: {
        'arn:aws:lambda:us-east-1:123456789012:function:ChargeFn3D4C5B6A': (input) => {
          charged.push(input);
          return { charged: true }; // the function's result; lambda:invoke wraps it in Payload
        },
      },
    }).result;
    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { charged: true } });
    expect(charged).toEqual([{ amount: 5 }]); // the function receives the Payload
  });
});
