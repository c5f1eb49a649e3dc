// Sums the per-package jest totals written by jestResultsReporter.cjs and prints
// `N passed, M failed[, K skipped]` on a line of its own. Usage: node summarizeTests.mjs [exitCodeOfTestCommand]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(repo, '.jest-results');
const exitCode = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const f of files.sort()) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  console.log(`  ${r.package.padEnd(28)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
// A failing step outside jest (build, typecheck, lint) counts as one failed check.
if (exitCode !== 0 && failed === 0) {
  console.log('  the test command failed outside jest (build, typecheck or lint): counted as 1 failed');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
