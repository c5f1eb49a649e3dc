#!/usr/bin/env node
// Workspace consistency check, after manypkg's rules (`@manypkg/cli check` reads pnpm-workspace.yaml through
// older pnpm internals; these few rules do not need it). Packages are found by globbing the folders that
// pnpm-workspace.yaml lists, so a new package is checked without editing this file. Usage:
//   node scripts/checkWorkspace.mjs [--no-build-check]   prints every problem as `<package.json>#<pointer>: <problem>; <fix>`, exits 1 if any
// Rules:
//   - a dependency on a workspace package uses "workspace:^" (peer dependencies excepted);
//   - an external dependency has one range across the workspace (dependencies and devDependencies; peers are
//     ranges on purpose);
//   - every published (non-private) package has the fields the house style needs: "type": "module", "exports"
//     with "types" first in each entry and "./package.json", "files", "engines.node", "sideEffects" (unless it has a bin),
//     "repository.directory" equal to its folder, "publishConfig.access": "public", a README.md;
//   - every exports target and bin exists (after the build) and bins are inside "files";
//   - package names are unique;
//   - publint (pinned root devDependency) finds nothing, suggestions included, in what `npm pack` would publish of
//     each published package (after the build; `--no-build-check` skips it with the other on-disk checks).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = fs.readFileSync(path.join(repo, 'pnpm-workspace.yaml'), 'utf8');
// The `packages:` list of pnpm-workspace.yaml: `  - packages/*` lines up to the next top-level key.
const globs = [];
for (const line of workspace.slice(workspace.indexOf('packages:')).split('\n').slice(1)) {
  const item = /^\s+-\s+['"]?([^'"#\s]+)/.exec(line);
  if (item) globs.push(item[1]);
  else if (/^\S/.test(line)) break;
}
const dirs = globs.flatMap((glob) => {
  if (!glob.endsWith('/*')) return [glob];
  const parent = glob.slice(0, -2);
  const abs = path.join(repo, parent);
  return fs.existsSync(abs) ? fs.readdirSync(abs).map((d) => path.posix.join(parent, d)) : [];
});
const packages = dirs
  .filter((dir) => fs.existsSync(path.join(repo, dir, 'package.json')))
  .map((dir) => ({
    dir,
    file: `${dir}/package.json`,
    json: JSON.parse(fs.readFileSync(path.join(repo, dir, 'package.json'), 'utf8')),
  }));

// The exports targets are checked on disk only once the packages are built (the test command builds first).
const checkBuilt = !process.argv.includes('--no-build-check');
const problems = [];
const report = (file, pointer, problem, fix) => problems.push(`${file}#${pointer}: ${problem}; ${fix}`);
const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const names = new Map();
for (const pkg of packages) {
  const other = names.get(pkg.json.name);
  if (other !== undefined)
    report(pkg.file, '/name', `"${pkg.json.name}" is also the name of ${other}`, 'give each package its own name');
  names.set(pkg.json.name, pkg.file);
}

const ranges = new Map(); // external dependency -> Map(range -> [where])
for (const pkg of packages) {
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(pkg.json[field] ?? {})) {
      const pointer = `/${field}/${escape(dep)}`;
      if (names.has(dep)) {
        if (range !== 'workspace:^')
          report(pkg.file, pointer, `"${dep}" is a workspace package but the range is "${range}"`, 'use "workspace:^"');
        continue;
      }
      if (!ranges.has(dep)) ranges.set(dep, new Map());
      const where = ranges.get(dep);
      if (!where.has(range)) where.set(range, []);
      where.get(range).push(`${pkg.file}#${pointer}`);
    }
  }
}
for (const [dep, where] of ranges) {
  if (where.size < 2) continue;
  const listed = [...where].map(([range, at]) => `"${range}" in ${at.join(', ')}`).join('; ');
  const first = [...where.values()][0][0];
  report(
    first.split('#')[0],
    first.split('#')[1],
    `"${dep}" has ${where.size} different ranges (${listed})`,
    'use one range everywhere',
  );
}

