import { parsePath } from '@step/asl';
import type { JsonPathAst, JsonValue } from '@step/asl';
import { BoundedRegExp } from '../jsonata/BoundedRegExp.js';
import { StatesFailure } from '../StatesFailure.js';

type Json = JsonValue | undefined;

/**
 * A compiled JSONPath filter: tells whether `item` (the `@` of the filter) matches; `root` is the `$` of the path.
 * @internal
 */
export type FilterPredicate = (item: JsonValue, root: JsonValue) => boolean;

/**
 * Evaluates an operand path of a filter against its start value (`@` or `$`): a definite path gives its value or
 * `undefined`, an indefinite one the array of its matches.
 * @internal
 */
export type SubPathCompiler = (ast: JsonPathAst) => (start: JsonValue) => Json;

type Operand =
  | { kind: 'path'; from: '@' | '$'; get: (start: JsonValue) => Json }
  | { kind: 'value'; value: JsonValue }
  | { kind: 'regex'; test: (text: string) => boolean };

type Operator =
  | '=='
  | '!='
  | '==='
  | '!=='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'subsetof'
  | 'anyof'
  | 'noneof'
  | 'size'
  | 'empty'
  | 'contains';

const SYMBOL_OPERATORS: Operator[] = ['===', '!==', '==', '!=', '<=', '>=', '=~', '<', '>'];
const WORD_OPERATORS = new Set<string>(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
const NAME_CHAR = /[^\s.[\]()=!<>&|,'"~]/;
/** What Java's `new BigDecimal(text)` accepts: how Jayway reads a string compared with a number. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Java regex flags with the same meaning in JavaScript. */
const REGEX_FLAGS: Record<string, string> = { i: 'i', m: 'm', s: 's' };

const isObject = (v: Json): v is { [k: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isJsonNode = (v: Json): v is JsonValue[] | { [k: string]: JsonValue } => typeof v === 'object' && v !== null;

/** Jayway's `ValueNode.equals`: strings and numbers compare across types, the left side deciding how. */
function nodeEquals(left: Json, right: Json): boolean {
  if (left === undefined || right === undefined) return false;
  if (typeof left === 'number') {
    if (typeof right === 'number') return left === right;
    if (typeof right === 'string') return DECIMAL.test(right) && Number(right) === left;
    return false;
  }
  if (typeof left === 'string') {
    if (typeof right === 'string') return left === right;
    if (typeof right === 'number') return left === String(right);
    return false;
  }
  if (isJsonNode(left)) return isJsonNode(right) && deepEquals(left, right);
  return left === right;
}

function deepEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEquals(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEquals(a[k]!, b[k]!))
    );
  }
  return false;
}

/** Jayway's type class of a node, for `===` and `!==`. */
function nodeClass(v: Json): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  return isJsonNode(v) ? 'json' : typeof v;
}

/** The list a list operator reads, or undefined when the operand is not an array. */
const asList = (v: Json): JsonValue[] | undefined => (Array.isArray(v) ? v : undefined);

function inList(left: Json, right: Json): boolean {
  const list = asList(right);
  return list !== undefined && list.some((r) => nodeEquals(left, r));
}

function orderCompare(left: Json, right: Json): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

/** The text Jayway matches a regex against: strings and numbers as text, booleans as words, anything else ''. */
function regexInput(v: Json): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** One relational operator with Jayway's semantics (EvaluatorFactory); every mismatch of types is `false`. */
function evaluate(op: Operator, l: Operand, r: Operand, left: Json, right: Json): boolean {
  switch (op) {
    case '==':
      return nodeEquals(left, right);
    case '!=':
      return !nodeEquals(left, right);
    case '===':
      return nodeClass(left) === nodeClass(right) && nodeEquals(left, right);
    case '!==':
      return !(nodeClass(left) === nodeClass(right) && nodeEquals(left, right));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = orderCompare(left, right);
      if (c === undefined) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    case '=~': {
      if ((l.kind === 'regex') === (r.kind === 'regex')) return false;
      return l.kind === 'regex'
        ? l.test(regexInput(right))
        : (r as { test: (t: string) => boolean }).test(regexInput(left));
    }
    case 'in':
      return inList(left, right);
    case 'nin':
      return !inList(left, right);
    case 'contains':
      if (typeof left === 'string' && typeof right === 'string') return left.includes(right);
      return Array.isArray(left) && left.some((x) => nodeEquals(right, x));
    case 'subsetof':
    case 'anyof':
    case 'noneof': {
      const ls = asList(left);
      const rs = asList(right);
      if (ls === undefined || rs === undefined) return false;
      if (op === 'subsetof') return ls.every((x) => rs.some((y) => nodeEquals(x, y)));
      const any = ls.some((x) => rs.some((y) => nodeEquals(x, y)));
      return op === 'anyof' ? any : !any;
    }
    case 'size': {
      if (typeof right !== 'number') return false;
      const expected = Math.trunc(right);
      if (typeof left === 'string') return left.length === expected;
      if (isJsonNode(left)) return (Array.isArray(left) ? left.length : -1) === expected;
      return false;
    }
    case 'empty': {
      if (typeof right !== 'boolean') return false;
      if (typeof left === 'string') return (left.length === 0) === right;
      if (isJsonNode(left)) return (Object.keys(left).length === 0) === right;
      return false;
    }
  }
}

