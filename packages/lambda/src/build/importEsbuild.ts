import type * as Esbuild from 'esbuild';

/**
 * Loads esbuild on first use. esbuild is an optional peer dependency of `@step/lambda` (only the build side
 * needs it), so a missing copy becomes the error `fail` makes, saying how to install it. The specifier is not a
 * literal, so bundling code that imports `@step/lambda/build` never pulls esbuild (a native build tool) in.
 *
 * @internal
 */
export async function importEsbuild(fail: (problem: string, cause: unknown) => Error): Promise<typeof Esbuild> {
  const specifier = 'esbuild';
  try {
    return (await import(specifier)) as typeof Esbuild;
  } catch (error) {
    throw fail(
      `esbuild is not installed (${(error as Error).message}); add it with "npm install --save-dev esbuild"`,
      error,
    );
  }
}
