import { StepError } from '@step/asl';

/**
 * An expected CLI failure: print `message` (no stack) and exit with `exitCode`.
 *
 * @remarks
 * Commands throw it for bad usage (exit 2), a failed check (exit 1) and the like. The single catch in
 * `runCli` prints the message to stderr and returns the code; commands never call `process.exit`.
 */
export class ExitError extends StepError {
  /** The process exit code to use (1 = check failed, 2 = bad usage or invalid input). */
  readonly exitCode: number;

  constructor(message: string, exitCode: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}

/**
 * A bug in step-cli itself: something that should never happen.
 *
 * @remarks
 * `runCli` prints the stack, "this is a bug" and a link to open an issue, and exits 70 (EX_SOFTWARE).
 */
export class InternalError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InternalError';
  }
}
