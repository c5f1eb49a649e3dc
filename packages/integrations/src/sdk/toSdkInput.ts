import type { JsonValue } from '@step/asl';
import { NormalizedSchema } from '@smithy/core/schema';

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function memberByName(schema: NormalizedSchema): Map<string, [string, NormalizedSchema]> {
  const members = new Map<string, [string, NormalizedSchema]>();
  for (const [name, member] of schema.structIterator()) members.set(name.toLowerCase(), [name, member]);
  return members;
}

/**
 * Turns ASL task parameters into an AWS SDK v3 command input, guided by the command's schema.
 *
 * @remarks
 * Pure. Parameters are PascalCase (`StateMachineArn`); a member is matched by its name in any case, so
 * services whose SDK members are camelCase (`stateMachineArn` in `@aws-sdk/client-sfn`) get theirs. As Step
 * Functions does, a JSON object or number given for a string member is sent as its JSON text (an SQS
 * `MessageBody`, an SFN `Input`), a string given for a binary member is sent as its UTF-8 bytes, and a
 * timestamp member accepts an ISO 8601 string or epoch seconds. Unknown fields are passed through for the
 * SDK to reject. Without a schema (older clients) the parameters pass unchanged.
 */
export function toSdkInput(params: JsonValue, schema: unknown): unknown {
  if (schema === undefined) return params;
  return convert(params, NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]));
}

function convert(value: JsonValue, schema: NormalizedSchema): unknown {
  if (value === null) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    if (!isObject(value)) return value;
    const members = memberByName(schema);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const found = members.get(key.toLowerCase());
      if (found === undefined) out[key] = v;
      else out[found[0]] = convert(v, found[1]);
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return value;
    const item = schema.getValueSchema();
    return value.map((v) => convert(v, item));
  }
  if (schema.isMapSchema()) {
    if (!isObject(value)) return value;
    const item = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, item)]));
  }
  if (schema.isBlobSchema()) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return schema.isStreaming() ? text : Buffer.from(text, 'utf8');
  }
  if (schema.isTimestampSchema()) {
    if (typeof value === 'number') return new Date(value * 1000);
    return typeof value === 'string' ? new Date(value) : value;
  }
  if (schema.isStringSchema()) return typeof value === 'string' ? value : JSON.stringify(value);
  return value;
}
