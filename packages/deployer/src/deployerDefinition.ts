// Generated from ../asl/deployer.asl.json (the source of truth); test/definition.test.ts keeps them equal.
// Kept as code so that a bundled deployer Lambda needs no file next to it.

/**
 * The step-deployer's own state machine (TaskFn states, `{{...}}` Resource placeholders), as checked in at
 * `asl/deployer.asl.json`.
 *
 * @example
 * ```ts
 * import { DEPLOYER_DEFINITION } from '@step/deployer';
 *
 * console.log(Object.keys(DEPLOYER_DEFINITION.States));
 * ```
 */
export const DEPLOYER_DEFINITION = {
  Comment:
    'step-deployer: validates a release bundle, takes its locks, checks the target resources, then deploys the state machine and the Lambda code',
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'TaskFn',
      Comment: 'Parse the release strictly; check freshness, the S3 copy, the zip SHA-256 and the definition',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      TimeoutSeconds: 600,
      Retry: [
        {
          ErrorEquals: [
            'Lambda.ServiceException',
            'Lambda.AWSLambdaException',
            'Lambda.SdkClientException',
            'Lambda.TooManyRequestsException',
          ],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.error',
          Next: 'FailureClean',
        },
      ],
      Next: 'Lock',
    },
    Lock: {
      Type: 'TaskFn',
      Comment: 'User lock check, then release lock and root lock with S3 conditional writes',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      TimeoutSeconds: 120,
      Retry: [
        {
          ErrorEquals: [
            'Lambda.ServiceException',
            'Lambda.AWSLambdaException',
            'Lambda.SdkClientException',
            'Lambda.TooManyRequestsException',
          ],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['LockExistsError'],
          ResultPath: '$.error',
          Next: 'FailureClean',
        },
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.error',
          Next: 'ReleaseLockFailure',
        },
      ],
      Next: 'ValidateResources',
    },
    ValidateResources: {
      Type: 'TaskFn',
      Comment: 'Tags of the function and the state machine, role path of the state machine',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      TimeoutSeconds: 120,
      Retry: [
        {
          ErrorEquals: [
            'Lambda.ServiceException',
            'Lambda.AWSLambdaException',
            'Lambda.SdkClientException',
            'Lambda.TooManyRequestsException',
          ],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.error',
          Next: 'ReleaseLockFailure',
        },
      ],
      Next: 'Deploy',
    },
    Deploy: {
      Type: 'TaskFn',
      Comment:
        'Record what is live, update the state machine then the function code, roll back on failure, release the root lock',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      TimeoutSeconds: 600,
      Retry: [
        {
          ErrorEquals: ['Lambda.TooManyRequestsException'],
          IntervalSeconds: 2,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['DeploySFNError', 'DeployLambdaError', 'LockError'],
          ResultPath: '$.error',
          Next: 'ReleaseLockFailure',
        },
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.error',
          Next: 'FailureDirty',
        },
      ],
      Next: 'Success',
    },
    ReleaseLockFailure: {
      Type: 'TaskFn',
      Comment: 'Release the root lock if this deploy holds it; the original error is kept in $.error',
      Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
      TimeoutSeconds: 120,
      Retry: [
        {
          ErrorEquals: ['States.ALL'],
          IntervalSeconds: 30,
          MaxAttempts: 3,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.cleanup_error',
          Next: 'FailureDirty',
        },
      ],
      Next: 'FailureClean',
    },
    FailureClean: {
      Type: 'Fail',
      Comment: 'Nothing changed and no lock of this deploy is held',
      Error: 'NotifyError',
      Cause: 'The release was not deployed; nothing was changed. See $.error in the input of this state.',
    },
    FailureDirty: {
      Type: 'Fail',
      Comment: 'Resources or the root lock need a person',
      Error: 'AlertError',
      Cause:
        'The deploy failed and left something to clean up by hand. See $.error and $.cleanup_error in the input of this state.',
    },
    Success: {
      Type: 'Succeed',
    },
  },
} as const;
