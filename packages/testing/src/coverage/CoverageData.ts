import type { Definition } from '@step/asl';

/**
 * What the executions of one machine exercised, keyed by JSON pointers into its definition: the count of
 * visits per state, of passes per transition (with the errors each Catch caught), and of retries per retrier.
 *
 * @remarks
 * Pointers are those of `@step/asl`'s graph: a state is `/States/Charge`, a transition the field that makes it
 * (`/States/Charge/Next`, `/States/Route/Choices/1/Next`, `/States/Route/Default`, `/States/Charge/Catch/0/Next`,
 * `/States/Fan/Branches/0/StartAt`, `/States/Each/ItemProcessor/StartAt`) and a retrier `/States/Charge/Retry/0`.
 *
 * @example
 * ```ts
 * const hits: CoverageHits = { states: { '/States/A': 1 }, transitions: { '/States/A/Next': { count: 1 } }, retriers: {} };
 * ```
 */
export interface CoverageHits {
  states: Record<string, number>;
  transitions: Record<string, { count: number; errors?: Record<string, number> }>;
  retriers: Record<string, number>;
}

/**
 * One line of a coverage file: the hits of one execution (or of several, summed) of one machine.
 *
 * @remarks
 * Coverage files are JSON Lines named `step-coverage-<pid>-<thread>.jsonl`, one per test worker, appended as
 * executions end; {@link readCoverageDir} merges every file of a directory. `definition` is on the first line
 * a file writes for a machine and may be omitted on later ones. See docs/decisions/012.
 *
 * @example
 * ```ts
 * const line: CoverageRecord = { version: 1, machine: 'orders@3f2a9c1b7d4e5f60', name: 'orders', hash: '3f2a9c1b7d4e5f60', executions: 1, hits };
 * ```
 */
export interface CoverageRecord {
  version: 1;
  /** `<name>@<hash>`: the machine's identity. */
  machine: string;
  name: string;
  /** First 16 hex digits of the SHA-256 of the definition's canonical JSON. */
  hash: string;
  definition?: Definition;
  executions: number;
  hits: CoverageHits;
}

/**
 * The merged coverage of one machine across a test run.
 *
 * @example
 * ```ts
 * const data: MachineCoverageData = mergeCoverageRecords(records).get('orders@3f2a9c1b7d4e5f60')!;
 * ```
 */
export interface MachineCoverageData {
  machine: string;
  name: string;
  hash: string;
  definition: Definition;
  executions: number;
  hits: CoverageHits;
}

/**
 * The current version of the coverage file format.
 *
 * @example
 * ```ts
 * if (record.version !== COVERAGE_FORMAT_VERSION) throw new Error('written by another @step/testing');
 * ```
 */
export const COVERAGE_FORMAT_VERSION = 1;

/**
 * An empty {@link CoverageHits}.
 *
 * @example
 * ```ts
 * const hits = createEmptyHits();
 * ```
 */
export function createEmptyHits(): CoverageHits {
  return { states: {}, transitions: {}, retriers: {} };
}

/**
 * Adds `more` into `into` (counts summed, caught errors summed per name).
 *
 * @example
 * ```ts
 * addHits(total, collectedFromOneExecution);
 * ```
 */
export function addHits(into: CoverageHits, more: CoverageHits): CoverageHits {
  for (const [k, n] of Object.entries(more.states)) into.states[k] = (into.states[k] ?? 0) + n;
  for (const [k, n] of Object.entries(more.retriers)) into.retriers[k] = (into.retriers[k] ?? 0) + n;
  for (const [k, t] of Object.entries(more.transitions)) {
    const target = (into.transitions[k] ??= { count: 0 });
    target.count += t.count;
    for (const [error, n] of Object.entries(t.errors ?? {})) {
      target.errors ??= {};
      target.errors[error] = (target.errors[error] ?? 0) + n;
    }
  }
  return into;
}
