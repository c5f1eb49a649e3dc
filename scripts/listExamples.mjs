#!/usr/bin/env node
// Lists TSDoc `@example` blocks by whether their symbol is public (decision 023, issue #14 §4): public = reachable
// from a published package's exports map (each entry's `types` target, mapped back to src/), through re-exports.
//   node scripts/listExamples.mjs [--missing] [--remove <path prefix>...]
// prints `internal-example <file>:<line> <name>` for every exported declaration in packages/*/src that carries an
// @example but is not public, and with --missing also `missing-example <package> <name>` for public exports
// without one; then the totals. It reads sources with the TypeScript compiler API (no build needed) and changes
// nothing, unless --remove: then it deletes those internal @example blocks (the prose stays) in the files under the
// given prefixes (e.g. packages/deployer/src). Not part of the test command: it is a report to act on, not a gate yet.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const showMissing = process.argv.includes('--missing');
const removeAt = process.argv.indexOf('--remove');
const removePrefixes = removeAt === -1 ? [] : process.argv.slice(removeAt + 1).filter((a) => !a.startsWith('--'));
const pkgDirs = fs
  .readdirSync(path.join(repo, 'packages'))
  .map((d) => path.join(repo, 'packages', d))
  .filter((d) => fs.existsSync(path.join(d, 'package.json')));

// The src/ entry of each public exports entry: ./dist/x/index.d.ts -> src/x/index.ts.
const entries = [];
for (const dir of pkgDirs) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (json.private) continue;
  for (const [subpath, entry] of Object.entries(json.exports ?? {})) {
    const types = typeof entry === 'object' && entry !== null ? entry.types : undefined;
    if (typeof types !== 'string') continue;
    const src = path.join(dir, types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts'));
    if (fs.existsSync(src)) entries.push({ pkg: json.name + (subpath === '.' ? '' : subpath.slice(1)), src });
  }
}
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) files.push(p);
  }
};
for (const dir of pkgDirs) if (fs.existsSync(path.join(dir, 'src'))) walk(path.join(dir, 'src'));

const program = ts.createProgram(files, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
  allowJs: false,
  resolveJsonModule: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();
const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const hasExample = (decl) => ts.getJSDocTags(decl).some((t) => t.tagName.text === 'example');
const where = (decl) => {
  const sf = decl.getSourceFile();
  return `${path.relative(repo, sf.fileName)}:${sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1}`;
};

const publicDecls = new Set();
const missing = [];
for (const { pkg, src } of entries) {
  const sf = program.getSourceFile(src);
  const mod = sf && checker.getSymbolAtLocation(sf);
  if (!mod) continue;
  for (const exp of checker.getExportsOfModule(mod)) {
    const decls = resolve(exp).getDeclarations() ?? [];
    decls.forEach((d) => publicDecls.add(d));
    if (decls.length > 0 && !decls.some(hasExample))
      missing.push(`missing-example ${pkg} ${exp.name} (${where(decls[0])})`);
  }
}

const internal = [];
const toRemove = new Map(); // file -> JSDoc ranges whose @example goes
for (const file of files) {
  const sf = program.getSourceFile(file);
  const mod = sf && checker.getSymbolAtLocation(sf);
  if (!mod) continue;
  for (const exp of checker.getExportsOfModule(mod)) {
    if (exp.flags & ts.SymbolFlags.Alias) continue; // a re-export: its declaration is counted where it lives
    for (const decl of exp.getDeclarations() ?? []) {
      if (decl.getSourceFile() !== sf || publicDecls.has(decl) || !hasExample(decl)) continue;
      internal.push(`internal-example ${where(decl)} ${exp.name}`);
      const rel = path.relative(repo, file);
      if (!removePrefixes.some((p) => rel.startsWith(p))) continue;
      const docs = (decl.jsDoc ?? []).filter((doc) => (doc.tags ?? []).some((t) => t.tagName.text === 'example'));
      for (const doc of docs) toRemove.set(file, [...(toRemove.get(file) ?? []), [doc.pos, doc.end]]);
    }
  }
}
// An example block: an optional blank ` *` line, ` * @example`, a fenced block, all inside the JSDoc.
const EXAMPLE =
  /\n(?:[ \t]*\*[ \t]*\n)?[ \t]*\*[ \t]*@example[^\n]*\n[ \t]*\*[ \t]*```[^\n]*\n(?:[ \t]*\*(?![ \t]*```).*\n)*?[ \t]*\*[ \t]*```[ \t]*(?=\n)/g;
for (const [file, ranges] of toRemove) {
  let text = fs.readFileSync(file, 'utf8');
  for (const [start, end] of [...new Set(ranges.map(String))]
    .map((r) => r.split(',').map(Number))
    .sort((a, b) => b[0] - a[0]))
    text = text.slice(0, start) + text.slice(start, end).replace(EXAMPLE, '') + text.slice(end);
  fs.writeFileSync(file, text);
}
for (const line of internal) console.log(line);
if (showMissing) for (const line of missing) console.log(line);
console.log(
  `examples: ${internal.length} on internal exports, ${missing.length} public exports without one (${publicDecls.size} public declarations)`,
);
