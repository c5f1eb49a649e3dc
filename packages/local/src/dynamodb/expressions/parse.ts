import { AwsServiceError } from '../../AwsServiceError.js';
import type { AttributeValue } from '../attributeValue.js';
import type { Comparator, Condition, Operand, Path, SetValue, UpdateAction, ValueRef } from './ast.js';

/**
 * Which request field an expression came from; it names the expression in error messages
 * (`Invalid UpdateExpression: ...`).
 * @internal
 */
export type ExpressionField =
  'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

/**
 * The placeholders of one request (`ExpressionAttributeNames`, `ExpressionAttributeValues`) and which of them the
 * request's expressions used, so that unused ones can be refused as DynamoDB refuses them.
 * @internal
 */
export interface Placeholders {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
  usedNames: Set<string>;
  usedValues: Set<string>;
}

/**
 * Creates the placeholder context of one request.
 * @internal
 */
export function createPlaceholders(
  names: Record<string, string> | undefined,
  values: Record<string, AttributeValue> | undefined,
): Placeholders {
  return { names: names ?? {}, values: values ?? {}, usedNames: new Set(), usedValues: new Set() };
}

interface Token {
  type: 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'eof';
  text: string;
  start: number;
  end: number;
}

const PUNCT = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '.', '[', ']', '+', '-'];
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const CONDITION_FUNCTIONS = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
]);
const FUNCTIONS = new Set([...CONDITION_FUNCTIONS, 'size', 'if_not_exists', 'list_append']);

