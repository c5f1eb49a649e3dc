import type { JsonValue } from '@step/asl';
import { NormalizedSchema } from '@smithy/core/schema';

/**
 * How dates are presented: `iso` (an ISO 8601 string, as the `aws-sdk:*` integrations show them) or `epochMillis`
 * (a number, as the optimized integrations show `StartDate`/`StopDate`).
 */
export type DateFormat = 'iso' | 'epochMillis';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function bytesToJson(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
}

async function readStream(value: unknown): Promise<Uint8Array> {
  const body = value as { transformToByteArray?: () => Promise<Uint8Array> } & AsyncIterable<Uint8Array>;
  if (typeof body.transformToByteArray === 'function') return body.transformToByteArray();
  if (typeof body[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return Buffer.from(String(value));
}

/**
 * Presents an AWS SDK v3 command output as Step Functions does: member names in PascalCase (`executionArn` ->
 * `ExecutionArn`), no `$metadata`, dates per `dates`, a streamed body (S3 `Body`) read as UTF-8 text and other
 * binary fields as UTF-8 text, or base64 when they are not valid UTF-8.
 *
 * @remarks
 * Map keys are data and keep their spelling. Without a schema (older clients) the structure is kept and only
 * dates and bytes are converted.
 */
export async function fromSdkOutput(output: unknown, schema: unknown, dates: DateFormat): Promise<JsonValue> {
  const normalized =
    schema === undefined ? undefined : NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
  return (await convert(output, normalized, dates)) ?? {};
}

async function convert(
  value: unknown,
  schema: NormalizedSchema | undefined,
  dates: DateFormat,
): Promise<JsonValue | undefined> {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return dates === 'iso' ? value.toISOString() : value.getTime();
  if (value instanceof Uint8Array) return bytesToJson(value);
  if (schema?.isBlobSchema()) return bytesToJson(await readStream(value));
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) {
    const item = schema?.isListSchema() ? schema.getValueSchema() : undefined;
    const out: JsonValue[] = [];
    for (const v of value) out.push((await convert(v, item, dates)) ?? null);
    return out;
  }
  if (typeof value !== 'object') return value as JsonValue;
  const record = value as Record<string, unknown>;
  const out: Record<string, JsonValue> = {};
  if (schema?.isMapSchema()) {
    const item = schema.getValueSchema();
    for (const [k, v] of Object.entries(record)) {
      const json = await convert(v, item, dates);
      if (json !== undefined) out[k] = json;
    }
    return out;
  }
  const struct = schema !== undefined && (schema.isStructSchema() || schema.isUnionSchema()) ? schema : undefined;
  for (const [k, v] of Object.entries(record)) {
    if (k === '$metadata') continue;
    const member = struct === undefined ? undefined : memberSchema(struct, k);
    const json = await convert(v, member, dates);
    if (json !== undefined) out[struct === undefined ? k : k.charAt(0).toUpperCase() + k.slice(1)] = json;
  }
  return out;
}

function memberSchema(schema: NormalizedSchema, name: string): NormalizedSchema | undefined {
  for (const [k, member] of schema.structIterator()) if (k === name) return member;
  return undefined;
}
