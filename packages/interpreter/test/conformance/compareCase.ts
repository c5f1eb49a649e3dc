// Comparison of an execution result with a recorded case, as the shared conformance runner (run.mjs) judges it.
import type { JsonValue } from '@step/asl';

export interface ConformanceCase {
  id: string;
  definition: unknown;
  input?: unknown;
  expected: {
    status: string;
    output?: JsonValue;
    error?: string;
    cause?: JsonValue;
    stateSequence?: string[];
    stateSequenceOrdered?: boolean;
  };
  features?: string[];
  normalised?: boolean;
  mockConfig?: unknown;
  /** `["s3"]`: a distributed Map reads or writes S3; seed `s3Buckets` and `s3Objects` first. */
  needs?: string[];
  s3Buckets?: string[];
  s3Objects?: { bucket: string; key: string; body: string }[];
}

export interface ActualResult {
  status: string;
  output?: JsonValue;
  error?: string;
  cause?: string;
  path: string[];
}

const PH = /<[A-Za-z_][\w\-.]*(?::\d+)?>|111111111111|\bdate\b|\btimestamp\b|\bdatetime\b|json-input/g;
const PURE_PH = /^(?:<[A-Za-z_][\w\-.]*(?::\d+)?>|date|datetime|timestamp|json-input|111111111111)$/;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholderRegex(s: string): RegExp {
  let re = '';
  let last = 0;
  for (const m of s.matchAll(PH)) {
    re += escapeRe(s.slice(last, m.index));
    re += m[0] === '111111111111' ? '\\d{12}' : '[\\s\\S]*?';
    last = m.index + m[0].length;
  }
  re += escapeRe(s.slice(last));
  return new RegExp('^' + re + '$');
}

function stringMatches(exp: unknown, act: unknown, wild: boolean): boolean {
  if (exp === act) return true;
  if (!wild || typeof exp !== 'string') return false;
  if (PURE_PH.test(exp)) return true;
  if (typeof act !== 'string') return false;
  PH.lastIndex = 0;
  if (!PH.test(exp)) return false;
  PH.lastIndex = 0;
  return placeholderRegex(exp).test(act);
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 200 ? s.slice(0, 200) + '…' : s;
};

function deepMatch(exp: unknown, act: unknown, wild: boolean, p = '$'): string | null {
  if (typeof exp === 'string')
    return stringMatches(exp, act, wild) ? null : `${p}: expected ${JSON.stringify(exp)} got ${short(act)}`;
  if (exp === null || typeof exp !== 'object')
    return exp === act ? null : `${p}: expected ${JSON.stringify(exp)} got ${short(act)}`;
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) return `${p}: expected array got ${short(act)}`;
    if (exp.length !== act.length) return `${p}: expected array length ${exp.length} got ${act.length}`;
    for (let i = 0; i < exp.length; i++) {
      const d = deepMatch(exp[i], act[i], wild, `${p}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (!act || typeof act !== 'object' || Array.isArray(act)) return `${p}: expected object got ${short(act)}`;
  const e = exp as Record<string, unknown>;
  const a = act as Record<string, unknown>;
  for (const k of Object.keys(e)) if (!(k in a)) return `${p}: missing key ${JSON.stringify(k)}`;
  for (const k of Object.keys(a)) if (!(k in e)) return `${p}: unexpected key ${JSON.stringify(k)}`;
  for (const k of Object.keys(e)) {
    const d = deepMatch(e[k], a[k], wild, `${p}.${k}`);
    if (d) return d;
  }
  return null;
}

/**
 * Returns null when the result matches the case, else the first difference. Same rules as run.mjs, plus one: a
 * recorded cause that the recorder parsed into an object is compared with the JSON-parsed actual cause.
 */
export function compareCase(c: ConformanceCase, r: ActualResult): string | null {
  const e = c.expected;
  const wild = !!c.normalised;
  if (r.status !== e.status)
    return `status: expected ${e.status} got ${r.status}${r.error ? ` (${r.error}: ${String(r.cause ?? '').slice(0, 300)})` : ''}`;
  if (e.status === 'SUCCEEDED') {
    const d = deepMatch(e.output, r.output, wild);
    if (d) return `output ${d}`;
  }
  if ('error' in e && e.error !== r.error && !(wild && stringMatches(e.error, r.error, wild))) {
    return `error: expected ${short(e.error)} got ${short(r.error)}`;
  }
  if ('cause' in e) {
    if (e.cause !== null && typeof e.cause === 'object') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.cause ?? '');
      } catch {
        return `cause: expected ${short(e.cause)} got ${short(r.cause)}`;
      }
      const d = deepMatch(e.cause, parsed, wild);
      if (d) return `cause ${d}`;
    } else if (!stringMatches(e.cause, r.cause, wild) && e.cause !== r.cause) {
      return `cause: expected ${short(e.cause)} got ${short(r.cause)}`;
    }
  }
  if (Array.isArray(e.stateSequence)) {
    const a = r.path;
    const x = e.stateSequence;
    const same =
      e.stateSequenceOrdered === false
        ? JSON.stringify([...a].sort()) === JSON.stringify([...x].sort())
        : JSON.stringify(a) === JSON.stringify(x);
    if (!same) return `stateSequence: expected ${short(x)} got ${short(a)}`;
  }
  return null;
}
