import { createHash, randomUUID } from 'node:crypto';
import type jsonata from 'jsonata';
import { CONTEXT_BINDING } from './createEvaluationContext.js';
import { boundedPad } from './evaluationLimits.js';
import type { EvaluationContext } from './createEvaluationContext.js';

/**
 * The algorithms `$hash` accepts: AWS name to Node.js `createHash` name.
 *
 * @example
 * ```ts
 * HASH_ALGORITHMS['SHA-256']; // 'sha256'
 * ```
 * @internal
 */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/**
 * Largest array `$range` builds (the limit of JSONata's own `[a..b]` operator).
 *
 * @example
 * ```ts
 * if (count > MAX_RANGE_ITEMS) throw new Error('range too large');
 * ```
 * @internal
 */
export const MAX_RANGE_ITEMS = 10_000_000;

/** A JSONata-style error: the evaluator prints `code: message`, or just `message` without a code. */
interface FunctionError {
  code?: string;
  message: string;
}

function fail(message: string): never {
  const error: FunctionError = { message };
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
  throw error;
}

function contextOf(focus: jsonata.Focus): EvaluationContext | undefined {
  return focus.environment.lookup(CONTEXT_BINDING) as EvaluationContext | undefined;
}

/** Integers that AWS's functions need are rounded down, as AWS documents. */
function toInteger(value: number): number {
  return Math.floor(value);
}

function partition(array: unknown[], size: number): unknown[][] {
  const chunk = toInteger(size);
  if (!(chunk > 0)) fail(`$partition: the chunk size must be a positive integer, but was ${size}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
  return chunks;
}

function range(start: number, end: number, step: number): number | number[] | undefined {
  const from = toInteger(start);
  const to = toInteger(end);
  const by = toInteger(step);
  if (by === 0) fail(`$range: the step must be a non-zero integer, but was ${step}`);
  const count = Math.floor((to - from) / by) + 1;
  if (count > MAX_RANGE_ITEMS) fail(`$range: the range has ${count} items, more than the limit of ${MAX_RANGE_ITEMS}`);
  if (count <= 0) return undefined;
  // A JSONata sequence: AWS returns a single item unwrapped ($range(1, 9, 9) is 1) and nothing for no item.
  if (count === 1) return from;
  const items = new Array<number>(count);
  for (let i = 0; i < count; i++) items[i] = from + i * by;
  return items;
}

function hash(value: string, algorithm: string): string {
  const name = Object.hasOwn(HASH_ALGORITHMS, algorithm) ? HASH_ALGORITHMS[algorithm] : undefined;
  if (name === undefined) {
    fail(`$hash: the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}, but was '${algorithm}'`);
  }
  return createHash(name).update(value, 'utf8').digest('hex');
}

/** A number in [0, 1) that depends only on the seed (FNV-1a of its text, then one mulberry32 step). */
function seededRandom(seed: number): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return fail(`$parse: the argument is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Adds the functions AWS Step Functions puts into JSONata to a compiled expression, and removes `$eval`.
 *
 * @remarks
 * `$partition(array, size)`, `$range(start, end, step)`, `$hash(value, algorithm)`, `$random([seed])`, `$uuid()`,
 * `$parse(json)`; `$now()`/`$millis()` read the evaluation's injected clock. `$eval` is shadowed by `undefined`,
 * so calling it fails with `T1006: Attempted to invoke a non-function`, as any unknown function does on AWS.
 * Argument types are checked by JSONata signatures (`T0410` errors); values by the functions themselves.
 * @internal
 */
export function registerStepFunctions(expression: jsonata.Expression): void {
  expression.registerFunction('partition', partition, '<an:a>');
  expression.registerFunction('range', range, '<nnn:x>');
  expression.registerFunction('hash', hash, '<ss:s>');
  expression.registerFunction(
    'random',
    function (this: jsonata.Focus, seed?: number) {
      if (seed !== undefined) return seededRandom(seed);
      const source = contextOf(this)?.options?.random ?? Math.random;
      return source();
    },
    '<n?:n>',
  );
  expression.registerFunction(
    'uuid',
    function (this: jsonata.Focus) {
      const source = contextOf(this)?.options?.uuid ?? randomUUID;
      return source();
    },
    '<:s>',
  );
  expression.registerFunction('parse', parse, '<s:x>');
  expression.registerFunction('pad', boundedPad, '<s-ns?:s>');
  expression.registerFunction(
    'now',
    function (this: jsonata.Focus, picture?: string, timezone?: string) {
      const millis = contextOf(this)?.timestamp ?? Date.now();
      const fromMillis = this.environment.lookup('fromMillis') as {
        implementation: (millis: number, picture?: string, timezone?: string) => string;
      };
      return fromMillis.implementation(millis, picture, timezone);
    },
    '<s?s?:s>',
  );
  expression.registerFunction(
    'millis',
    function (this: jsonata.Focus) {
      return contextOf(this)?.timestamp ?? Date.now();
    },
    '<:n>',
  );
  expression.assign('eval', undefined);
}
