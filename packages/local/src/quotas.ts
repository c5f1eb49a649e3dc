/**
 * AWS's quotas the stand-in enforces, in one place (Lambda: "Lambda quotas" in the Lambda developer guide).
 *
 * @example
 * ```ts
 * if (timeout > QUOTAS.lambdaTimeoutSeconds.max) throw new Error('too long');
 * ```
 * @internal
 */
export const QUOTAS = {
  /** Function timeout, seconds. */
  lambdaTimeoutSeconds: { min: 1, max: 900 },
  /** Function memory, MB. */
  lambdaMemorySizeMb: { min: 128, max: 10_240 },
} as const;
