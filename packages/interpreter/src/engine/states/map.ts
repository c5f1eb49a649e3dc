import { StatesFailure } from '../../StatesFailure.js';
import type { MapConfig } from '../runMap.js';

/**
 * Checks a Map state's evaluated tolerated-failure settings, whichever query language computed them, with AWS's
 * `States.Runtime` texts: "ToleratedFailureCount cannot be negative." and "ToleratedFailurePercentage must be
 * between 0 and 100.".
 *
 * @example
 * ```ts
 * checkMapConfig({ ...config, toleratedFailureCount: -1 }); // throws StatesFailure
 * ```
 * @internal
 */
export function checkMapConfig(config: MapConfig): void {
  if (config.toleratedFailureCount !== undefined && config.toleratedFailureCount < 0) {
    throw new StatesFailure('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  }
  const pct = config.toleratedFailurePercentage;
  if (pct !== undefined && (pct < 0 || pct > 100)) {
    throw new StatesFailure('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
}
