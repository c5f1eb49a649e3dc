/**
 * Finds where JSON text stops being valid, for `INVALID_JSON_DESCRIPTION` (only called after `JSON.parse` failed).
 * @internal
 */
export function locateJsonError(text: string): { message: string; line: number; column: number } {
  const scanner = new Scanner(text);
  let message: string;
  try {
    scanner.skipWs();
    scanner.value(0);
    scanner.skipWs();
    if (scanner.pos < text.length)
      scanner.fail(`Unexpected character ('${text[scanner.pos] ?? ''}'): expected end of input`);
    message = 'Invalid JSON';
  } catch (e) {
    message = e instanceof JsonSyntaxError ? e.message : 'Invalid JSON';
  }
  let line = 1;
  let column = 1;
  for (let i = 0; i < scanner.pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { message, line, column };
}

class JsonSyntaxError extends Error {}

const LITERAL = /^[A-Za-z0-9_+\-.]+/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

class Scanner {
  readonly text: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
  }
  fail(message: string): never {
    throw new JsonSyntaxError(message);
  }
  /** Jackson's wording for a character that is not what the grammar needs here, or for the end of the text. */
  unexpected(expectation: string, container: 'OBJECT' | 'ARRAY'): never {
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail(`Unexpected end-of-input: expected close marker for ${container}`);
    const code = ch.codePointAt(0) ?? 0;
    this.fail(`Unexpected character ('${ch}' (code ${code})): ${expectation}`);
  }
  skipWs(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] ?? '')) this.pos++;
  }
  value(depth: number): void {
    if (depth > 1000) this.fail('JSON nested too deeply');
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('Unexpected end-of-input: expected a JSON value');
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    const rest = this.text.slice(this.pos, this.pos + 64);
    const num = NUMBER.exec(rest);
    if (num !== null && (ch === '-' || (ch >= '0' && ch <= '9'))) {
      const after = rest[num[0].length];
      if (after === undefined || !/[A-Za-z0-9_.]/.test(after)) {
        this.pos += num[0].length;
        return;
      }
    }
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return;
      }
    }
    const token = LITERAL.exec(rest)?.[0] ?? ch;
    // Like Jackson (whose messages AWS returns), point just after the bad token.
    this.pos += token.length;
    this.fail(
      `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
    );
  }
  object(depth: number): void {
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.unexpected('was expecting double-quote to start field name', 'OBJECT');
      this.string();
      this.skipWs();
      if (this.text[this.pos] !== ':')
        this.unexpected('was expecting a colon to separate field name and value', 'OBJECT');
      this.pos++;
      this.skipWs();
      this.value(depth + 1);
      this.skipWs();
      const ch = this.text[this.pos];
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === '}') {
        this.pos++;
        return;
      }
      this.unexpected('was expecting comma to separate Object entries', 'OBJECT');
    }
  }
  array(depth: number): void {
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      this.value(depth + 1);
      this.skipWs();
      const ch = this.text[this.pos];
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === ']') {
        this.pos++;
        return;
      }
      this.unexpected('was expecting comma to separate Array entries', 'ARRAY');
    }
  }
  string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 34) {
        this.pos++;
        return;
      }
      if (code === 92) {
        const next = this.text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            this.fail('Invalid \\u escape in string');
          this.pos += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next))
          this.fail(`Unrecognized character escape '${next ?? ''}'`);
        this.pos += 2;
        continue;
      }
      if (code < 32) this.fail('Illegal unquoted control character in string: it must be escaped');
      this.pos++;
    }
    this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
  }
}
