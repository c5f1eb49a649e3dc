import { describe, expect, it } from '@jest/globals';
import { validate } from '@step/asl';

const task = (resource: string) => ({ StartAt: 'A', States: { A: { Type: 'Task', Resource: resource, End: true } } });
const errors = (definition: unknown, placeholders?: boolean) =>
  validate(definition, placeholders === undefined ? {} : { placeholders }).diagnostics.filter(
    (d) => d.severity === 'error',
  );

describe('Task Resource placeholders', () => {
  it.each([
    'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
    '${HelloFunctionArn}',
    'arn:aws:lambda:us-east-1:123456789012:function:${Name}',
  ])('accepts %s by default, as it is filled in before AWS sees it', (resource) => {
    expect(errors(task(resource))).toEqual([]);
  });

  it.each([
    ['arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}', '{{aws_region}}'],
    ['${HelloFunctionArn}', '${HelloFunctionArn}'],
  ])('rejects %s with placeholders: false, naming the unfilled placeholder', (resource, placeholder) => {
    expect(errors(task(resource), false)).toEqual([
      {
        code: 'INVALID_RESOURCE',
        severity: 'error',
        path: '/States/A/Resource',
        message: expect.stringContaining(`The resource provided ${resource} is not recognized.`) as unknown as string,
        params: { resource, placeholder },
      },
    ]);
    expect(errors(task(resource), false)[0]?.message).toContain(`the placeholder ${placeholder} was never filled in`);
  });

  it('still accepts a plain ARN with placeholders: false', () => {
    expect(errors(task('arn:aws:lambda:us-east-1:123456789012:function:hello'), false)).toEqual([]);
  });
});
