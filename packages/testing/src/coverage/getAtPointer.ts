import { parsePointer } from '@step/asl';

/**
 * The object a JSON pointer names in a definition, or `{}` when it names none (a tolerant read for reports).
 * @internal
 */
export function getAtPointer(document: unknown, pointer: string): Record<string, unknown> {
  let value: unknown = document;
  for (const token of parsePointer(pointer)) value = (value as Record<string, unknown> | undefined)?.[token];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
