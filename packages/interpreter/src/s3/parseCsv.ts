/** The delimiter of each `CSVDelimiter` value. */
const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/**
 * Splits CSV text into rows of fields (RFC 4180 quoting: `"a,b"`, `""` for a quote); a final line break does not
 * start an empty row.
 * @internal
 */
export function splitCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * CSV text as a distributed Map's ItemReader reads it: one object per row, keyed by the headers (the first row,
 * or `headers` when given); every value a string, a missing field `""`, fields past the last header dropped.
 *
 * @remarks
 * Returns the error text AWS gives for duplicate headers instead of items.
 * @internal
 */
export function parseCsv(
  text: string,
  delimiter: string,
  headers: readonly string[] | undefined,
): Record<string, string>[] | string {
  const rows = splitCsv(text, DELIMITERS[delimiter] ?? ',');
  const names = headers ?? rows.shift() ?? [];
  if (new Set(names).size !== names.length) return 'CSV headers cannot contain duplicates.';
  return rows.map((row) => {
    const item: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) item[names[i]!] = row[i] ?? '';
    return item;
  });
}
