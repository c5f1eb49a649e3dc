import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '@step/asl';
import { MemoryObjectStore, runExecution, VirtualClock } from '@step/interpreter';
import { compareCase } from './compareCase.js';
import type { ConformanceCase } from './compareCase.js';

// Recorded AWS executions, shared beside the repository (CI clones the repo with shared/ next to it).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const casesDir = path.resolve(repoRoot, '../shared/conformance/cases');

/** Cases we believe were recorded wrongly, with the reason. Each id must exist. */
const SKIP: Record<string, string> = {};

/**
 * Cases whose recorder replaced timestamps with literals that are not among the runner's wildcards. The run's
 * values under these keys must be ISO 8601 timestamps; they are then replaced by the recorder's literal.
 */
const TIME_LITERALS: Record<string, Record<string, string>> = {
  'v2.base.test_base.test_query_context_object_values': {
    StartTime: 'start-time',
    execution_starttime: 'start-time',
    EnteredTime: 'entered-time',
    state_enteredtime: 'entered-time',
  },
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A copy of `value` whose ISO timestamps under the keys of `literals` are replaced by the recorder's literal. */
function withTimeLiterals(value: JsonValue | undefined, literals: Record<string, string>): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((v) => withTimeLiterals(v, literals) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) {
    const literal = literals[k];
    out[k] =
      literal !== undefined && typeof v === 'string' && ISO_TIME.test(v)
        ? literal
        : (withTimeLiterals(v, literals) ?? null);
  }
  return out;
}

const files = fs.existsSync(casesDir)
  ? fs
      .readdirSync(casesDir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
      .sort()
  : [];
const cases: ConformanceCase[] = files.map(
  (f) => JSON.parse(fs.readFileSync(path.join(casesDir, f), 'utf8')) as ConformanceCase,
);

const tally = new Map<string, { pass: number; total: number }>();
const failures: string[] = [];

function record(c: ConformanceCase, pass: boolean): void {
  const features = c.features ?? [];
  const groups = [
    'ALL',
    features.includes('JSONata') || features.includes('Variables') ? 'JSONata/Variables' : 'JSONPath-only',
    ...features,
  ];
  for (const g of groups) {
    const t = tally.get(g) ?? { pass: 0, total: 0 };
    t.total++;
    if (pass) t.pass++;
    tally.set(g, t);
  }
}

describe('conformance cases recorded against AWS', () => {
  afterAll(() => {
    const rows = [...tally.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
    const lines = rows.map(([f, s]) => `${f.padEnd(40)} ${String(s.pass).padStart(4)}/${String(s.total).padEnd(4)}`);
    const report = [`conformance (${Object.keys(SKIP).length} skipped)`, ...lines, ...failures].join('\n');
    if (process.env.CONFORMANCE_REPORT) fs.writeFileSync(process.env.CONFORMANCE_REPORT, report + '\n');
    const line = (g: string): string => `${g} ${tally.get(g)?.pass ?? 0}/${tally.get(g)?.total ?? 0}`;
    process.stdout.write(
      `conformance: ${line('ALL')}, ${line('JSONPath-only')}, ${line('JSONata/Variables')} (${Object.keys(SKIP).length} skipped of ${cases.length})\n`,
    );
  });

  it('finds the shared cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('names only existing cases in the skip list', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(SKIP).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(cases.filter((c) => !(c.id in SKIP)).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    // Prepare
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    // Act
    const result = await runExecution(c.definition, {
      input: c.input ?? {},
      clock,
      stateMachineName: 'Conformance',
      // The recorder normalised the execution role ARN to this literal.
      roleArn: 'snf_role_arn',
      ...(c.mockConfig ? { mockConfig: c.mockConfig, testCase: 'Recorded' } : {}),
      // Distributed Maps that read or write S3 get an in-memory stand-in seeded from the case.
      ...(c.needs?.includes('s3') ? { objectStore: new MemoryObjectStore(c.s3Objects ?? [], c.s3Buckets ?? []) } : {}),
    });
    // Assess
    const literals = TIME_LITERALS[c.id];
    const diff = compareCase(
      c,
      literals === undefined ? result : { ...result, output: withTimeLiterals(result.output, literals) },
    );
    record(c, diff === null);
    if (diff !== null) failures.push(`FAIL ${c.id}: ${diff}`);
    expect(diff).toBeNull();
  });
});