for (const pkg of packages.filter((p) => !p.json.private)) {
  const { json, file, dir } = pkg;
  if (json.type !== 'module') report(file, '/type', 'a published package must be ESM', 'set "type": "module"');
  if (typeof json.exports !== 'object' || json.exports === null) {
    report(file, '/exports', 'a published package needs an exports map', 'add "exports" with "." and "./package.json"');
  } else {
    if (!('./package.json' in json.exports))
      report(file, '/exports', 'it does not export "./package.json"', 'add "./package.json": "./package.json"');
    for (const [subpath, entry] of Object.entries(json.exports)) {
      if (typeof entry !== 'object' || entry === null) continue;
      const keys = Object.keys(entry);
      if (keys[0] !== 'types')
        report(
          file,
          `/exports/${escape(subpath)}`,
          `"types" must come first (got ${keys.join(', ')})`,
          'move "types" to the top of the entry',
        );
      for (const [condition, target] of Object.entries(entry)) {
        const pointer = `/exports/${escape(subpath)}/${escape(condition)}`;
        if (typeof target !== 'string') continue;
        if (!target.startsWith('./dist/'))
          report(file, pointer, `"${target}" is outside dist/`, 'point it at the built file in ./dist/');
        // As publint does: a target that the build did not produce is an import that fails for every user.
        else if (checkBuilt && !fs.existsSync(path.join(repo, dir, target))) {
          report(
            file,
            pointer,
            `"${target}" does not exist after the build`,
            'fix the path or the build that should write it',
          );
        }
      }
    }
  }
  for (const [bin, target] of Object.entries(
    typeof json.bin === 'string' ? { [json.name]: json.bin } : (json.bin ?? {}),
  )) {
    const shipped =
      Array.isArray(json.files) &&
      json.files.some((f) => target.replace(/^\.\//, '').startsWith(`${f.replace(/\/$/, '')}/`));
    if (!fs.existsSync(path.join(repo, dir, target)))
      report(file, `/bin/${escape(bin)}`, `"${target}" does not exist`, 'fix the path');
    else if (!shipped)
      report(
        file,
        `/bin/${escape(bin)}`,
        `"${target}" is not in "files", so it is not published`,
        'add its folder to "files"',
      );
  }
  if (!Array.isArray(json.files) || !json.files.includes('dist'))
    report(file, '/files', 'the published files must include dist', 'set "files": ["dist"]');
  if (typeof json.engines?.node !== 'string')
    report(file, '/engines', 'it does not say which Node versions it runs on', 'set "engines": {"node": ">=20"}');
  // A package with a bin runs its entry on import (step-cli): side effects are the point there.
  if (json.sideEffects === undefined && json.bin === undefined)
    report(
      file,
      '/sideEffects',
      'bundlers cannot tree-shake it',
      'set "sideEffects": false (or list the files with side effects)',
    );
  if (json.repository?.directory !== dir)
    report(
      file,
      '/repository/directory',
      `it should be "${dir}"`,
      `set "repository": {"type": "git", "url": ..., "directory": "${dir}"}`,
    );
  if (json.publishConfig?.access !== 'public')
    report(
      file,
      '/publishConfig/access',
      'a scoped package is private on the registry unless told',
      'set "publishConfig": {"access": "public"}',
    );
  if (!fs.existsSync(path.join(repo, dir, 'README.md')))
    report(file, '', 'it has no README.md', `add ${dir}/README.md`);
}

// publint reads the packed file list (npm pack: pnpm is not on PATH here, and only the file list matters), so it
// sees what a user installs: a missing entry, a wrong format, a field that tools misread.
if (checkBuilt) {
  const published = packages.filter((p) => !p.json.private);
  const results = await Promise.all(
    published.map((pkg) => publint({ pkgDir: path.join(repo, pkg.dir), pack: 'npm', level: 'suggestion' })),
  );
  for (const [i, { messages }] of results.entries()) {
    const pkg = published[i];
    for (const message of messages) {
      const text = (formatMessage(message, pkg.json, { color: false }) ?? message.code).replace(/\.$/, '');
      report(
        pkg.file,
        `/${message.path.map(String).map(escape).join('/')}`,
        `publint ${message.type}: ${text}`,
        'fix what publint names',
      );
    }
  }
}

for (const problem of problems) console.log(problem);
console.log(
  `workspace check: ${packages.length} packages, ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
