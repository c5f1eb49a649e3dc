import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { createZip } from './createZip.js';
import { LambdaPackageError } from '../errors.js';
import { importEsbuild } from './importEsbuild.js';
import { loadMachineModule } from './loadMachineModule.js';

/**
 * Options of {@link buildLambdaZip}.
 *
 * @example
 * ```ts
 * import type { BuildLambdaZipOptions } from '@step/lambda/build';
 * const options: BuildLambdaZipOptions = { entry: 'src/machine.ts', outFile: 'lambda.zip' };
 * ```
 */
export interface BuildLambdaZipOptions {
  /** The module exporting `handler` (TypeScript or JavaScript). */
  entry: string;
  /** Where to write the zip; nothing is written when absent. */
  outFile?: string;
  /** Packages left out of the bundle (for example `@aws-sdk/*` when the runtime's copy is good enough). */
  external?: string[];
  /** Module aliases passed to esbuild (`{ 'pkg': '/abs/path/to/file.ts' }`). */
  alias?: Record<string, string>;
  /** Minify the bundle. Default `false`, for readable stack traces. */
  minify?: boolean;
  /** Node version the bundle targets. Default `'node20'`. */
  target?: string;
}

/**
 * Result of {@link buildLambdaZip}.
 *
 * @example
 * ```ts
 * import type { LambdaZip } from '@step/lambda/build';
 * const describe = (z: LambdaZip) => `${z.zip.length} bytes, sha256 ${z.sha256}`;
 * ```
 */
export interface LambdaZip {
  /** The archive: one `index.mjs` (Lambda handler setting `index.handler`). */
  zip: Buffer;
  /** Hex SHA-256 of `zip`, the value the deployer checks. */
  sha256: string;
  /** Absolute path of the written file, when `outFile` was given. */
  outFile?: string;
}

/** The package export condition under which `@step/lambda` is the dispatch-only entry a Lambda needs. */
const LAMBDA_RUNTIME_CONDITION = 'step-lambda-runtime';

/** Marks the plugin's own nested resolution, so it does not resolve itself forever. */
const RESOLVING = Symbol('step-lambda-runtime');

/**
 * Points `@step/lambda` at the `runtime/` entry next to wherever it resolves. The export condition does this for
 * an installed package; this also covers what resolves before package exports (tsconfig `paths` to the sources
 * in a workspace, for one).
 */
const stepLambdaRuntime: Plugin = {
  name: 'step-lambda-runtime',
  setup(build) {
    build.onResolve({ filter: /^@step\/lambda$/ }, async (args) => {
      if (args.pluginData === RESOLVING) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (resolved.errors.length > 0 || resolved.external) return resolved;
      const dir = path.dirname(resolved.path);
      if (path.basename(dir) === 'runtime') return resolved;
      const runtime = ['index.js', 'index.ts']
        .map((file) => path.join(dir, 'runtime', file))
        .find((file) => existsSync(file));
      return runtime === undefined ? resolved : { path: runtime };
    });
  },
};

const REQUIRE_SHIM =
  "import { createRequire as __stepCreateRequire } from 'node:module';\nconst require = __stepCreateRequire(import.meta.url);";

/**
 * Bundles a handler module and its dependencies (esbuild) into a reproducible Lambda zip.
 *
 * @remarks
 * The zip holds one ESM file, `index.mjs`; configure the function with handler `index.handler` on a Node 20+
 * runtime. The same sources give the same bytes (fixed timestamps, fixed order, paths relative to the entry's
 * package, deflate by a pinned pure-JavaScript implementation), so the SHA-256 identifies the code on every
 * Node version. `@step/lambda` is bundled through its `step-lambda-runtime` export condition, whose
 * `defineMachine` only dispatches; when the entry exports `machine`, the module is loaded first with
 * {@link loadMachineModule}, so the definition is validated and matched with the handlers at build time instead
 * of at every cold start. Throws {@link LambdaPackageError} when the bundle fails or the entry does not export
 * `handler`, and what `loadMachineModule` throws for an invalid machine.
 *
 * @example
 * ```ts
 * import { buildLambdaZip } from '@step/lambda/build';
 * const { sha256 } = await buildLambdaZip({ entry: 'src/machine.ts', outFile: 'dist/lambda.zip' });
 * ```
 */
export async function buildLambdaZip(options: BuildLambdaZipOptions): Promise<LambdaZip> {
  const entry = path.resolve(options.entry);
  if (!existsSync(entry)) {
    throw new LambdaPackageError(
      options.entry,
      'the file does not exist; pass the path of the module that exports "handler"',
    );
  }
  const esbuild = await importEsbuild((problem, cause) => new LambdaPackageError(options.entry, problem, { cause }));
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: packageRootOf(entry),
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: options.target ?? 'node20',
      outfile: 'index.mjs',
      metafile: true,
      minify: options.minify ?? false,
      legalComments: 'eof',
      logLevel: 'silent',
      banner: { js: REQUIRE_SHIM },
      // `@step/lambda` resolves to its dispatch-only entry (src/runtime): no validator, no interpreter.
      conditions: [LAMBDA_RUNTIME_CONDITION],
      plugins: [stepLambdaRuntime],
      external: ['esbuild', ...(options.external ?? [])],
      ...(options.alias === undefined ? {} : { alias: options.alias }),
    });
  } catch (error) {
    throw new LambdaPackageError(options.entry, `esbuild failed: ${(error as Error).message}`, { cause: error });
  }
  const output = result.outputFiles?.[0];
  const exports = Object.values(result.metafile?.outputs ?? {})[0]?.exports ?? [];
  if (output === undefined || !exports.includes('handler')) {
    throw new LambdaPackageError(
      options.entry,
      'it does not export "handler"; add `export const handler = machine.handler;` (or createTaskHandler(...))',
    );
  }
  // The bundle's defineMachine only dispatches, so the machine is validated here, once, at build time: loading the
  // module runs the full defineMachine (AslValidationError, MachineHandlersError).
  if (exports.includes('machine')) await loadMachineModule(options.entry);
  const zip = createZip([{ name: 'index.mjs', data: Buffer.from(output.contents) }]);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  if (options.outFile === undefined) return { zip, sha256 };
  const outFile = path.resolve(options.outFile);
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return { zip, sha256, outFile };
}

/** The nearest directory holding a package.json (so bundle comments carry paths that do not depend on the checkout). */
function packageRootOf(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
}
