import type * as Esbuild from 'esbuild';

/**
 * Loads esbuild on first use. The specifier is not a literal, so bundling a handler that imports `@step/lambda`
 * never pulls esbuild (a native build tool) into the Lambda bundle.
 *
 * @internal
 * @example
 * ```ts
 * const esbuild = await importEsbuild();
 * ```
 */
export async function importEsbuild(): Promise<typeof Esbuild> {
  const specifier = 'esbuild';
  return (await import(specifier)) as typeof Esbuild;
}
