/**
 * Compiles a `StringMatches` pattern into a predicate.
 *
 * @remarks
 * `*` matches any run of characters (including none). `\*` is a literal star and `\\` a literal backslash
 * (in the JSON source: `"\\*"` and `"\\\\"`); a backslash before any other character stands for that
 * character. Nothing else is special. Matching is linear in the pattern pieces and never backtracks
 * catastrophically.
 * @internal
 */
export function compileStringMatcher(pattern: string): (text: string) => boolean {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      current += pattern[++i] as string;
    } else if (ch === '*') {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  if (pieces.length === 1) {
    const literal = pieces[0] as string;
    return (text) => text === literal;
  }
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  const minLength = first.length + last.length;
  return (text) => {
    if (text.length < minLength || !text.startsWith(first) || !text.endsWith(last)) return false;
    let position = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, position);
      if (found < 0 || found + piece.length > end) return false;
      position = found + piece.length;
    }
    return true;
  };
}
