#!/usr/bin/env node
// Fails when a branch changes a published package's shipped files without adding a changeset.
//   node scripts/checkChangesets.mjs [base]      (base defaults to origin/main, else main)
// A published package is a non-private package.json under packages/ (globbed, so new packages count); its
// shipped files are what its "files" field lists before the build: src/, bin/, README.md, package.json. A change
// to tests, docs or examples needs no changeset. Run it before asking for a merge; `.ci/run` cannot, because CI
// checks out main itself, where there is no branch to compare.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const base =
  process.argv[2] ??
  ['origin/main', 'main'].find((ref) => {
    try {
      git('rev-parse', '--verify', '--quiet', ref);
      return true;
    } catch {
      return false;
    }
  });
if (base === undefined) {
  console.log('changeset check: no base branch to compare with; pass one, e.g. node scripts/checkChangesets.mjs main');
  process.exit(0);
}
const published = fs
  .readdirSync(path.join(repo, 'packages'))
  .filter((dir) => fs.existsSync(path.join(repo, 'packages', dir, 'package.json')))
  .filter((dir) => !JSON.parse(fs.readFileSync(path.join(repo, 'packages', dir, 'package.json'), 'utf8')).private)
  .map((dir) => `packages/${dir}/`);
const changed = git('diff', '--name-only', `${base}...HEAD`).split('\n').filter(Boolean);
const shipped = changed.filter((file) =>
  published.some(
    (dir) => file.startsWith(dir) && /^(src|bin)\/|^README\.md$|^package\.json$/.test(file.slice(dir.length)),
  ),
);
const added = git('diff', '--name-only', '--diff-filter=A', `${base}...HEAD`)
  .split('\n')
  .filter((file) => /^\.changeset\/[^/]+\.md$/.test(file) && file !== '.changeset/README.md');
if (shipped.length > 0 && added.length === 0) {
  console.log(`changeset check: this branch changes what published packages ship, and adds no changeset:`);
  for (const file of shipped) console.log(`  ${file}`);
  console.log('Add one with "pnpm changeset" (or a .changeset/<branch>-<topic>.md file; see .changeset/README.md).');
  process.exit(1);
}
console.log(
  `changeset check: ${shipped.length} shipped file(s) changed since ${base}, ${added.length} changeset(s) added`,
);
