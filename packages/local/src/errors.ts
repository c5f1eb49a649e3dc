import { StepError } from '@step/asl';

/**
 * Misuse of `step-cli local`: a bad seed file, a non-loopback host, a port already taken.
 *
 * @remarks
 * Requests the server answers badly are never thrown: they get AWS-shaped error answers. This error is for
 * starting the server wrong; the message says what to fix.
 *
 * @example
 * ```ts
 * throw new LocalServerError('Host "0.0.0.0" is not loopback. step-cli local listens on 127.0.0.1 only.');
 * ```
 */
export class LocalServerError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalServerError';
  }
}

/**
 * A seed file that cannot be applied; `path` points at the offending entry (e.g. `/functions/0/zip`).
 *
 * @example
 * ```ts
 * throw new LocalSeedError('/functions/0/name', 'must be a string naming the function');
 * ```
 */
export class LocalSeedError extends LocalServerError {
  /** RFC 6901 pointer into the seed to the offending field ('' = the whole seed). */
  readonly path: string;

  constructor(path: string, problem: string, options?: ErrorOptions) {
    super(
      `Seed ${path === '' ? '' : `${path} `}${problem.replace(/\.$/, '')}. Fix the seed file (see "step-cli local --help").`,
      options,
    );
    this.name = 'LocalSeedError';
    this.path = path;
  }
}
