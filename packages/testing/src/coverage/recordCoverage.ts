import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Definition } from '@step/asl';
import { readHistory, type HistorySource } from '../helpers/HistorySource.js';
import { collectHits } from './collectHits.js';
import { COVERAGE_FORMAT_VERSION, type CoverageRecord } from './CoverageData.js';
import { hashDefinition } from './hashDefinition.js';

/**
 * The environment variable that switches recording on and names the coverage directory; the coverage setup
 * (see {@link createCoverageLifecycle}) and `step-cli exec --coverage-dir` set it.
 *
 * @example
 * ```ts
 * process.env[COVERAGE_DIR_ENV] = 'step-coverage';
 * ```
 */
export const COVERAGE_DIR_ENV = 'STEP_COVERAGE_DIR';

/**
 * Options of {@link recordCoverage}.
 *
 * @example
 * ```ts
 * const options: RecordCoverageOptions = { name: 'orders', dir: 'step-coverage' };
 * ```
 */
export interface RecordCoverageOptions {
  /** The machine's name in reports; default the definition's `Comment`, else `StateMachine`. */
  name?: string;
  /** The coverage directory; default `$STEP_COVERAGE_DIR`. Without either, nothing is recorded. */
  dir?: string;
}

/** Machines whose definition this process already wrote to its file (later lines omit it). */
const written = new Set<string>();

/**
 * The name a machine gets in coverage reports.
 * @internal
 */
export function machineName(definition: Definition, name?: string): string {
  return name ?? (typeof definition.Comment === 'string' && definition.Comment !== '' ? definition.Comment : 'StateMachine');
}

/**
 * Records what one execution exercised in its machine, appending a line to this worker's file in the coverage
 * directory. Does nothing when no directory is set, so tests can call it unconditionally.
 *
 * @remarks
 * The file is `step-coverage-<pid>-<thread>.jsonl`: one per jest worker or vitest thread, never shared, so no
 * locking is needed. Returns the record written (undefined when recording is off).
 *
 * @example
 * ```ts
 * const result = await runExecution(definition, { input });
 * await recordCoverage(definition, result, { name: 'orders' });
 * ```
 */
export async function recordCoverage(
  definition: Definition,
  source: HistorySource,
  options: RecordCoverageOptions = {},
): Promise<CoverageRecord | undefined> {
  const dir = options.dir ?? process.env[COVERAGE_DIR_ENV];
  if (dir === undefined || dir === '') return undefined;
  const name = machineName(definition, options.name);
  const hash = hashDefinition(definition);
  const machine = `${name}@${hash}`;
  const record: CoverageRecord = {
    version: COVERAGE_FORMAT_VERSION,
    machine,
    name,
    hash,
    executions: 1,
    hits: await collectHits(definition, readHistory(source)),
  };
  const file = path.resolve(dir, `step-coverage-${process.pid}-${threadId}.jsonl`);
  const key = `${file}\u0000${machine}`;
  const line = written.has(key) ? record : { ...record, definition };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(line) + '\n');
  written.add(key);
  return record;
}
