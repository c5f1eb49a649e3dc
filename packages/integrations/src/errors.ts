import { StepError } from '@step/asl';

/**
 * Base class of the errors `@step/integrations` raises for a setup mistake (a missing client package, a
 * resource it cannot run); the interpreter reports the `name` as the task's error and the message as its cause.
 *
 * @example
 * ```ts
 * import { IntegrationError } from '@step/integrations';
 *
 * const isSetupMistake = (e: unknown) => e instanceof IntegrationError;
 * ```
 */
export class IntegrationError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IntegrationError';
  }
}

/**
 * The AWS SDK v3 client package a Task needs is not installed in the user's project.
 *
 * @example
 * ```ts
 * import { SdkClientMissingError } from '@step/integrations';
 *
 * const e = new SdkClientMissingError('@aws-sdk/client-sqs', 'arn:aws:states:::sqs:sendMessage');
 * e.packageName; // '@aws-sdk/client-sqs'
 * ```
 */
export class SdkClientMissingError extends IntegrationError {
  /** The package to install, e.g. `@aws-sdk/client-sqs`. */
  readonly packageName: string;

  constructor(packageName: string, resource: string, options?: ErrorOptions) {
    super(
      `The resource '${resource}' needs the package "${packageName}", which is not installed. ` +
        `Install it in your project (npm install ${packageName}) or mock the task in a MockConfigFile.`,
      options,
    );
    this.name = 'SdkClientMissingError';
    this.packageName = packageName;
  }
}

/**
 * A Task resource that `createAwsSdkInvoker` cannot run: an unknown optimized action, a pattern the
 * integration does not have (e.g. `.sync` on `aws-sdk:*`), or an API action the client package lacks.
 *
 * @example
 * ```ts
 * import { UnsupportedIntegrationError } from '@step/integrations';
 *
 * throw new UnsupportedIntegrationError('arn:aws:states:::sqs:deleteQueue', 'use arn:aws:states:::aws-sdk:sqs:deleteQueue');
 * ```
 */
export class UnsupportedIntegrationError extends IntegrationError {
  /** The state's `Resource`. */
  readonly resource: string;

  constructor(resource: string, fix: string, options?: ErrorOptions) {
    super(`The resource '${resource}' is not supported by @step/integrations: ${fix}.`, options);
    this.name = 'UnsupportedIntegrationError';
    this.resource = resource;
  }
}
