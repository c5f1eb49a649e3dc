import { memoizeByText } from '../memoizeByText.js';
import { checkFilterExpression } from './checkFilterExpression.js';
import type { JsonPathAst, PathRoot, PathSegment } from './types.js';

/**
 * The result of {@link parsePath}.
 *
 * @example
 * ```ts
 * const r: ParsePathResult = parsePath('$.a');
 * ```
 */
export type ParsePathResult = { ok: true; path: JsonPathAst } | { ok: false; message: string };

const parseCached = memoizeByText(parseUncached, 10_000);

/**
 * Parses a JSONPath as Step Functions accepts it: `$` (input), `$$` (context object) or `$name` (variable),
 * followed by `.name`, `['name']`, `[0]`, `[-1]`, `.*`, `[*]`, `[a:b:c]`, `['a','b']`, `[0,1]`, `..name`,
 * `..*` and `[?(...)]` segments. A dot before a bracket is allowed and means nothing, as in AWS:
 * `$.items.[0]` is `$.items[0]`.
 *
 * @remarks
 * Never throws; results are cached by text. `definite` tells whether the path is a reference path
 * (only property and index segments), as `ResultPath` and `Variable` require. Inside a quoted name a
 * backslash stops the next character from ending the name but is kept, as Step Functions does:
 * `$['a\"b']` names the key `a\"b`.
 *
 * @example
 * ```ts
 * const r = parsePath("$.orders[0]['id']");
 * if (r.ok) console.log(r.path.segments); // property orders, index 0, property id
 * ```
 */
export function parsePath(text: string): ParsePathResult {
  return parseCached(text);
}

/** Internal control flow only: never escapes the parser. */
class PathSyntaxError extends Error {}

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}\u200c\u200d]/u;
/** Characters that end a dot-notation property name. */
const DOT_STOP = new Set(['.', '[', ']', '(', ')', ' ', '\t', '\n', '\r', "'", '"', ',', '*']);

function parseUncached(text: string): ParsePathResult {
  if (typeof text !== 'string') return { ok: false, message: 'a JSONPath must be a string' };
  if (text.length === 0 || text[0] !== '$') {
    return { ok: false, message: `'${text}' must start with '$'` };
  }
  try {
    let i = 1;
    let root: PathRoot;
    if (text[1] === '$') {
      root = { kind: 'context' };
      i = 2;
    } else if (i < text.length && text[i] !== '.' && text[i] !== '[') {
      // $name: a variable
      const start = i;
      const first = String.fromCodePoint(text.codePointAt(i) ?? 0);
      if (!ID_START.test(first)) {
        throw new PathSyntaxError(`invalid variable name at position ${i} in '${text}'`);
      }
      i += first.length;
      while (i < text.length) {
        const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
        if (!ID_CONTINUE.test(ch)) break;
        i += ch.length;
      }
      root = { kind: 'variable', name: text.slice(start, i) };
    } else {
      root = { kind: 'input' };
    }
    const segments: PathSegment[] = [];
    let definite = true;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '.') {
        if (text[i + 1] === '.') {
          i += 2;
          if (text[i] === '*') {
            segments.push({ kind: 'recursive' });
            i++;
          } else if (text[i] === '[') {
            segments.push({ kind: 'recursive' });
          } else {
            const [name, end] = readDotName(text, i);
            segments.push({ kind: 'recursive', name });
            i = end;
          }
          definite = false;
          continue;
        }
        i++;
        // `$.items.[0]` and `$.[?(...)]`: AWS (Jayway) reads a dot before a bracket as the bracket alone.
        if (text[i] === '[') continue;
        if (text[i] === '*') {
          segments.push({ kind: 'wildcard' });
          definite = false;
          i++;
          continue;
        }
        const [name, end] = readDotName(text, i);
        if (text[end] === '(' && text[end + 1] === ')') {
          throw new PathSyntaxError(`functions such as '${name}()' are not supported in '${text}'`);
        }
        segments.push({ kind: 'property', name });
        i = end;
        continue;
      }
      if (ch === '[') {
        const [segment, end] = readBracket(text, i);
        if (segment.kind !== 'property' && segment.kind !== 'index') definite = false;
        segments.push(segment);
        i = end;
        continue;
      }
      throw new PathSyntaxError(`unexpected '${ch}' at position ${i} in '${text}'`);
    }
    return { ok: true, path: { source: text, root, segments, definite } };
  } catch (e) {
    if (e instanceof PathSyntaxError) return { ok: false, message: e.message };
    throw e;
  }
}

function readDotName(text: string, start: number): [string, number] {
  let i = start;
  while (i < text.length && !DOT_STOP.has(text[i] ?? '')) i++;
  if (i === start) {
    throw new PathSyntaxError(
      i >= text.length
        ? `'${text}' ends with '.'; add a property name or remove the dot`
        : `expected a property name at position ${start} in '${text}'`,
    );
  }
  return [text.slice(start, i), i];
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ') i++;
  return i;
}

