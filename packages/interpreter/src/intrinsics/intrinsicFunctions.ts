import { createHash } from 'node:crypto';
import type { JsonValue } from '@step/asl';
import { formatIntrinsicValue } from './formatIntrinsicValue.js';
import { argumentTypeFailure, intrinsicFailure, ordinal } from './intrinsicFailure.js';
import { jsonEquals, toCanonicalKey } from './jsonEquals.js';
import { seededRandomInt } from './seededRandomInt.js';

type JsonObject = { [k: string]: JsonValue };

/**
 * One `States.*` function: its arity and its implementation over already evaluated arguments.
 * @internal
 */
export interface IntrinsicFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Throws a `States.IntrinsicFailure` `StatesFailure` on bad arguments. */
  readonly apply: (args: readonly JsonValue[], random: () => number, uuid: () => string) => JsonValue;
}

const MAX_ARRAY_RANGE_ITEMS = 1000;
const MAX_ENCODING_INPUT_CHARS = 10_000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function arg(args: readonly JsonValue[], index: number): JsonValue {
  return args[index] as JsonValue;
}

function stringArg(fn: string, args: readonly JsonValue[], index: number): string {
  const value = arg(args, index);
  if (typeof value !== 'string') throw argumentTypeFailure(fn, index, 'a string', value);
  return value;
}

function arrayArg(fn: string, args: readonly JsonValue[], index: number): JsonValue[] {
  const value = arg(args, index);
  if (!Array.isArray(value)) throw argumentTypeFailure(fn, index, 'an array', value);
  return value;
}

function objectArg(fn: string, args: readonly JsonValue[], index: number): JsonObject {
  const value = arg(args, index);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentTypeFailure(fn, index, 'an object', value);
  }
  return value;
}

/** An integer argument; AWS rounds numbers half up (recorded for States.MathAdd: 1.5 -> 2, -1.5 -> -1). */
function intArg(fn: string, args: readonly JsonValue[], index: number): number {
  const value = arg(args, index);
  if (typeof value !== 'number') throw argumentTypeFailure(fn, index, 'a number', value);
  const rounded = Math.round(value) + 0;
  if (rounded < INT_MIN || rounded > INT_MAX) {
    throw intrinsicFailure(
      `The ${ordinal(index)} argument of '${fn}' must be an integer between ${INT_MIN} and ${INT_MAX}, but was ${value}.`,
    );
  }
  return rounded;
}

function limitedStringArg(fn: string, args: readonly JsonValue[], index: number): string {
  const value = stringArg(fn, args, index);
  if (value.length > MAX_ENCODING_INPUT_CHARS) {
    let codePoints = 0;
    for (const _ of value) codePoints++;
    if (codePoints > MAX_ENCODING_INPUT_CHARS) {
      throw intrinsicFailure(
        `The input of '${fn}' is ${codePoints} characters long; the limit is ${MAX_ENCODING_INPUT_CHARS}.`,
      );
    }
  }
  return value;
}

/**
 * Splits a `States.Format` template at its `{}` placeholders: n placeholders give n + 1 literal parts.
 *
 * @remarks
 * With `escaped` (a literal template as written between the quotes), `\{`, `\}`, `\'` and `\\` stand for the
 * character itself, so an escaped brace never forms a placeholder; another backslash is kept as written.
 * Without it (a template read from a path), the text is taken as is.
 * @internal
 */
