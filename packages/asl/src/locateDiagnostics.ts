import type { Diagnostic } from './diagnostic.js';
import { encodePointerToken } from './pointer.js';

/**
 * A 1-based position in JSON text.
 *
 * @example
 * ```ts
 * const at: TextLocation = { line: 3, column: 5 };
 * ```
 */
export interface TextLocation {
  line: number;
  column: number;
}

/**
 * Maps every JSON pointer of a JSON text to where its value starts (for an object member, where its key starts).
 *
 * @remarks
 * Returns an empty map when the text is not valid JSON. Costs one pass over the text; meant for reporting
 * (editors, the CLI), not for the validation path.
 *
 * @example
 * ```ts
 * getPointerLocations('{\n  "StartAt": "A"\n}').get('/StartAt'); // { line: 2, column: 3 }
 * ```
 */
export function getPointerLocations(text: string): Map<string, TextLocation> {
  const out = new Map<string, TextLocation>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const locate = (offset: number): TextLocation => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t'))
      pos++;
  };
  const string = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (pointer: string, at: number): void => {
    if (!out.has(pointer)) out.set(pointer, locate(at));
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      ws();
      while (pos < text.length && text[pos] !== '}') {
        const keyAt = pos;
        const key = string();
        ws();
        pos++; // ':'
        ws();
        value(`${pointer}/${encodePointerToken(key)}`, keyAt);
        ws();
        if (text[pos] === ',') pos++;
        ws();
      }
      pos++;
    } else if (ch === '[') {
      pos++;
      ws();
      for (let i = 0; pos < text.length && text[pos] !== ']'; i++) {
        value(`${pointer}/${i}`, pos);
        ws();
        if (text[pos] === ',') pos++;
        ws();
      }
      pos++;
    } else if (ch === '"') {
      string();
    } else {
      while (pos < text.length && !',}] \n\r\t'.includes(text[pos] as string)) pos++;
    }
  };
  try {
    JSON.parse(text);
    ws();
    value('', pos);
  } catch {
    out.clear();
  }
  return out;
}

/**
 * Adds `line` and `column` to diagnostics of a definition given as text, from their JSON pointers.
 *
 * @remarks
 * Pure: returns new diagnostic objects; ones that already have a line, or whose pointer is not in the text
 * (e.g. a TaskFn expansion), are returned unchanged. `validate` does not do this by itself, so validating
 * stays fast; call it when showing diagnostics to a person.
 *
 * @example
 * ```ts
 * const result = validate(text);
 * for (const d of locateDiagnostics(text, result.diagnostics)) console.log(`machine.asl.json:${d.line}:${d.column} ${d.message}`);
 * ```
 */
export function locateDiagnostics(text: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (diagnostics.every((d) => d.line !== undefined)) return [...diagnostics];
  const locations = getPointerLocations(text);
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    const at = locations.get(d.path);
    return at === undefined ? d : { ...d, line: at.line, column: at.column };
  });
}
