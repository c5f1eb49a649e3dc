import { memoizeByText } from '../memoizeByText.js';
import { parsePath } from '../jsonpath/parsePath.js';
import { INTRINSIC_FUNCTIONS, MAX_INTRINSIC_NESTING } from './intrinsicFunctions.js';
import type { IntrinsicArgument, IntrinsicCall } from './types.js';

/**
 * The result of {@link parseIntrinsic}.
 *
 * @example
 * ```ts
 * const r: ParseIntrinsicResult = parseIntrinsic('States.UUID()');
 * ```
 */
export type ParseIntrinsicResult = { ok: true; call: IntrinsicCall } | { ok: false; message: string };

const parseCached = memoizeByText(parseUncached, 10_000);

/**
 * Tells cheaply whether a string looks like an intrinsic function call (`States.X(...)`), without parsing it.
 *
 * @example
 * ```ts
 * isIntrinsicCall("States.Format('{}', $.a)"); // true
 * isIntrinsicCall('$.a'); // false
 * ```
 */
export function isIntrinsicCall(text: string): boolean {
  return (
    typeof text === 'string' && text.startsWith('States.') && text.indexOf('(') > 7 && text.trimEnd().endsWith(')')
  );
}

/**
 * Parses an intrinsic function call such as `States.Format('Hello {}', $.name)`.
 *
 * @remarks
 * Never throws; results are cached by text. Checks the syntax, that every function name is one of the 18
 * known ones with a valid number of arguments, that every path argument parses, and the nesting limit (10).
 * Literal argument types are checked by the validator (`States.MathAdd('a', 1)` parses).
 *
 * @example
 * ```ts
 * const r = parseIntrinsic("States.MathAdd($.n, 1)");
 * if (r.ok) console.log(r.call.name, r.call.args.length); // States.MathAdd 2
 * ```
 */
export function parseIntrinsic(text: string): ParseIntrinsicResult {
  return parseCached(text);
}

/** Internal control flow only: never escapes the parser. */
class IntrinsicSyntaxError extends Error {}

function parseUncached(text: string): ParseIntrinsicResult {
  if (typeof text !== 'string') return { ok: false, message: 'an intrinsic function call must be a string' };
  try {
    const parser = new Parser(text);
    const call = parser.call(1);
    parser.skipSpaces();
    if (parser.pos < text.length) {
      throw new IntrinsicSyntaxError(`unexpected '${text.slice(parser.pos)}' after the call in '${text}'`);
    }
    return { ok: true, call };
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError) return { ok: false, message: e.message };
    throw e;
  }
}

const NAME = /^States\.[A-Za-z0-9]+/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

class Parser {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  call(depth: number): IntrinsicCall {
    const { text } = this;
    if (depth > MAX_INTRINSIC_NESTING) {
      throw new IntrinsicSyntaxError(
        `intrinsic functions can be nested at most ${MAX_INTRINSIC_NESTING} levels deep in '${text}'`,
      );
    }
    const m = NAME.exec(text.slice(this.pos));
    if (m === null) {
      throw new IntrinsicSyntaxError(
        `expected a function name such as 'States.Format' at position ${this.pos} in '${text}'`,
      );
    }
    const name = m[0];
    this.pos += name.length;
    const spec = INTRINSIC_FUNCTIONS[name];
    if (spec === undefined) {
      throw new IntrinsicSyntaxError(
        `unknown intrinsic function '${name}'; use one of ${Object.keys(INTRINSIC_FUNCTIONS).join(', ')}`,
      );
    }
    this.skipSpaces();
    if (text[this.pos] !== '(') throw new IntrinsicSyntaxError(`expected '(' after '${name}' in '${text}'`);
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (text[this.pos] === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpaces();
        args.push(this.argument(depth));
        this.skipSpaces();
        const ch = text[this.pos];
        if (ch === ',') {
          this.pos++;
          continue;
        }
        if (ch === ')') {
          this.pos++;
          break;
        }
        throw new IntrinsicSyntaxError(
          ch === undefined
            ? `missing ')' at the end of '${text}'`
            : `expected ',' or ')' at position ${this.pos} in '${text}'`,
        );
      }
    }
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const expected =
        spec.minArgs === spec.maxArgs
          ? String(spec.minArgs)
          : spec.maxArgs === Infinity
            ? `at least ${spec.minArgs}`
            : `${spec.minArgs} to ${spec.maxArgs}`;
      throw new IntrinsicSyntaxError(
        `${name} takes ${expected} argument${expected === '1' ? '' : 's'} but got ${args.length} in '${text}'`,
      );
    }
    return { name, args };
  }

  argument(depth: number): IntrinsicArgument {
    const { text } = this;
    const ch = text[this.pos];
    if (ch === "'") return this.string();
    if (ch === '$') return this.path();
    if (text.startsWith('States.', this.pos)) return { kind: 'call', call: this.call(depth + 1) };
    const rest = text.slice(this.pos);
    for (const [word, arg] of KEYWORDS) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return arg;
      }
    }
    const m = NUMBER.exec(rest);
    if (m !== null) {
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]) };
    }
    throw new IntrinsicSyntaxError(
      ch === undefined
        ? `missing an argument at the end of '${text}'`
        : `unexpected '${ch}' at position ${this.pos} in '${text}'; arguments are 'strings', numbers, true, false, null, paths or States.* calls`,
    );
  }

  string(): IntrinsicArgument {
    const { text } = this;
    const start = this.pos + 1;
    let i = start;
    let value = '';
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) break;
        if (next === "'" || next === '{' || next === '}' || next === '\\') {
          value += next;
        } else if (next === '"') {
          // AWS rejects it: a double quote needs no escape inside a single-quoted literal.
          throw new IntrinsicSyntaxError(
            `'\\"' at position ${i} in '${text}' is not a valid escape; write '"' without the backslash`,
          );
        } else {
          value += ch + next;
        }
        i += 2;
        continue;
      }
      if (ch === "'") {
        this.pos = i + 1;
        return { kind: 'string', value, raw: text.slice(start, i) };
      }
      value += ch;
      i++;
    }
    throw new IntrinsicSyntaxError(`unterminated string starting at position ${start - 1} in '${text}'`);
  }

  path(): IntrinsicArgument {
    const { text } = this;
    const start = this.pos;
    let i = start;
    let brackets = 0;
    let parens = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === "'" || ch === '"') {
        const close = text.indexOf(ch, i + 1);
        if (close === -1) break;
        i = close + 1;
        continue;
      }
      if (ch === '[') brackets++;
      else if (ch === ']') brackets--;
      else if (ch === '(') parens++;
      else if (ch === ')') {
        if (parens === 0 && brackets === 0) break;
        parens--;
      } else if (ch === ',' && brackets === 0 && parens === 0) break;
      i++;
    }
    const source = text.slice(start, i).trimEnd();
    const parsed = parsePath(source);
    if (!parsed.ok) throw new IntrinsicSyntaxError(`invalid path argument: ${parsed.message}`);
    this.pos = start + source.length;
    return { kind: 'path', path: parsed.path };
  }
}

const KEYWORDS: readonly (readonly [string, IntrinsicArgument])[] = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
];
