import { AwsServiceError } from '../AwsServiceError.js';

/**
 * A DynamoDB number as an exact decimal: `sign * digits * 10^exponent`, with no trailing zeros in `digits`.
 * @internal
 */
export interface Decimal {
  negative: boolean;
  digits: bigint;
  exponent: number;
}

const NUMBER = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function normalize(negative: boolean, digits: bigint, exponent: number): Decimal {
  if (digits === 0n) return { negative: false, digits: 0n, exponent: 0 };
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponent += 1;
  }
  return { negative, digits, exponent };
}

/**
 * Parses a number as DynamoDB accepts it (decimal text, optional exponent) and checks DynamoDB's limits: at most
 * 38 significant digits, magnitude between 1E-130 and 9.99...E+125. Throws a `ValidationException` otherwise.
 * @internal
 */
export function parseDecimal(text: string): Decimal {
  const m = NUMBER.exec(text.trim());
  if (m === null || ((m[2] ?? '') === '' && (m[3] ?? '') === ''))
    throw invalid('A value provided cannot be converted into a number');
  const fraction = m[3] ?? '';
  const all = `${m[2] ?? ''}${fraction}`.replace(/^0+/, '');
  const d = normalize(m[1] === '-', BigInt(all === '' ? '0' : all), Number(m[4] ?? '0') - fraction.length);
  checkRange(d);
  return d;
}

function checkRange(d: Decimal): void {
  if (d.digits === 0n) return;
  const count = d.digits.toString().length;
  if (count > MAX_DIGITS) throw invalid('Attempting to store more than 38 significant digits in a Number');
  const magnitude = count - 1 + d.exponent; // the power of ten of the leading digit
  if (magnitude > 125)
    throw invalid('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (magnitude < -130)
    throw invalid('Number underflow. Attempting to store a number with magnitude smaller than supported range');
}

/**
 * The canonical text DynamoDB answers for a number: no exponent, no leading or trailing zeros (`1.50` is `1.5`).
 * @internal
 */
export function formatDecimal(d: Decimal): string {
  const sign = d.negative ? '-' : '';
  const s = d.digits.toString();
  if (d.exponent >= 0) return d.digits === 0n ? '0' : `${sign}${s}${'0'.repeat(d.exponent)}`;
  const point = s.length + d.exponent;
  return point > 0 ? `${sign}${s.slice(0, point)}.${s.slice(point)}` : `${sign}0.${'0'.repeat(-point)}${s}`;
}

function scaled(d: Decimal, exponent: number): bigint {
  const v = d.digits * 10n ** BigInt(d.exponent - exponent);
  return d.negative ? -v : v;
}

/**
 * Compares two numbers exactly: negative when `a < b`, 0 when equal, positive when `a > b`.
 * @internal
 */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = scaled(a, e);
  const y = scaled(b, e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Adds two numbers exactly (subtract by negating `b`); the result is checked against DynamoDB's limits.
 * @internal
 */
export function addDecimal(a: Decimal, b: Decimal, subtract = false): Decimal {
  const e = Math.min(a.exponent, b.exponent);
  const y = scaled(b, e);
  const sum = scaled(a, e) + (subtract ? -y : y);
  const d = normalize(sum < 0n, sum < 0n ? -sum : sum, e);
  checkRange(d);
  return d;
}