function tokenize(text: string, fail: (token: Token, tokens: Token[], i: number) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    const m =
      /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) ??
      /^#[A-Za-z0-9_]+/.exec(rest) ??
      /^:[A-Za-z0-9_]+/.exec(rest) ??
      /^\d+/.exec(rest);
    if (m !== null) {
      const type = c === '#' ? 'attrName' : c === ':' ? 'attrValue' : /\d/.test(c) ? 'number' : 'name';
      tokens.push({ type, text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    const p = PUNCT.find((x) => rest.startsWith(x));
    const token: Token = { type: 'punct', text: p ?? c, start: i, end: i + (p ?? c).length };
    if (p === undefined) fail(token, [...tokens, token], tokens.length);
    tokens.push(token);
    i += p.length;
  }
  tokens.push({ type: 'eof', text: '<EOF>', start: text.length, end: text.length });
  return tokens;
}

class Parser {
  readonly #text: string;
  readonly #field: ExpressionField;
  readonly #ctx: Placeholders;
  readonly #tokens: Token[];
  #at = 0;

  constructor(text: string, field: ExpressionField, ctx: Placeholders) {
    this.#text = text;
    this.#field = field;
    this.#ctx = ctx;
    this.#tokens = tokenize(text, (token, tokens, i) => this.#syntaxError(token, tokens, i));
  }

  error(message: string): AwsServiceError {
    return new AwsServiceError('ValidationException', `Invalid ${this.#field}: ${message}`);
  }

  #syntaxError(token: Token, tokens = this.#tokens, i = this.#at): never {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const from = prev?.start ?? token.start;
    const to = next !== undefined && next.type !== 'eof' ? next.end : token.end;
    throw this.error(`Syntax error; token: "${token.text}", near: "${this.#text.slice(from, to)}"`);
  }

  get #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #next(): Token {
    const t = this.#tokens[this.#at]!;
    if (t.type !== 'eof') this.#at += 1;
    return t;
  }

  #isPunct(text: string): boolean {
    return this.#peek.type === 'punct' && this.#peek.text === text;
  }

  #isKeyword(word: string): boolean {
    return this.#peek.type === 'name' && this.#peek.text.toUpperCase() === word;
  }

  #expectPunct(text: string): void {
    if (!this.#isPunct(text)) this.#syntaxError(this.#peek);
    this.#next();
  }

  end(): void {
    if (this.#peek.type !== 'eof') this.#syntaxError(this.#peek);
  }

  #isFunctionCall(): boolean {
    const next = this.#tokens[this.#at + 1];
    return this.#peek.type === 'name' && next?.type === 'punct' && next.text === '(';
  }

  #checkFunction(name: string, allowed: readonly string[]): void {
    if (!FUNCTIONS.has(name)) throw this.error(`Invalid function name; function: ${name}`);
    if (!allowed.includes(name))
      throw this.error(`The function is not allowed to be used this way in an expression; function: ${name}`);
  }

  path(): Path {
    const elements: Path['elements'] = [this.#pathName()];
    for (;;) {
      if (this.#isPunct('.')) {
        this.#next();
        elements.push(this.#pathName());
      } else if (this.#isPunct('[')) {
        this.#next();
        const t = this.#next();
        if (t.type !== 'number') this.#syntaxError(t, this.#tokens, this.#at - 1);
        this.#expectPunct(']');
        elements.push({ index: Number(t.text) });
      } else return { kind: 'path', elements };
    }
  }

  #pathName(): { name: string } {
    const t = this.#peek;
    if (t.type === 'attrName') {
      this.#next();
      const name = this.#ctx.names[t.text];
      if (name === undefined)
        throw this.error(
          `An expression attribute name used in the document path is not defined; attribute name: ${t.text}`,
        );
      this.#ctx.usedNames.add(t.text);
      return { name };
    }
    if (t.type !== 'name' || KEYWORDS.has(t.text.toUpperCase())) this.#syntaxError(t);
    this.#next();
    return { name: t.text };
  }

  value(): ValueRef {
    const t = this.#next();
    if (t.type !== 'attrValue') this.#syntaxError(t, this.#tokens, this.#at - 1);
    const value = this.#ctx.values[t.text];
    if (value === undefined)
      throw this.error(`An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
    this.#ctx.usedValues.add(t.text);
    return { kind: 'value', name: t.text, value };
  }

  operand(): Operand {
    if (this.#peek.type === 'attrValue') return this.value();
    if (this.#isFunctionCall()) {
      const name = this.#next().text;
      this.#checkFunction(name, ['size']);
      this.#expectPunct('(');
      const path = this.path();
      this.#expectPunct(')');
      return { kind: 'size', path };
    }
    return this.path();
  }

  condition(): Condition {
    let left = this.#and();
    while (this.#isKeyword('OR')) {
      this.#next();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): Condition {
    let left = this.#not();
    while (this.#isKeyword('AND')) {
      this.#next();
      left = { kind: 'and', left, right: this.#not() };
    }
    return left;
  }

  #not(): Condition {
    if (this.#isKeyword('NOT')) {
      this.#next();
      return { kind: 'not', condition: this.#not() };
    }
    return this.#primary();
  }

  #primary(): Condition {
    if (this.#isPunct('(')) {
      this.#next();
      const c = this.condition();
      this.#expectPunct(')');
      return c;
    }
    if (this.#isFunctionCall() && this.#peek.text !== 'size') {
      const name = this.#next().text;
      this.#checkFunction(name, [...CONDITION_FUNCTIONS]);
      this.#expectPunct('(');
      const path = this.path();
      let c: Condition;
      if (name === 'attribute_exists' || name === 'attribute_not_exists') c = { kind: name, path };
      else {
        this.#expectPunct(',');
        const operand = this.operand();
        c =
          name === 'attribute_type' ? { kind: name, path, type: operand } : { kind: name as 'contains', path, operand };
      }
      this.#expectPunct(')');
      return c;
    }
    const operand = this.operand();
    const t = this.#peek;
    if (t.type === 'punct' && ['=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.#next();
      return { kind: 'compare', op: t.text as Comparator, left: operand, right: this.operand() };
    }
    if (this.#isKeyword('BETWEEN')) {
      this.#next();
      const low = this.operand();
      if (!this.#isKeyword('AND')) this.#syntaxError(this.#peek);
      this.#next();
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.#isKeyword('IN')) {
      this.#next();
      this.#expectPunct('(');
      const list = [this.operand()];
      while (this.#isPunct(',')) {
        this.#next();
        list.push(this.operand());
      }
      this.#expectPunct(')');
      if (list.length > 100)
        throw this.error('The IN operator is provided with too many operands; number of operands: ' + list.length);
      return { kind: 'in', operand, list };
    }
    this.#syntaxError(t);
  }

  #setOperand(): SetValue {
    if (this.#peek.type === 'attrValue') return this.value();
    if (this.#isFunctionCall()) {
      const name = this.#next().text;
      this.#checkFunction(name, ['if_not_exists', 'list_append']);
      this.#expectPunct('(');
      let v: SetValue;
      if (name === 'if_not_exists') {
        const path = this.path();
        this.#expectPunct(',');
        v = { kind: 'if_not_exists', path, fallback: this.setValue() };
      } else {
        const first = this.setValue();
        this.#expectPunct(',');
        v = { kind: 'list_append', first, second: this.setValue() };
      }
      this.#expectPunct(')');
      return v;
    }
    return this.path();
  }

  setValue(): SetValue {
    const left = this.#setOperand();
    if (this.#isPunct('+') || this.#isPunct('-')) {
      const kind = this.#next().text === '+' ? 'plus' : 'minus';
      return { kind, left, right: this.#setOperand() };
    }
    return left;
  }

  update(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    do {
      const t = this.#next();
      const clause = t.type === 'name' ? t.text.toUpperCase() : '';
      if (!['SET', 'REMOVE', 'ADD', 'DELETE'].includes(clause)) this.#syntaxError(t, this.#tokens, this.#at - 1);
      if (seen.has(clause)) throw this.error(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      for (;;) {
        const path = this.path();
        if (clause === 'SET') {
          this.#expectPunct('=');
          actions.push({ kind: 'SET', path, value: this.setValue() });
        } else if (clause === 'REMOVE') actions.push({ kind: 'REMOVE', path });
        else actions.push({ kind: clause as 'ADD', path, value: this.value() });
        if (!this.#isPunct(',')) break;
        this.#next();
      }
    } while (this.#peek.type !== 'eof');
    return actions;
  }

  paths(): Path[] {
    const paths = [this.path()];
    while (this.#isPunct(',')) {
      this.#next();
      paths.push(this.path());
    }
    return paths;
  }
}

function checkText(text: string, field: ExpressionField): void {
  if (text.trim() === '')
    throw new AwsServiceError('ValidationException', `Invalid ${field}: The expression can not be empty;`);
}

/**
 * Parses a ConditionExpression, FilterExpression or KeyConditionExpression. Pure; throws DynamoDB's
 * `ValidationException` (`Invalid ConditionExpression: Syntax error; token: ...`) for a bad expression.
 * @internal
 */
export function parseCondition(text: string, field: ExpressionField, ctx: Placeholders): Condition {
  checkText(text, field);
  const p = new Parser(text, field, ctx);
  const c = p.condition();
  p.end();
  return c;
}

/**
 * Parses an UpdateExpression into its actions (SET, REMOVE, ADD, DELETE, in the order written). Pure.
 * @internal
 */
export function parseUpdate(text: string, ctx: Placeholders): UpdateAction[] {
  checkText(text, 'UpdateExpression');
  return new Parser(text, 'UpdateExpression', ctx).update();
}

/**
 * Parses a ProjectionExpression into its paths. Pure.
 * @internal
 */
export function parseProjection(text: string, ctx: Placeholders): Path[] {
  checkText(text, 'ProjectionExpression');
  const p = new Parser(text, 'ProjectionExpression', ctx);
  const paths = p.paths();
  p.end();
  return paths;
}

/**
 * The text of a path as DynamoDB's messages print it: `[a, b, [0]]`.
 * @internal
 */
export function formatPath(path: Path): string {
  return `[${path.elements.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ')}]`;
}
