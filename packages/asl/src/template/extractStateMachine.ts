import type { Diagnostic } from '../diagnostic.js';
import { encodePointerToken } from '../pointer.js';
import { evaluateIntrinsics } from './evaluateIntrinsics.js';
import type { StackEnvironment } from './fakeResourceValue.js';
import type { TemplateStateMachine } from './listStateMachines.js';

/**
 * The defaults of the pseudo parameters when nothing else gives them (see the asl README, "Templates").
 *
 * @example
 * ```ts
 * DEFAULT_STACK_ENVIRONMENT.accountId; // '123456789012'
 * ```
 */
export const DEFAULT_STACK_ENVIRONMENT: Readonly<StackEnvironment> = Object.freeze({
  region: 'us-east-1',
  accountId: '123456789012',
  partition: 'aws',
  stackName: 'local',
});

/**
 * Options of {@link extractStateMachine} and of the loaders built on it.
 *
 * @example
 * ```ts
 * const options: TemplateOptions = { machine: 'OrderFlow', region: 'eu-west-1', parameters: { Stage: 'test' } };
 * ```
 */
export interface TemplateOptions {
  /** Which state machine: logical id, name, CDK construct path or id (see `selectStateMachine`). Default: the only one. */
  machine?: string;
  /** `AWS::Region`; default the cloud assembly's environment, else `us-east-1`. */
  region?: string;
  /** `AWS::AccountId`; default the cloud assembly's environment, else `123456789012`. */
  accountId?: string;
  /** `AWS::Partition`; default `aws`. */
  partition?: string;
  /** `AWS::StackName`; default the CDK stack name, else `local`. */
  stackName?: string;
  /** Values of template parameters (override their `Default`). */
  parameters?: Readonly<Record<string, string>>;
}

/**
 * Where a state machine's definition came from in its template.
 *
 * @example
 * ```ts
 * const origin: DefinitionOrigin = { property: 'DefinitionString', pointer: '/Resources/Flow/Properties/DefinitionString' };
 * ```
 */
export interface DefinitionOrigin {
  property: 'Definition' | 'DefinitionString' | 'DefinitionUri';
  /** JSON pointer to the property in the template. */
  pointer: string;
  /** For `DefinitionUri`: the local file, as written in the template (relative to the template's folder). */
  uri?: string;
}

/**
 * The result of {@link extractStateMachine}: the definition as JSON text (not yet validated), or why there is none.
 *
 * @example
 * ```ts
 * const result: ExtractedStateMachine = extractStateMachine(template, machine);
 * if (result.ok) validate(result.definition);
 * ```
 */
