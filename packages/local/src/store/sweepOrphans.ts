import type { LocalStore } from '../LocalStore.js';

/**
 * What {@link sweepOrphans} may remove from one folder of the data directory.
 * @internal
 */
export interface OrphanRule {
  /** The folder, relative to the data directory. */
  folder: string;
  /**
   * For a file the store itself created (recognised by its name), the name of the record that would own it;
   * `undefined` for any other file, which is never removed (it may be the user's).
   */
  owner: (name: string) => string | undefined;
  /** Whether a record names the file (then it is kept). */
  isReferenced: (name: string) => boolean;
  /** Owners whose record could not be read: their files are kept, since the record may still name them. */
  unreadableOwners?: ReadonlySet<string>;
  /** Why such a file is an orphan, for the report (`a body no object record names`). */
  what: string;
}

/**
 * The orphans of a folder's listing: files the store created that no record names. Pure.
 * @internal
 */
export function findOrphans(names: readonly string[], rule: OrphanRule): string[] {
  return names.filter((name) => {
    const owner = rule.owner(name);
    return owner !== undefined && rule.unreadableOwners?.has(owner) !== true && !rule.isReferenced(name);
  });
}

/**
 * Removes, at start, files a crash left that no record names (a body or a zip written before a record that never
 * was), and reports each by its name relative to the data directory.
 *
 * @remarks
 * Such a file was never acknowledged: the record is the commit point of every write. Only files whose names the
 * store itself gives are candidates; anything else in the folder is left alone.
 * @internal
 */
export function sweepOrphans(store: LocalStore, rule: OrphanRule, report: (message: string) => void): string[] {
  const removed: string[] = [];
  for (const name of findOrphans(store.list(rule.folder), rule)) {
    const rel = `${rule.folder}/${name}`;
    if (store.removeFile(rel)) {
      removed.push(rel);
      report(`removed ${rel}: ${rule.what} (left by a write that was never acknowledged)`);
    }
  }
  return removed;
}
