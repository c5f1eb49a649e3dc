import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TestingSetupError } from '../errors.js';
import { addHits, COVERAGE_FORMAT_VERSION, createEmptyHits, type CoverageRecord, type MachineCoverageData } from './CoverageData.js';

/**
 * Merges coverage records by machine (`<name>@<hash>`): executions and hits summed, the definition kept.
 *
 * @remarks
 * Records of a machine whose definition no record carries are dropped (they cannot be reported).
 *
 * @example
 * ```ts
 * const machines = mergeCoverageRecords([a, b]);
 * ```
 */
export function mergeCoverageRecords(records: Iterable<CoverageRecord>): MachineCoverageData[] {
  const merged = new Map<string, Omit<MachineCoverageData, 'definition'> & { definition?: MachineCoverageData['definition'] }>();
  for (const r of records) {
    let m = merged.get(r.machine);
    if (m === undefined) merged.set(r.machine, (m = { machine: r.machine, name: r.name, hash: r.hash, executions: 0, hits: createEmptyHits() }));
    m.definition ??= r.definition;
    m.executions += r.executions;
    addHits(m.hits, r.hits);
  }
  return [...merged.values()]
    .filter((m): m is MachineCoverageData => m.definition !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || a.hash.localeCompare(b.hash));
}

/**
 * Reads and merges every coverage file (`step-coverage-*.jsonl`) of a directory; an absent directory is empty.
 *
 * @remarks
 * Throws {@link TestingSetupError} naming the file and line when a line is not a coverage record of this
 * format version (a file from another tool or another @step/testing version).
 *
 * @example
 * ```ts
 * const machines = readCoverageDir('step-coverage');
 * ```
 */
export function readCoverageDir(dir: string): MachineCoverageData[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^step-coverage-.*\.jsonl$/.test(f)).sort();
  } catch {
    return [];
  }
  const records: CoverageRecord[] = [];
  for (const f of files) {
    const file = path.join(dir, f);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          record = undefined;
        }
        if (typeof record !== 'object' || record === null || (record as CoverageRecord).version !== COVERAGE_FORMAT_VERSION) {
          throw new TestingSetupError(
            `${file}:${i + 1} is not a Step coverage record of format version ${COVERAGE_FORMAT_VERSION}. Delete the directory "${dir}" and run the tests again.`,
          );
        }
        records.push(record as CoverageRecord);
      });
  }
  return mergeCoverageRecords(records);
}