export type ExtractedStateMachine =
  | { ok: true; definition: string; origin: DefinitionOrigin; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Options of {@link extractStateMachine}: {@link TemplateOptions} plus how to read a SAM `DefinitionUri`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import type { ExtractStateMachineOptions } from '@step/asl/template';
 *
 * const options: ExtractStateMachineOptions = { readDefinitionUri: (uri) => readFileSync(uri, 'utf8') };
 * ```
 */
export interface ExtractStateMachineOptions extends TemplateOptions {
  /** Reads the file a SAM `DefinitionUri` names (relative to the template's folder); absent: `DefinitionUri` is reported. */
  readDefinitionUri?: (uri: string) => string;
}

/**
 * The ASL definition of one state machine resource of a template, with its intrinsic functions evaluated and its
 * `DefinitionSubstitutions` applied, as JSON text ready for `validate`.
 *
 * @remarks
 * Pure apart from `readDefinitionUri`. Reads `Definition` (an object), `DefinitionString` (built with `Fn::Sub`, `Fn::Join`,
 * `Ref`, `Fn::GetAtt`...) and, for `AWS::Serverless::StateMachine`, `DefinitionUri` as a local path. Every other property
 * (`RoleArn`, SAM `Policies`, `Events`...) is ignored. `DefinitionS3Location` and an S3 `DefinitionUri` are reported as
 * `DEFINITION_S3_UNSUPPORTED` with the fix. References that cannot be resolved here stand in as stable fake values
 * (`fakeResourceValue`). Problems are diagnostics with JSON pointers into the template; never throws.
 *
 * @example
 * ```ts
 * import { extractStateMachine, listStateMachines } from '@step/asl/template';
 *
 * const [machine] = listStateMachines(template);
 * const result = extractStateMachine(template, machine, { region: 'eu-west-1' });
 * if (result.ok) console.log(JSON.parse(result.definition));
 * ```
 */
export function extractStateMachine(
  template: unknown,
  machine: TemplateStateMachine,
  options: ExtractStateMachineOptions = {},
): ExtractedStateMachine {
  const diagnostics: Diagnostic[] = [];
  const env: StackEnvironment = {
    region: options.region ?? DEFAULT_STACK_ENVIRONMENT.region,
    accountId: options.accountId ?? DEFAULT_STACK_ENVIRONMENT.accountId,
    partition: options.partition ?? DEFAULT_STACK_ENVIRONMENT.partition,
    stackName: options.stackName ?? machine.stackName ?? DEFAULT_STACK_ENVIRONMENT.stackName,
  };
  const context = {
    template,
    env,
    parameters: options.parameters ?? {},
    report: (d: Diagnostic) => diagnostics.push(d),
  };
  const resource = (template as { Resources: Record<string, { Properties?: unknown }> }).Resources[machine.logicalId];
  const properties = resource?.Properties;
  const base = `${machine.pointer}/Properties`;
  const at = (name: string): string => `${base}/${encodePointerToken(name)}`;
  const props = typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
  const sam = machine.type === 'AWS::Serverless::StateMachine';
  const failed = (): ExtractedStateMachine => ({ ok: false, diagnostics });
  const hasErrors = (): boolean => diagnostics.some((d) => d.severity === 'error');

  let text: string;
  let origin: DefinitionOrigin;
  if (props.Definition !== undefined) {
    origin = { property: 'Definition', pointer: at('Definition') };
    const definition = evaluateIntrinsics(props.Definition, origin.pointer, context);
    if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
      diagnostics.push({
        code: 'INVALID_DEFINITION_PROPERTY',
        severity: 'error',
        path: origin.pointer,
        message: 'Definition must be an object (the ASL definition itself)',
      });
      return failed();
    }
    text = JSON.stringify(definition, null, 2);
  } else if (props.DefinitionString !== undefined && !sam) {
    origin = { property: 'DefinitionString', pointer: at('DefinitionString') };
    const definition = evaluateIntrinsics(props.DefinitionString, origin.pointer, context);
    if (typeof definition !== 'string') {
      if (!hasErrors()) {
        diagnostics.push({
          code: 'INVALID_DEFINITION_PROPERTY',
          severity: 'error',
          path: origin.pointer,
          message:
            'DefinitionString must be a string (or Fn::Sub / Fn::Join building one); use Definition for an object',
        });
      }
      return failed();
    }
    text = definition;
  } else if (props.DefinitionUri !== undefined && sam) {
    origin = { property: 'DefinitionUri', pointer: at('DefinitionUri') };
    const uri = evaluateIntrinsics(props.DefinitionUri, origin.pointer, context);
    if (typeof uri !== 'string' || uri.startsWith('s3://')) {
      diagnostics.push(s3Unsupported(origin.pointer, 'DefinitionUri names an S3 object'));
      return failed();
    }
    origin.uri = uri;
    if (options.readDefinitionUri === undefined) {
      diagnostics.push({
        code: 'DEFINITION_URI_UNREADABLE',
        severity: 'error',
        path: origin.pointer,
        message: `DefinitionUri "${uri}" is a file, and nothing was given to read it with; load the template from its file instead`,
      });
      return failed();
    }
    try {
      text = options.readDefinitionUri(uri);
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : error instanceof Error
            ? error.message
            : String(error);
      diagnostics.push({
        code: 'DEFINITION_URI_UNREADABLE',
        severity: 'error',
        path: origin.pointer,
        message: `cannot read DefinitionUri "${uri}" (${reason}); the path is relative to the template's folder`,
        params: { uri },
      });
      return failed();
    }
  } else if (props.DefinitionS3Location !== undefined && !sam) {
    diagnostics.push(s3Unsupported(at('DefinitionS3Location'), 'DefinitionS3Location names an S3 object'));
    return failed();
  } else {
    const fields = sam ? 'Definition or DefinitionUri' : 'Definition or DefinitionString';
    diagnostics.push({
      code: 'DEFINITION_MISSING',
      severity: 'error',
      path: props === properties ? base : machine.pointer,
      message: `${machine.type} "${machine.logicalId}" has no ${fields}; add one`,
      params: { field: sam ? 'Definition' : 'DefinitionString' },
    });
    return failed();
  }

  const substitutions = props.DefinitionSubstitutions;
  if (substitutions !== undefined) {
    const values = evaluateIntrinsics(substitutions, at('DefinitionSubstitutions'), context);
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      diagnostics.push({
        code: 'INVALID_DEFINITION_PROPERTY',
        severity: 'error',
        path: at('DefinitionSubstitutions'),
        message: 'DefinitionSubstitutions must be an object of placeholder names to values',
      });
      return failed();
    }
    text = substitute(text, values as Record<string, unknown>, origin.pointer, diagnostics);
  }
  return hasErrors() ? failed() : { ok: true, definition: text, origin, diagnostics };
}

function s3Unsupported(pointer: string, what: string): Diagnostic {
  return {
    code: 'DEFINITION_S3_UNSUPPORTED',
    severity: 'error',
    path: pointer,
    message: `${what}, which is not read locally; point step-cli at the local .asl.json file that is uploaded there, or inline it with Definition (or a local DefinitionUri for SAM)`,
  };
}

/** Replace `${Name}` placeholders of DefinitionSubstitutions (as CloudFormation does, in the text); warn about any left unmatched. */
function substitute(text: string, values: Record<string, unknown>, pointer: string, diagnostics: Diagnostic[]): string {
  const unmatched = new Set<string>();
  const out = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) {
      unmatched.add(name);
      return whole;
    }
    const value = values[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  for (const name of unmatched) {
    diagnostics.push({
      code: 'UNMATCHED_SUBSTITUTION',
      severity: 'warning',
      path: pointer,
      message: `the definition uses "\${${name}}" but DefinitionSubstitutions has no "${name}"; it is left as written`,
      params: { name },
    });
  }
  return out;
}
