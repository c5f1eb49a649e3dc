import type { Retrier } from '@step/asl';
import type { CompiledRetrier } from './model.js';

/**
 * Compiles a state's `Retry` list with AWS's defaults (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2).
 * @internal
 */
export function compileRetriers(state: { Retry?: Retrier[] }): CompiledRetrier[] {
  const list = (state.Retry as Record<string, unknown>[] | undefined) ?? [];
  return list.map((r) => ({
    errorEquals: (r.ErrorEquals as string[]) ?? [],
    intervalSeconds: typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1,
    maxAttempts: typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3,
    backoffRate: typeof r.BackoffRate === 'number' ? r.BackoffRate : 2,
    maxDelaySeconds: typeof r.MaxDelaySeconds === 'number' ? r.MaxDelaySeconds : undefined,
    jitter: r.JitterStrategy === 'FULL',
  }));
}
