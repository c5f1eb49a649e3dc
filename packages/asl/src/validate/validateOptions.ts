/**
 * Options of {@link validate} and {@link assertValid}.
 *
 * @example
 * ```ts
 * const options: ValidateOptions = { strict: 'warn', stateMachineType: 'EXPRESS' };
 * ```
 */
export interface ValidateOptions {
  /** Unknown fields: `true` (default) is an error, `'warn'` a warning, `false` ignores them. */
  strict?: boolean | 'warn';
  /** `EXPRESS` rejects `.sync`, `.waitForTaskToken` and activities. Default `STANDARD`. */
  stateMachineType?: 'STANDARD' | 'EXPRESS';
}
