/**
 * The Resource a TaskFn state gets when it declares none, filled in at deploy time (as in the Go original).
 *
 * @example
 * ```ts
 * import { LAMBDA_RESOURCE_TEMPLATE } from '@step/lambda';
 * LAMBDA_RESOURCE_TEMPLATE.replace('{{lambda_name}}', 'hello');
 * ```
 */
export const LAMBDA_RESOURCE_TEMPLATE = 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}';
