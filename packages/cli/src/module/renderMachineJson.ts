import path from 'node:path';
import type { Definition } from '@step/asl';
import { toExitError } from './toExitError.js';

/**
 * Options of {@link renderMachineJson}.
 *
 * @example
 * ```ts
 * const options: RenderMachineJsonOptions = { file: 'src/machine.ts', cwd: process.cwd() };
 * ```
 */
export interface RenderMachineJsonOptions {
  /** The machine module (`.ts`, `.js`, `.mjs`) exporting `machine`. */
  file: string;
  /** Directory `file` is resolved against. */
  cwd: string;
  /** Lambda ARN for the Resource of the TaskFn states; default: the `{{aws_region}}`... template. */
  lambdaArn?: string;
  /** Spaces of indentation; 0 prints one line. Default 2. */
  indent?: number;
}

/**
 * Result of {@link renderMachineJson}.
 *
 * @example
 * ```ts
 * const { text } = await renderMachineJson({ file: 'src/machine.ts', cwd: '.' });
 * ```
 */
export interface RenderedMachineJson {
  definition: Definition;
  /** The definition as JSON text, ending with a newline. */
  text: string;
}

/**
 * The implementation of `step-cli json`: loads a machine module and returns its deployable definition.
 *
 * @remarks
 * Throws `ExitError` (exit 2) when the module cannot be loaded, and `AslValidationError` when its ASL is invalid.
 *
 * @example
 * ```ts
 * const { text } = await renderMachineJson({ file: 'src/machine.ts', cwd: process.cwd(), lambdaArn: 'arn:aws:lambda:...' });
 * process.stdout.write(text);
 * ```
 */
export async function renderMachineJson(options: RenderMachineJsonOptions): Promise<RenderedMachineJson> {
  const { loadMachineModule } = await import('@step/lambda/build');
  try {
    const { machine } = await loadMachineModule(path.resolve(options.cwd, options.file));
    const definition = machine.deployableDefinition(options.lambdaArn);
    const indent = options.indent ?? 2;
    return { definition, text: `${JSON.stringify(definition, null, indent > 0 ? indent : undefined)}\n` };
  } catch (error) {
    throw toExitError(error);
  }
}
