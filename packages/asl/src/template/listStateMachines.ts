import { encodePointerToken } from '../pointer.js';

/**
 * The two resource types that hold a state machine definition.
 *
 * @example
 * ```ts
 * import { STATE_MACHINE_TYPES } from '@step/asl/template';
 *
 * const holdsMachine = (type: string) => (STATE_MACHINE_TYPES as readonly string[]).includes(type);
 * ```
 */
export const STATE_MACHINE_TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'] as const;

/**
 * A state machine resource of a template.
 *
 * @example
 * ```ts
 * const m: TemplateStateMachine = { logicalId: 'OrderFlow', type: 'AWS::Serverless::StateMachine', pointer: '/Resources/OrderFlow' };
 * ```
 */
export interface TemplateStateMachine {
  logicalId: string;
  type: (typeof STATE_MACHINE_TYPES)[number];
  /** Its literal `StateMachineName` (CloudFormation) or `Name` (SAM). */
  name?: string;
  /** Its CDK construct path (`Metadata["aws:cdk:path"]`, e.g. `OrdersStack/OrderFlow/Resource`). */
  cdkPath?: string;
  /** The stack it belongs to (CDK cloud assemblies). */
  stackName?: string;
  /** The template file that holds it, as named to the loader. */
  file?: string;
  /** JSON pointer to the resource in its template (`/Resources/<logical id>`). */
  pointer: string;
}

/**
 * Every `AWS::StepFunctions::StateMachine` and `AWS::Serverless::StateMachine` resource of a template, in template order.
 *
 * @remarks
 * Pure. A template without a `Resources` object has none.
 *
 * @example
 * ```ts
 * import { listStateMachines } from '@step/asl/template';
 *
 * listStateMachines({ Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine' } } });
 * // [{ logicalId: 'Flow', type: 'AWS::StepFunctions::StateMachine', pointer: '/Resources/Flow' }]
 * ```
 */
export function listStateMachines(
  template: unknown,
  where: Pick<TemplateStateMachine, 'stackName' | 'file'> = {},
): TemplateStateMachine[] {
  const resources = (template as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return [];
  const out: TemplateStateMachine[] = [];
  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    const r = resource as {
      Type?: unknown;
      Properties?: Record<string, unknown>;
      Metadata?: Record<string, unknown>;
    } | null;
    const type = STATE_MACHINE_TYPES.find((t) => t === r?.Type);
    if (type === undefined) continue;
    const machine: TemplateStateMachine = {
      logicalId,
      type,
      pointer: `/Resources/${encodePointerToken(logicalId)}`,
      ...where,
    };
    const name = r?.Properties?.[type === 'AWS::Serverless::StateMachine' ? 'Name' : 'StateMachineName'];
    if (typeof name === 'string') machine.name = name;
    const cdkPath = r?.Metadata?.['aws:cdk:path'];
    if (typeof cdkPath === 'string') machine.cdkPath = cdkPath;
    out.push(machine);
  }
  return out;
}

/**
 * A state machine as people name it in messages: `"OrderFlow" (name "orders", CDK path "Stack/OrderFlow/Resource")`.
 *
 * @example
 * ```ts
 * describeStateMachine({ logicalId: 'Flow', type: 'AWS::StepFunctions::StateMachine', pointer: '/Resources/Flow' }); // '"Flow"'
 * ```
 */
export function describeStateMachine(machine: TemplateStateMachine): string {
  const id = machine.stackName === undefined ? machine.logicalId : `${machine.stackName}/${machine.logicalId}`;
  const extras = [
    machine.name === undefined ? undefined : `name "${machine.name}"`,
    machine.cdkPath === undefined ? undefined : `CDK path "${machine.cdkPath}"`,
  ].filter((e) => e !== undefined);
  return `"${id}"${extras.length ? ` (${extras.join(', ')})` : ''}`;
}
