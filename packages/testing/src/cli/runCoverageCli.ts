import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assertValid, isStepError } from '@step/asl';
import type { HistoryEvent } from '@step/interpreter';
import { assertCoverage } from '../coverage/assertCoverage.js';
import { recordCoverage } from '../coverage/recordCoverage.js';
import { writeCoverageReports } from '../coverage/writeCoverageReports.js';

const USAGE = `Usage:
  step-coverage record <definition.asl.json> <history.json>... [--dir step-coverage] [--name NAME]
  step-coverage report [--dir step-coverage] [--states N] [--transitions N] [--retriers N]

record adds executions to a coverage directory from history files (step-cli exec --history FILE writes them);
report writes coverage.txt, coverage.json, the Mermaid graphs and index.html, prints the summary, and exits 1
when a total is under its threshold (percent).`;

/** Where the command prints. */
export interface CoverageCliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} "${file}": ${(error as Error).message}. Check the path.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`The ${what} "${file}" is not JSON: ${(error as Error).message}.`);
  }
}

class UsageError extends Error {}

/** node:util parseArgs rejects unknown or malformed options with an ERR_PARSE_ARGS_* code. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/**
 * The `step-coverage` command: records state-machine coverage from `step-cli exec --history` files and writes
 * the reports. Returns the exit code (0, 1 under the threshold, 2 for a usage error); never throws for a
 * user's mistake.
 */
export async function runCoverageCli(args: readonly string[], io: CoverageCliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        dir: { type: 'string', default: 'step-coverage' },
        name: { type: 'string' },
        states: { type: 'string' },
        transitions: { type: 'string' },
        retriers: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    const [command, ...files] = positionals;
    const dir = path.resolve(io.cwd, values.dir);
    if (values.help === true || command === undefined) {
      io.stdout(`${USAGE}\n`);
      return command === undefined && values.help !== true ? 2 : 0;
    }
    if (command === 'record') {
      const [definitionFile, ...historyFiles] = files;
      if (definitionFile === undefined || historyFiles.length === 0)
        throw new UsageError('record needs a definition file and at least one history file.');
      const definition = assertValid(readJson(path.resolve(io.cwd, definitionFile), 'definition'));
      for (const h of historyFiles) {
        const history = readJson(path.resolve(io.cwd, h), 'history') as { events?: HistoryEvent[] };
        if (!Array.isArray(history.events))
          throw new UsageError(`The history "${h}" has no "events" array: write it with step-cli exec --history ${h}.`);
        await recordCoverage(definition, { events: history.events }, { dir, name: values.name });
      }
      io.stdout(`recorded ${historyFiles.length} execution(s) in ${dir}\n`);
      return 0;
    }
    if (command === 'report') {
      const threshold: Record<string, number> = {};
      for (const metric of ['states', 'transitions', 'retriers'] as const) {
        const v = values[metric];
        if (v === undefined) continue;
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 100)
          throw new UsageError(`--${metric} must be a percentage from 0 to 100 (got "${v}").`);
        threshold[metric] = n;
      }
      const { report, text } = writeCoverageReports(dir);
      io.stdout(text);
      assertCoverage(report, threshold);
      return 0;
    }
    throw new UsageError(`Unknown command "${command}": use record or report.`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`step-coverage: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (isStepError(error) && error.name === 'CoverageThresholdError') {
      io.stderr(`step-coverage: ${error.message}\n`);
      return 1;
    }
    if (isStepError(error)) {
      io.stderr(`step-coverage: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
