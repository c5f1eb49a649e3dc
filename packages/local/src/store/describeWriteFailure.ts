/**
 * Says which file of the data directory a write failed on, by its relative name and the system's error code
 * (`ENOSPC`, `EACCES`, `EROFS`...), never by the absolute path the error message of `node:fs` carries.
 * @internal
 */
export function describeWriteFailure(rel: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return `could not write ${rel} in the data directory (${typeof code === 'string' ? code : 'write failed'}): free space or fix its permissions`;
}