type Node =
  | { kind: 'or' | 'and'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'compare'; op: Operator; left: Operand; right: Operand }
  | { kind: 'exists'; operand: Operand };

/**
 * Compiles the expression inside `[?( ... )]` into a predicate with the semantics of AWS's evaluator (Jayway
 * JsonPath): `==`/`!=` compare strings and numbers across types, `===`/`!==` do not, `<`..`>=` only within numbers
 * or within strings, `=~` must match the whole text, `in`/`nin`/`subsetof`/`anyof`/`noneof`/`contains` read
 * arrays, `size`/`empty` strings and arrays, and an operand alone tests that the path exists (even when its
 * value is `null` or `false`). A missing path makes every comparison false except the negated ones.
 *
 * @remarks
 * Pure. The expression is the one {@link parsePath} already checked; regexes run in the interpreter's bounded
 * matcher (1 s per match). See docs/decisions/024.
 * @internal
 */
export function compileFilter(expression: string, compileSubPath: SubPathCompiler): FilterPredicate {
  const parser = new FilterParser(expression, compileSubPath);
  const tree = parser.or(0);
  parser.skipSpaces();
  if (parser.pos < expression.length) parser.fail(`unexpected '${expression.slice(parser.pos)}'`);
  return toPredicate(tree);
}

function operandValue(o: Operand, item: JsonValue, root: JsonValue): Json {
  if (o.kind === 'value') return o.value;
  if (o.kind === 'path') return o.get(o.from === '@' ? item : root);
  return undefined;
}

function toPredicate(node: Node): FilterPredicate {
  switch (node.kind) {
    case 'or': {
      const a = toPredicate(node.left);
      const b = toPredicate(node.right);
      return (item, root) => a(item, root) || b(item, root);
    }
    case 'and': {
      const a = toPredicate(node.left);
      const b = toPredicate(node.right);
      return (item, root) => a(item, root) && b(item, root);
    }
    case 'not': {
      const a = toPredicate(node.operand);
      return (item, root) => !a(item, root);
    }
    case 'exists': {
      const o = node.operand;
      if (o.kind !== 'path') return () => o.kind === 'value' && o.value === true;
      return (item, root) => {
        const v = operandValue(o, item, root);
        return v !== undefined;
      };
    }
    case 'compare': {
      const { op, left, right } = node;
      return (item, root) => evaluate(op, left, right, operandValue(left, item, root), operandValue(right, item, root));
    }
  }
}

/** Compiles `/source/flags` to a whole-text matcher (Java's `Matcher.matches()`), bounded in time. */
function compileRegex(source: string, flags: string, expression: string): (text: string) => boolean {
  let js = '';
  for (const f of flags) {
    const mapped = REGEX_FLAGS[f];
    if (mapped === undefined) {
      return () => {
        throw new StatesFailure(
          'States.Runtime',
          `The regular expression /${source}/${flags} in the filter '${expression}' uses the flag '${f}', which ` +
            'this interpreter does not support; use only i, m or s.',
        );
      };
    }
    if (!js.includes(mapped)) js += mapped;
  }
  // Sticky at 0 plus "nothing after" makes the engine backtrack until the whole text matches, as Java's matches().
  const whole = `(?:${source})(?![\\s\\S])`;
  try {
    new RegExp(whole, js + 'y');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return () => {
      throw new StatesFailure(
        'States.Runtime',
        `The regular expression /${source}/ in the filter '${expression}' is not valid here (${reason}); Java-only ` +
          'syntax such as possessive quantifiers (a*+), atomic groups (?>...), inline flags (?i) or \\A/\\Z is not ' +
          'supported.',
      );
    };
  }
  return (text) => {
    const re = new BoundedRegExp(whole, js + 'y');
    try {
      return re.exec(text) !== null;
    } catch (e) {
      const message = (e as { message?: unknown } | null)?.message;
      throw new StatesFailure('States.Runtime', typeof message === 'string' ? message : String(e));
    }
  };
}

function unescape(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
    return map[c] ?? c;
  });
}

class FilterParser {
  readonly text: string;
  readonly compileSubPath: SubPathCompiler;
  pos = 0;

