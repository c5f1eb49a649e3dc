import path from 'node:path';
import { toExitError } from './toExitError.js';

/**
 * Options of {@link packageMachine}.
 */
export interface PackageMachineOptions {
  /** The module exporting `handler`. */
  file: string;
  /** Directory `file` and `out` are resolved against. */
  cwd: string;
  /** Zip file to write. Default `lambda.zip`. */
  out?: string;
  /** Packages left out of the bundle. */
  external?: string[];
  minify?: boolean;
  /** esbuild aliases (for tests that bundle workspace sources). */
  alias?: Record<string, string>;
}

/**
 * Result of {@link packageMachine}.
 */
export interface PackagedMachine {
  /** Absolute path of the written zip. */
  outFile: string;
  /** Hex SHA-256 of the zip, as the deployer checks it. */
  sha256: string;
  /** Size of the zip in bytes. */
  bytes: number;
}

/**
 * The implementation of `step-cli package`: bundles a handler module into a reproducible Lambda zip.
 *
 * @remarks
 * Throws `ExitError` (exit 2) when the module is missing, does not bundle, or exports no `handler`.
 */
export async function packageMachine(options: PackageMachineOptions): Promise<PackagedMachine> {
  const { buildLambdaZip } = await import('@step/lambda/build');
  try {
    const result = await buildLambdaZip({
      entry: path.resolve(options.cwd, options.file),
      outFile: path.resolve(options.cwd, options.out ?? 'lambda.zip'),
      ...(options.external === undefined ? {} : { external: options.external }),
      ...(options.minify === undefined ? {} : { minify: options.minify }),
      ...(options.alias === undefined ? {} : { alias: options.alias }),
    });
    return { outFile: result.outFile ?? '', sha256: result.sha256, bytes: result.zip.length };
  } catch (error) {
    throw toExitError(error);
  }
}
