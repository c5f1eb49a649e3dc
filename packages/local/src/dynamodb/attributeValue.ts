import { AwsServiceError } from '../AwsServiceError.js';
import { compareDecimal, formatDecimal, parseDecimal } from './decimal.js';

/**
 * A DynamoDB attribute value as it travels over the wire (AWS JSON): exactly one type key. Binary values are
 * base64 text, numbers are decimal text.
 * @internal
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** An item: top-level attribute names to values. @internal */
export type Item = Record<string, AttributeValue>;

/** The ten type names, as `attribute_type` and error messages spell them. @internal */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';

/** Every type name, in the order DynamoDB lists them in its messages. @internal */
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['B', 'BOOL', 'BS', 'L', 'M', 'N', 'NS', 'NULL', 'S', 'SS'];

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * The type name of a value (its one key).
 * @internal
 */
export function typeOf(v: AttributeValue): AttributeType {
  return Object.keys(v)[0] as AttributeType;
}

const SET_NAMES = { SS: 'string', NS: 'number', BS: 'binary' } as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks a value from a request and answers its canonical form (numbers normalised, as DynamoDB stores them).
 * Throws DynamoDB's `ValidationException` for an empty value, two type keys, a bad number, an empty or duplicated set.
 * @internal
 */
export function checkValue(raw: unknown): AttributeValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const entries = Object.entries(raw as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length !== 1)
    throw invalid(
      entries.length === 0
        ? 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'
        : 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  const [type, v] = entries[0]!;
  switch (type) {
    case 'S':
      if (typeof v !== 'string') break;
      return { S: v };
    case 'N':
      if (typeof v !== 'string') break;
      return { N: formatDecimal(parseDecimal(v)) };
    case 'B':
      if (typeof v !== 'string' || !BASE64.test(v)) break;
      return { B: v };
    case 'BOOL':
      if (typeof v !== 'boolean') break;
      return { BOOL: v };
    case 'NULL':
      if (v !== true)
        throw invalid(
          'One or more parameter values were invalid: Null attribute value types must have the value of true',
        );
      return { NULL: true };
    case 'M': {
      if (typeof v !== 'object' || Array.isArray(v)) break;
      const m: Record<string, AttributeValue> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) m[k] = checkValue(x);
      return { M: m };
    }
    case 'L':
      if (!Array.isArray(v)) break;
      return { L: v.map(checkValue) };
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) break;
      const members = type === 'NS' ? (v as string[]).map((x) => formatDecimal(parseDecimal(x))) : (v as string[]);
      if (members.length === 0)
        // DynamoDB's own wording, double space included.
        throw invalid(`One or more parameter values were invalid: An ${SET_NAMES[type]} set  may not be empty`);
      const seen = new Set<string>();
      for (const x of members) {
        const k = type === 'NS' ? formatDecimal(parseDecimal(x)) : x;
        if (seen.has(k))
          throw invalid(
            `One or more parameter values were invalid: Input collection [${members.join(', ')}] contains duplicates.`,
          );
        seen.add(k);
      }
      return { [type]: members } as AttributeValue;
    }
    default:
      throw invalid(
        `Supplied AttributeValue has an unknown datatype "${type}", must contain exactly one of the supported datatypes`,
      );
  }
  throw invalid(`Supplied AttributeValue of type ${type} has a value of the wrong JSON type`);
}

/**
 * Checks every attribute of an item from a request (see {@link checkValue}).
 * @internal
 */
export function checkItem(raw: unknown, field = 'Item'): Item {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(
      `1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  const item: Item = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) item[k] = checkValue(v);
  return item;
}

function setKey(type: AttributeType, x: string): string {
  return type === 'NS' ? formatDecimal(parseDecimal(x)) : x;
}

/**
 * Whether two values are equal as DynamoDB compares them: same type, numbers numerically, sets without order,
 * maps and lists deeply.
 * @internal
 */
export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  const x = (a as Record<string, unknown>)[t];
  const y = (b as Record<string, unknown>)[t];
  switch (t) {
    case 'N':
      return compareDecimal(parseDecimal(x as string), parseDecimal(y as string)) === 0;
    case 'M': {
      const mx = x as Record<string, AttributeValue>;
      const my = y as Record<string, AttributeValue>;
      const kx = Object.keys(mx);
      return kx.length === Object.keys(my).length && kx.every((k) => my[k] !== undefined && equalValues(mx[k]!, my[k]));
    }
    case 'L': {
      const lx = x as AttributeValue[];
      const ly = y as AttributeValue[];
      return lx.length === ly.length && lx.every((v, i) => equalValues(v, ly[i]!));
    }
    case 'SS':
    case 'NS':
    case 'BS': {
      const sx = new Set((x as string[]).map((v) => setKey(t, v)));
      const sy = (y as string[]).map((v) => setKey(t, v));
      return sx.size === sy.length && sy.every((v) => sx.has(v));
    }
    default:
      return x === y;
  }
}

/**
 * Orders two scalar values of the same type (S by UTF-8 bytes, N numerically, B by bytes), as key conditions and
 * `<`/`>` compare them; `undefined` when the types differ or are not S, N or B.
 * @internal
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const t = typeOf(a);
  if (t !== typeOf(b)) return undefined;
  if ('N' in a && 'N' in b) return compareDecimal(parseDecimal(a.N), parseDecimal(b.N));
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S, 'utf8'), Buffer.from(b.S, 'utf8'));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

/**
 * The size of an item in bytes as DynamoDB counts it (names plus values, approximately), for the 400 KB limit.
 * @internal
 */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [k, v] of Object.entries(item)) size += Buffer.byteLength(k) + valueSize(v);
  return size;
}

function valueSize(v: AttributeValue): number {
  if ('S' in v) return Buffer.byteLength(v.S);
  if ('N' in v) return Math.ceil(v.N.replace(/[-.]/g, '').length / 2) + 1;
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('M' in v) return 3 + itemSize(v.M) + Object.keys(v.M).length;
  if ('L' in v) return 3 + v.L.reduce((n, x) => n + 1 + valueSize(x), 0);
  if ('SS' in v) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
  if ('NS' in v) return v.NS.reduce((n, x) => n + Math.ceil(x.length / 2) + 1, 0);
  return v.BS.reduce((n, x) => n + Buffer.from(x, 'base64').length, 0);
}