  constructor(text: string, compileSubPath: SubPathCompiler) {
    this.text = text;
    this.compileSubPath = compileSubPath;
  }

  fail(message: string): never {
    throw new Error(`internal: filter '${this.text}' was not checked: ${message}`);
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private eat(token: string): boolean {
    this.skipSpaces();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  or(depth: number): Node {
    let left = this.and(depth);
    while (this.eat('||')) left = { kind: 'or', left, right: this.and(depth) };
    return left;
  }

  private and(depth: number): Node {
    let left = this.unary(depth);
    while (this.eat('&&')) left = { kind: 'and', left, right: this.unary(depth) };
    return left;
  }

  private unary(depth: number): Node {
    this.skipSpaces();
    if (this.text[this.pos] === '!' && this.text[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'not', operand: this.unary(depth + 1) };
    }
    if (this.text[this.pos] === '(') {
      this.pos++;
      const inner = this.or(depth + 1);
      if (!this.eat(')')) this.fail("a '(' is not closed");
      return inner;
    }
    const left = this.operand();
    const op = this.operator();
    if (op === undefined) return { kind: 'exists', operand: left };
    return { kind: 'compare', op, left, right: this.operand() };
  }

  private operator(): Operator | undefined {
    this.skipSpaces();
    for (const op of SYMBOL_OPERATORS) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    const word = WORD.exec(this.text.slice(this.pos));
    if (word !== null && WORD_OPERATORS.has(word[0])) {
      this.pos += word[0].length;
      return word[0] as Operator;
    }
    return undefined;
  }

  private operand(): Operand {
    this.skipSpaces();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '@' || ch === '$') {
      this.pos++;
      this.pathTail();
      const source = '$' + this.text.slice(start + 1, this.pos);
      const parsed = parsePath(source);
      if (!parsed.ok) this.fail(parsed.message);
      return { kind: 'path', from: ch, get: this.compileSubPath(parsed.path) };
    }
    if (ch === "'" || ch === '"') {
      this.quoted();
      return { kind: 'value', value: unescape(this.text.slice(start + 1, this.pos - 1)) };
    }
    if (ch === '/') {
      const close = this.regex();
      return {
        kind: 'regex',
        test: compileRegex(this.text.slice(start + 1, close), this.text.slice(close + 1, this.pos), this.text),
      };
    }
    if (ch === '[') {
      this.bracket();
      return { kind: 'value', value: this.listLiteral(this.text.slice(start, this.pos)) };
    }
    const rest = this.text.slice(this.pos);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      this.pos += number[0].length;
      return { kind: 'value', value: Number(number[0]) };
    }
    const word = WORD.exec(rest)?.[0];
    if (word === 'true' || word === 'false' || word === 'null') {
      this.pos += word.length;
      return { kind: 'value', value: word === 'null' ? null : word === 'true' };
    }
    return this.fail(`unexpected '${rest}'`);
  }

  /** `['a', "b", 1, true, null, [2]]`: a JSON array that may use single quotes (Jayway's lenient JSON reader). */
  private listLiteral(text: string): JsonValue {
    const sub = new FilterParser(text, this.compileSubPath);
    return sub.readList();
  }

  private readList(): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++; // '['
    this.skipSpaces();
    if (this.text[this.pos] === ']') return out;
    for (;;) {
      const o = this.operand();
      if (o.kind !== 'value') this.fail('a list literal holds only values');
      out.push(o.value);
      this.skipSpaces();
      const ch = this.text[this.pos++];
      if (ch === ']') return out;
      if (ch !== ',') this.fail("expected ',' or ']' in a list");
    }
  }

  private pathTail(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '.') {
        this.pos++;
        if (this.text[this.pos] === '.') this.pos++;
        if (this.text[this.pos] === '*') {
          this.pos++;
          continue;
        }
        if (this.text[this.pos] === '[') continue;
        while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos] ?? '')) this.pos++;
      } else if (ch === '[') {
        this.bracket();
      } else {
        return;
      }
    }
  }

  private quoted(): void {
    const quote = this.text[this.pos];
    let i = this.pos + 1;
    while (i < this.text.length) {
      const ch = this.text[i];
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === quote) {
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.fail('a string is not closed');
  }

  /** Skips `/source/flags` and returns the position of the closing slash. */
  private regex(): number {
    let i = this.pos + 1;
    while (i < this.text.length && this.text[i] !== '/') i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) this.fail('a regular expression is not closed');
    const close = i++;
    while (i < this.text.length && /[a-zA-Z]/.test(this.text[i] ?? '')) i++;
    this.pos = i;
    return close;
  }

  private bracket(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === "'" || ch === '"') {
        this.quoted();
        continue;
      }
      if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) {
        this.pos++;
        return;
      }
      this.pos++;
    }
    this.fail("a '[' is not closed");
  }
}