/**
 * Reads a quoted name. As in Step Functions, a backslash only stops the next character from closing the
 * string: it is kept, so `['a\"b']` names the key `a\"b` and `['it\'s']` the key `it\'s`.
 */
function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      i += 2;
      continue;
    }
    if (ch === quote) return [text.slice(start + 1, i), i + 1];
    i++;
  }
  throw new PathSyntaxError(`unterminated string at position ${start} in '${text}'`);
}

const INT = /^-?\d+$/;

function readInt(text: string, start: number): [number | undefined, number] {
  let i = start;
  if (text[i] === '-') i++;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const raw = text.slice(start, i);
  if (raw === '') return [undefined, i];
  if (!INT.test(raw)) throw new PathSyntaxError(`invalid number at position ${start} in '${text}'`);
  return [Number(raw), i];
}

function readBracket(text: string, open: number): [PathSegment, number] {
  let i = skipSpaces(text, open + 1);
  const ch = text[i];
  if (ch === '?') {
    // filter: [?( ... )]
    i = skipSpaces(text, i + 1);
    if (text[i] !== '(') throw new PathSyntaxError(`expected '(' after '?' at position ${i} in '${text}'`);
    const close = findClosingParen(text, i);
    const expression = text.slice(i + 1, close);
    const end = skipSpaces(text, close + 1);
    if (text[end] !== ']') throw new PathSyntaxError(`expected ']' at position ${end} in '${text}'`);
    if (expression.trim() === '') throw new PathSyntaxError(`empty filter in '${text}'`);
    const problem = checkFilterExpression(expression);
    if (problem !== undefined)
      throw new PathSyntaxError(`invalid filter '[?(${expression})]' in '${text}': ${problem}`);
    return [{ kind: 'filter', expression }, end + 1];
  }
  if (ch === '(') {
    throw new PathSyntaxError(`script expressions '[(...)]' are not supported in '${text}'`);
  }
  if (ch === '*') {
    const end = skipSpaces(text, i + 1);
    if (text[end] !== ']') throw new PathSyntaxError(`expected ']' at position ${end} in '${text}'`);
    return [{ kind: 'wildcard' }, end + 1];
  }
  if (ch === "'" || ch === '"') {
    const members: string[] = [];
    for (;;) {
      if (text[i] !== "'" && text[i] !== '"') {
        throw new PathSyntaxError(`expected a quoted name at position ${i} in '${text}'`);
      }
      const [name, after] = readQuoted(text, i);
      members.push(name);
      i = skipSpaces(text, after);
      if (text[i] === ',') {
        i = skipSpaces(text, i + 1);
        continue;
      }
      if (text[i] === ']') break;
      throw new PathSyntaxError(`expected ']' at position ${i} in '${text}'`);
    }
    const only = members[0];
    if (members.length === 1 && only !== undefined) return [{ kind: 'property', name: only }, i + 1];
    return [{ kind: 'union', members }, i + 1];
  }
  // numbers: index, union of indexes, slice
  const [first, afterFirst] = readInt(text, i);
  i = skipSpaces(text, afterFirst);
  if (text[i] === ':') {
    const parts: (number | undefined)[] = [first];
    while (text[i] === ':' && parts.length < 3) {
      const [n, after] = readInt(text, skipSpaces(text, i + 1));
      parts.push(n);
      i = skipSpaces(text, after);
    }
    if (text[i] !== ']') throw new PathSyntaxError(`expected ']' at position ${i} in '${text}'`);
    const seg: { kind: 'slice'; start?: number; end?: number; step?: number } = { kind: 'slice' };
    if (parts[0] !== undefined) seg.start = parts[0];
    if (parts[1] !== undefined) seg.end = parts[1];
    if (parts[2] !== undefined) {
      if (parts[2] === 0) throw new PathSyntaxError(`slice step cannot be 0 in '${text}'`);
      seg.step = parts[2];
    }
    return [seg, i + 1];
  }
  if (first === undefined) {
    throw new PathSyntaxError(`unexpected '${text[i] ?? 'end of path'}' in brackets at position ${i} in '${text}'`);
  }
  if (text[i] === ']') return [{ kind: 'index', index: first }, i + 1];
  if (text[i] === ',') {
    const members: number[] = [first];
    while (text[i] === ',') {
      const [n, after] = readInt(text, skipSpaces(text, i + 1));
      if (n === undefined) throw new PathSyntaxError(`expected a number at position ${after} in '${text}'`);
      members.push(n);
      i = skipSpaces(text, after);
    }
    if (text[i] !== ']') throw new PathSyntaxError(`expected ']' at position ${i} in '${text}'`);
    return [{ kind: 'union', members }, i + 1];
  }
  throw new PathSyntaxError(`expected ']' at position ${i} in '${text}'`);
}

function findClosingParen(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = readQuoted(text, i)[1];
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  throw new PathSyntaxError(`unbalanced parentheses in filter in '${text}'`);
}
