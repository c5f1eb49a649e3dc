/**
 * The Resource a TaskFn state gets when it declares none, filled in at deploy time (as in the Go original).
 *
 * @remarks
 * The same text as `TASKFN_RESOURCE_TEMPLATE` of `@step/asl`, its one public name; kept here so that the code that
 * runs inside Lambda does not load the validator (a test checks that the two are equal).
 * @internal
 */
export const TASKFN_RESOURCE_TEMPLATE = 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}';
