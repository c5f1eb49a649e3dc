import type { JsonValue } from '@step/asl';

/**
 * The fields of an ItemReader/ResultWriter configuration object (`{}` for anything else).
 * @internal
 */
export function configFields(v: JsonValue | undefined): { [k: string]: JsonValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
