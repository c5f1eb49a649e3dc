import path from 'node:path';
import type { Definition } from '@step/asl';
import { TASKFN_RESOURCE_TEMPLATE, validate } from '@step/asl';
import type { TemplateOptions } from '@step/asl/template';
import { ExitError } from '../errors.js';
import { formatFileDiagnostic } from '../output.js';
import {
  definitionInputOf,
  isModuleFile,
  loadDefinitionSource,
  locateSourceDiagnostics,
} from '../run/loadDefinitionSource.js';
import { toExitError } from './toExitError.js';

/**
 * Options of {@link renderMachineJson}.
 */
export interface RenderMachineJsonOptions {
  /** The machine module (`.ts`, `.js`, `.mjs`) exporting `machine`, an ASL file, a template or a cdk.out folder. */
  file: string;
  /** Which state machine of a template or cdk.out (`--machine`, `--parameter`). */
  template?: TemplateOptions;
  /** Directory `file` is resolved against. */
  cwd: string;
  /** Lambda ARN for the Resource of the TaskFn states; default: the `{{aws_region}}`... template. */
  lambdaArn?: string;
  /** Spaces of indentation; 0 prints one line. Default 2. */
  indent?: number;
}

/**
 * Result of {@link renderMachineJson}.
 */
export interface RenderedMachineJson {
  definition: Definition;
  /** The definition as JSON text, ending with a newline. */
  text: string;
}

/**
 * The implementation of `step-cli json`: loads a machine module (or an ASL file, template or cdk.out) and returns its
 * deployable definition.
 *
 * @remarks
 * For a module: throws `ExitError` (exit 2) when it cannot be loaded, and `AslValidationError` when its ASL is invalid.
 * For an ASL file or template: TaskFn states are expanded with the same Resource a module gets, and an invalid
 * definition is an `ExitError` (exit 2) listing every diagnostic as `file#/pointer`.
 */
export async function renderMachineJson(options: RenderMachineJsonOptions): Promise<RenderedMachineJson> {
  const indent = options.indent ?? 2;
  const render = (definition: Definition): RenderedMachineJson => ({
    definition,
    text: `${JSON.stringify(definition, null, indent > 0 ? indent : undefined)}\n`,
  });
  if (!isModuleFile(options.file)) return render(await renderDefinitionFile(options));
  const { loadMachineModule } = await import('@step/lambda/build');
  try {
    const { machine } = await loadMachineModule(path.resolve(options.cwd, options.file));
    return render(machine.deployableDefinition(options.lambdaArn));
  } catch (error) {
    throw toExitError(error);
  }
}

/** An ASL file or template: validated, TaskFn expanded, the standard Resource template replaced by `lambdaArn` when given. */
async function renderDefinitionFile(options: RenderMachineJsonOptions): Promise<Definition> {
  const source = await loadDefinitionSource(options.file, options.cwd, undefined, options.template);
  const result = validate(definitionInputOf(source));
  if (!result.ok) {
    const { file, diagnostics } = locateSourceDiagnostics(source, result.diagnostics);
    const lines = diagnostics.map((d) => `  ${formatFileDiagnostic(file, d)}`);
    throw new ExitError(`The definition "${file}" is invalid; fix these:\n${lines.join('\n')}`, 2);
  }
  const { lambdaArn } = options;
  if (lambdaArn === undefined) return result.definition;
  if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(lambdaArn)) {
    throw new ExitError(
      `--lambda-arn "${lambdaArn}" is not a Lambda function ARN; write it as arn:aws:lambda:<region>:<account>:function:<name>.`,
      2,
    );
  }
  // The standard TaskFn Resource is the only thing --lambda-arn replaces; concrete Resources stay as written.
  return JSON.parse(
    JSON.stringify(result.definition).replaceAll(JSON.stringify(TASKFN_RESOURCE_TEMPLATE), JSON.stringify(lambdaArn)),
  ) as Definition;
}
