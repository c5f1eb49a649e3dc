/**
 * Wraps a pure parser so that each text is parsed once; the cache is cleared when it reaches `limit` entries.
 *
 * @remarks
 * Internal: shared by `parsePath` and `parseIntrinsic`, whose results are immutable and cheap to keep.
 * @internal
 */
export function memoizeByText<R>(parse: (text: string) => R, limit: number): (text: string) => R {
  const cache = new Map<string, R>();
  return (text) => {
    let result = cache.get(text);
    if (result === undefined) {
      result = parse(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, result);
    }
    return result;
  };
}
