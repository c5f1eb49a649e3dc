/**
 * Package version marker; replaced by the real public API.
 *
 * @example
 * ```ts
 * import { VERSION } from '@step/interpreter';
 * ```
 */
export const VERSION = '0.1.0';