export function splitFormatTemplate(template: string, escaped = false): string[] {
  if (!escaped || !template.includes('\\')) return template.split('{}');
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    const next = template[i + 1];
    if (ch === '\\' && (next === '{' || next === '}' || next === "'" || next === '\\')) {
      current += next;
      i++;
    } else if (ch === '{' && next === '}') {
      parts.push(current);
      current = '';
      i++;
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Fills split template parts with the formatted arguments; the counts must match.
 * @internal
 */
export function fillFormatTemplate(parts: readonly string[], values: readonly JsonValue[], offset = 0): string {
  const placeholders = parts.length - 1;
  const count = values.length - offset;
  if (placeholders !== count) {
    throw intrinsicFailure(
      `The number of arguments to 'States.Format' (${count}) does not match the number of '{}' placeholders in the template (${placeholders}).`,
    );
  }
  let out = parts[0] as string;
  for (let i = 0; i < count; i++) {
    out += formatIntrinsicValue(values[offset + i] as JsonValue) + (parts[i + 1] as string);
  }
  return out;
}

function arrayRange(start: number, end: number, step: number): JsonValue {
  if (step === 0) throw intrinsicFailure("The step of 'States.ArrayRange' must not be 0.");
  const count = (end - start) / step < 0 ? 0 : Math.floor((end - start) / step) + 1;
  if (count > MAX_ARRAY_RANGE_ITEMS) {
    throw intrinsicFailure(`'States.ArrayRange' would return ${count} items; the limit is ${MAX_ARRAY_RANGE_ITEMS}.`);
  }
  const out = new Array<JsonValue>(count);
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  return out;
}

function base64Decode(text: string): string {
  if (text.length % 4 === 1 || !BASE64.test(text) || (text.includes('=') && text.length % 4 !== 0)) {
    throw intrinsicFailure(`The argument of 'States.Base64Decode' is not valid base64: ${text}`);
  }
  return Buffer.from(text, 'base64').toString('utf8');
}

function stringSplit(text: string, delimiters: string): JsonValue {
  const out: JsonValue[] = [];
  if (delimiters.length === 1) {
    for (const part of text.split(delimiters)) if (part !== '') out.push(part);
    return out;
  }
  const separators = new Set(delimiters);
  let current = '';
  for (const ch of text) {
    if (separators.has(ch)) {
      if (current !== '') out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** `{ ...left, ...right }` without object spread, which is several times slower on parsed JSON objects. */
function shallowMerge(left: JsonObject, right: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const source of [left, right]) {
    for (const key of Object.keys(source)) {
      if (key === '__proto__') {
        Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true, configurable: true });
      } else {
        out[key] = source[key] as JsonValue;
      }
    }
  }
  return out;
}

function fn(
  minArgs: number,
  maxArgs: number,
  apply: (args: readonly JsonValue[], random: () => number, uuid: () => string) => JsonValue,
): IntrinsicFunction {
  return { minArgs, maxArgs, apply };
}

/**
 * The 18 `States.*` intrinsic functions by name.
 *
 * @example
 * ```ts
 * INTRINSIC_FUNCTIONS.get('States.MathAdd')?.apply([1, 2], Math.random, randomUUID); // 3
 * ```
 * @internal
 */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map<string, IntrinsicFunction>([
  [
    'States.Format',
    fn(1, Infinity, (args) => fillFormatTemplate(splitFormatTemplate(stringArg('States.Format', args, 0)), args, 1)),
  ],
  [
    'States.StringToJson',
    fn(1, 1, (args) => {
      const text = stringArg('States.StringToJson', args, 0);
      if (text.trim() === '') return null;
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(text) as JsonValue;
      } catch {
        throw intrinsicFailure(`The argument of 'States.StringToJson' is not valid JSON: ${text}`);
      }
      return parsed === 0 ? 0 : parsed;
    }),
  ],
  ['States.JsonToString', fn(1, 1, (args) => JSON.stringify(arg(args, 0)))],
  ['States.Array', fn(0, Infinity, (args) => args.slice())],
  [
    'States.ArrayPartition',
    fn(2, 2, (args) => {
      const array = arrayArg('States.ArrayPartition', args, 0);
      const size = intArg('States.ArrayPartition', args, 1);
      if (size <= 0) {
        throw intrinsicFailure(
          `The chunk size of 'States.ArrayPartition' must be a positive integer, but was ${size}.`,
        );
      }
      const out: JsonValue[] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    }),
  ],
  [
    'States.ArrayContains',
    fn(2, 2, (args) => {
      const array = arrayArg('States.ArrayContains', args, 0);
      const needle = arg(args, 1);
      for (const item of array) if (jsonEquals(item, needle)) return true;
      return false;
    }),
  ],
  [
    'States.ArrayRange',
    fn(3, 3, (args) =>
      arrayRange(
        intArg('States.ArrayRange', args, 0),
        intArg('States.ArrayRange', args, 1),
        intArg('States.ArrayRange', args, 2),
      ),
    ),
  ],
  [
    'States.ArrayGetItem',
    fn(2, 2, (args) => {
      const array = arrayArg('States.ArrayGetItem', args, 0);
      const index = intArg('States.ArrayGetItem', args, 1);
      if (index < 0 || index >= array.length) {
        throw intrinsicFailure(
          `The index ${index} of 'States.ArrayGetItem' is out of bounds for an array of length ${array.length}.`,
        );
      }
      return array[index] as JsonValue;
    }),
  ],
  ['States.ArrayLength', fn(1, 1, (args) => arrayArg('States.ArrayLength', args, 0).length)],
  [
    'States.ArrayUnique',
    fn(1, 1, (args) => {
      const array = arrayArg('States.ArrayUnique', args, 0);
      const seen = new Set<string>();
      const out: JsonValue[] = [];
      for (const item of array) {
        const key = toCanonicalKey(item);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(item);
        }
      }
      return out;
    }),
  ],
  [
    'States.Base64Encode',
    fn(1, 1, (args) => Buffer.from(limitedStringArg('States.Base64Encode', args, 0), 'utf8').toString('base64')),
  ],
  ['States.Base64Decode', fn(1, 1, (args) => base64Decode(limitedStringArg('States.Base64Decode', args, 0)))],
  [
    'States.Hash',
    fn(2, 2, (args) => {
      const data = limitedStringArg('States.Hash', args, 0);
      const name = stringArg('States.Hash', args, 1);
      const algorithm = Object.hasOwn(HASH_ALGORITHMS, name) ? HASH_ALGORITHMS[name] : undefined;
      if (algorithm === undefined) {
        throw intrinsicFailure(
          `The algorithm '${name}' of 'States.Hash' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512.`,
        );
      }
      return createHash(algorithm).update(data, 'utf8').digest('hex');
    }),
  ],
  [
    'States.JsonMerge',
    fn(3, 3, (args) => {
      const left = objectArg('States.JsonMerge', args, 0);
      const right = objectArg('States.JsonMerge', args, 1);
      const deep = arg(args, 2);
      if (typeof deep !== 'boolean') throw argumentTypeFailure('States.JsonMerge', 2, 'a boolean', deep);
      if (deep) {
        throw intrinsicFailure("'States.JsonMerge' supports only shallow merging: its third argument must be false.");
      }
      return shallowMerge(left, right);
    }),
  ],
  [
    'States.MathRandom',
    fn(2, 3, (args, random) => {
      const start = intArg('States.MathRandom', args, 0);
      const end = intArg('States.MathRandom', args, 1);
      const bound = end - start;
      if (bound <= 0 || bound > INT_MAX) {
        throw intrinsicFailure(`The end of 'States.MathRandom' (${end}) must be greater than its start (${start}).`);
      }
      if (args.length === 3) return start + seededRandomInt(intArg('States.MathRandom', args, 2), bound);
      return start + Math.floor(random() * bound);
    }),
  ],
  ['States.MathAdd', fn(2, 2, (args) => intArg('States.MathAdd', args, 0) + intArg('States.MathAdd', args, 1))],
  [
    'States.StringSplit',
    fn(2, 2, (args) => stringSplit(stringArg('States.StringSplit', args, 0), stringArg('States.StringSplit', args, 1))),
  ],
  ['States.UUID', fn(0, 0, (_args, _random, uuid) => uuid())],
]);
