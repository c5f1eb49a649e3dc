import { DISTRIBUTED_ONLY } from '../fieldTables.js';
import type { RuleReporter } from '../scopeFacts.js';

/**
 * Map fields AWS evaluates for an INLINE processor as well: the recorded conformance runs use
 * `ToleratedFailureCount` (and AWS accepted it) on inline Maps, so they, and every `*Path` twin, are let through.
 */
const ALSO_INLINE: ReadonlySet<string> = new Set(['ToleratedFailureCount', 'ToleratedFailurePercentage']);

/**
 * Map mode rule (`SCHEMA_VALIDATION_FAILED`): `ItemReader`, `ItemBatcher`, `ResultWriter` and `Label` need
 * `ProcessorConfig.Mode` `DISTRIBUTED`; on an INLINE Map (the default, and every legacy `Iterator`) each is
 * reported at its own pointer.
 * @internal
 */
export function checkDistributedOnlyFields(
  state: Record<string, unknown>,
  pointer: string,
  report: RuleReporter,
): void {
  for (const f of DISTRIBUTED_ONLY) {
    if (state[f] !== undefined && !ALSO_INLINE.has(f) && !f.endsWith('Path')) {
      report.error(
        'SCHEMA_VALIDATION_FAILED',
        `${pointer}/${f}`,
        `Field '${f}' is only supported when the ItemProcessor's ProcessorConfig Mode is DISTRIBUTED`,
        {
          field: f,
        },
      );
    }
  }
}
