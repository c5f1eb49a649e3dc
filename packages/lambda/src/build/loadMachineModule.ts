import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStepError, type Definition } from '@step/asl';
import type { ExecutionOptions } from '@step/interpreter';
import type { Plugin } from 'esbuild';
import type { StepMachine } from '../defineMachine.js';
import { MachineModuleError } from '../errors.js';
import { importEsbuild } from './importEsbuild.js';

/**
 * A machine module loaded by {@link loadMachineModule}.
 *
 * @example
 * ```ts
 * import type { LoadedMachineModule } from '@step/lambda/build';
 * const states = (m: LoadedMachineModule) => Object.keys(m.definition.States);
 * ```
 */
export interface LoadedMachineModule {
  /** Absolute path of the module. */
  file: string;
  /** The machine's definition, TaskFn expanded. */
  definition: Definition;
  /** Interpreter options that run the TaskFn states with the module's real handlers. */
  executionOptions: ExecutionOptions;
  machine: StepMachine;
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * Imports a module that exports `machine` (a {@link StepMachine}), compiling TypeScript with esbuild first.
 *
 * @remarks
 * A `.ts` file is bundled (its npm packages left external) into a temporary `.mjs` next to it, so relative
 * imports, `import.meta.url` and `node_modules` resolve as from the source; the temporary file is removed after
 * import. A default export that is a machine is accepted too. Throws {@link MachineModuleError} when the file is
 * missing, fails to compile or import, or exports no machine.
 *
 * @example
 * ```ts
 * import { loadMachineModule } from '@step/lambda/build';
 * import { runExecution } from '@step/interpreter';
 * const { definition, executionOptions } = await loadMachineModule('src/machine.ts');
 * const result = await runExecution(definition, { ...executionOptions, input: {} });
 * ```
 */
export async function loadMachineModule(file: string): Promise<LoadedMachineModule> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new MachineModuleError(file, 'the file does not exist');
  const mod = TYPESCRIPT.has(path.extname(absolute))
    ? await importTypeScript(file, absolute)
    : await importModule(file, absolute);
  const machine = [mod.machine, mod.default].find(isStepMachine);
  if (machine === undefined) {
    throw new MachineModuleError(
      file,
      'it exports no "machine"; add `export const machine = defineMachine({ definition, handlers });`',
    );
  }
  return { file: absolute, definition: machine.definition, executionOptions: machine.executionOptions(), machine };
}

async function importTypeScript(file: string, absolute: string): Promise<Record<string, unknown>> {
  const esbuild = await importEsbuild((problem, cause) => new MachineModuleError(file, problem, { cause }));
  let code: string;
  try {
    const result = await esbuild.build({
      entryPoints: [absolute],
      bundle: true,
      packages: 'external',
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: 'module.mjs',
      logLevel: 'silent',
      sourcemap: 'inline',
      plugins: [stepPackagesFallback],
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    throw new MachineModuleError(file, `esbuild could not compile it: ${(error as Error).message}`, { cause: error });
  }
  const temp = path.join(
    path.dirname(absolute),
    `.${path.basename(absolute)}.step-${randomBytes(6).toString('hex')}.mjs`,
  );
  await writeFile(temp, code);
  try {
    return await importModule(file, temp);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * `@step/*` imports that the module's own folder cannot resolve (a project without node_modules, or step-cli
 * installed globally) are pointed at the copies next to this package, so the module still loads.
 */
const stepPackagesFallback: Plugin = {
  name: 'step-packages-fallback',
  setup(build) {
    build.onResolve({ filter: /^@step\// }, (args) => {
      try {
        createRequire(path.join(args.resolveDir, 'index.js')).resolve(args.path);
        return { path: args.path, external: true };
      } catch {
        try {
          return { path: import.meta.resolve(args.path), external: true };
        } catch {
          return { path: args.path, external: true };
        }
      }
    });
  },
};

async function importModule(file: string, absolute: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    if (isStepError(error)) throw error; // e.g. MachineHandlersError from defineMachine
    throw new MachineModuleError(file, `importing it failed: ${(error as Error).message}`, { cause: error });
  }
}

function isStepMachine(value: unknown): value is StepMachine {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StepMachine).executionOptions === 'function' &&
    typeof (value as StepMachine).deployableDefinition === 'function' &&
    typeof (value as StepMachine).handler === 'function' &&
    typeof (value as StepMachine).definition === 'object'
  );
}
