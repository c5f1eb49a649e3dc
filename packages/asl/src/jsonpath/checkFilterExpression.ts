/** Comparison operators of a JSONPath filter, longest first so that `<=` is not read as `<`. */
const SYMBOL_OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '=~', '<', '>'];
/** Word operators of AWS's (Jayway's) filters: `@.tag in ['a', 'b']`, `@.list size 2`... */
const WORD_OPERATORS = new Set(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);
const LITERALS = new Set(['true', 'false', 'null']);
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Characters that end a dot-notation name inside a filter path (`@.qty > 1`). */
const NAME_CHAR = /[^\s.[\]()=!<>&|,'"~]/;
/** How deeply parentheses and `!` may nest in one filter: keeps the recursive checker far from the stack limit. */
const MAX_FILTER_NESTING = 100;

/** Internal control flow only: never escapes {@link checkFilterExpression}. */
class FilterSyntaxError extends Error {}

/**
 * Checks the expression inside a JSONPath filter `[?( ... )]` and returns what is wrong with it, or undefined
 * when it is well formed.
 *
 * @remarks
 * The grammar is the one AWS evaluates (Jayway's): operands are `@...` or `$...` paths, numbers, quoted
 * strings, `true`/`false`/`null`, `/regex/flags` and `[...]` lists; a comparison joins two operands with
 * `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~`, `in`, `nin`, `subsetof`, `anyof`, `noneof`, `size`, `empty` or
 * `contains`; an operand alone tests that a path exists; `&&`, `||`, `!` and parentheses combine them.
 * Pure; never throws.
 * @internal
 */
export function checkFilterExpression(expression: string): string | undefined {
  try {
    const parser = new FilterParser(expression);
    parser.or(0);
    parser.skipSpaces();
    if (parser.pos < expression.length) parser.fail(`unexpected '${expression.slice(parser.pos)}'`);
    return undefined;
  } catch (e) {
    if (e instanceof FilterSyntaxError) return e.message;
    throw e;
  }
}

class FilterParser {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  fail(message: string): never {
    throw new FilterSyntaxError(message);
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

  or(depth: number): void {
    this.and(depth);
    while (this.eat('||')) {
      this.expectCondition('||');
      this.and(depth);
    }
  }

  private and(depth: number): void {
    this.unary(depth);
    while (this.eat('&&')) {
      this.expectCondition('&&');
      this.unary(depth);
    }
  }

  private expectCondition(after: string): void {
    this.skipSpaces();
    if (this.pos >= this.text.length || this.text[this.pos] === ')')
      this.fail(`'${after}' has no condition after it; add one or remove '${after}'`);
  }

  private unary(depth: number): void {
    if (depth > MAX_FILTER_NESTING) this.fail(`parentheses and '!' nest more than ${MAX_FILTER_NESTING} levels deep`);
    this.skipSpaces();
    if (this.text[this.pos] === '!' && this.text[this.pos + 1] !== '=') {
      this.pos++;
      this.unary(depth + 1);
      return;
    }
    if (this.text[this.pos] === '(') {
      this.pos++;
      this.or(depth + 1);
      if (!this.eat(')')) this.fail("a '(' is not closed; add ')'");
      return;
    }
    this.comparison();
  }

  private comparison(): void {
    const left = this.operand('a path such as @.qty');
    const operator = this.operator();
    if (operator === undefined) return;
    this.skipSpaces();
    if (
      this.pos >= this.text.length ||
      this.text[this.pos] === ')' ||
      this.text.startsWith('&&', this.pos) ||
      this.text.startsWith('||', this.pos)
    ) {
      this.fail(`'${operator}' has no value after it; compare with a value such as '${left} ${operator} 0'`);
    }
    this.operand(`a value to compare with '${operator}'`);
  }

  private operator(): string | undefined {
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
      return word[0];
    }
    return undefined;
  }

  /** Reads one operand and returns its text. */
  private operand(expected: string): string {
    this.skipSpaces();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail(`expected ${expected} at the end`);
    if (ch === '@' || ch === '$') {
      this.pos++;
      this.pathTail();
    } else if (ch === "'" || ch === '"') {
      this.quoted();
    } else if (ch === '/') {
      this.regex();
    } else if (ch === '[') {
      this.list();
    } else {
      const rest = this.text.slice(this.pos);
      const number = NUMBER.exec(rest);
      const word = WORD.exec(rest);
      if (number !== null) this.pos += number[0].length;
      else if (word !== null && LITERALS.has(word[0])) this.pos += word[0].length;
      else this.fail(`expected ${expected}, got '${rest}'`);
    }
    return this.text.slice(start, this.pos);
  }

  /** `.name`, `..name`, `['name']`, `[0]`, `[*]`... after `@` or `$`. */
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
        const start = this.pos;
        while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos] ?? '')) this.pos++;
        if (this.pos === start) this.fail(`expected a property name after '.' at position ${start}`);
        if (this.text[this.pos] === '(')
          this.fail(`function calls such as '${this.text.slice(start, this.pos)}()' are not supported`);
      } else if (ch === '[') {
        this.list();
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
    this.fail(`a string starting at position ${this.pos} is not closed; add ${quote ?? "'"}`);
  }

  private regex(): void {
    let i = this.pos + 1;
    while (i < this.text.length && this.text[i] !== '/') i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length)
      this.fail(`a regular expression starting at position ${this.pos} is not closed; add '/'`);
    i++;
    while (i < this.text.length && /[a-z]/.test(this.text[i] ?? '')) i++;
    this.pos = i;
  }

  /** A bracket: a path step (`['a']`, `[0]`, `[*]`) or a list literal (`['a', 'b']`); quotes may hold brackets. */
  private list(): void {
    const open = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === "'" || ch === '"') {
        this.quoted();
        continue;
      }
      if (ch === '[') depth++;
      else if (ch === ']') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      }
      this.pos++;
    }
    this.fail(`a '[' at position ${open} is not closed; add ']'`);
  }
}
