// Sums the per-package jest totals written by jestResultsReporter.cjs (.jest-results/node-<major>/<package>.json)
// and prints them per package and per Node version, then `N passed, M failed[, K skipped]` for the whole run on a
// line of its own. Usage: node summarizeTests.mjs [node-<major>:<exit code of that version's test command>...]
// A version whose command exited non-zero with no failed test recorded failed outside jest (install, build,
// typecheck, lint, a gate, a coverage threshold, a Node download): that counts as one failed check, so a red run
// never prints "0 failed".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.join(repo, '.jest-results');
const statuses = new Map(
  process.argv.slice(2).map((arg) => {
    const [version, code] = arg.split(':');
    return [version, Number(code)];
  }),
);
const total = { passed: 0, failed: 0, skipped: 0 };
const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^node-\d+$/.test(d)) : [];
for (const version of statuses.keys()) if (!versions.includes(version)) versions.push(version);
versions.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
for (const version of versions) {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  const dir = path.join(root, version);
  for (const f of (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => f.endsWith('.json')).sort()) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    console.log(
      `  ${version.padEnd(8)} ${r.package.padEnd(28)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed`,
    );
    for (const key of Object.keys(sum)) sum[key] += r[key];
  }
  if ((statuses.get(version) ?? 0) !== 0 && sum.failed === 0) {
    console.log(`  ${version}: the test command failed outside jest (see above): counted as 1 failed`);
    sum.failed += 1;
  }
  console.log(`${version}: ${sum.passed} passed, ${sum.failed} failed${sum.skipped ? `, ${sum.skipped} skipped` : ''}`);
  for (const key of Object.keys(total)) total[key] += sum[key];
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
