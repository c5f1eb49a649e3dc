import type { Diagnostic } from '../diagnostic.js';
import { closestName } from '../validate/closestName.js';
import type { TemplateStateMachine } from './listStateMachines.js';
import { describeStateMachine } from './listStateMachines.js';

/**
 * The result of {@link selectStateMachine}.
 *
 * @example
 * ```ts
 * const picked: SelectStateMachineResult = selectStateMachine(machines, 'OrderFlow', 'template.yaml');
 * ```
 */
export type SelectStateMachineResult =
  { ok: true; machine: TemplateStateMachine } | { ok: false; diagnostics: Diagnostic[] };

/** Every name `machine` answers to: logical id, `Stack/LogicalId`, its name, its CDK path with and without `/Resource`, its construct id. */
function namesOf(machine: TemplateStateMachine): string[] {
  const names = [machine.logicalId];
  if (machine.stackName !== undefined) names.push(`${machine.stackName}/${machine.logicalId}`);
  if (machine.name !== undefined) names.push(machine.name);
  if (machine.cdkPath !== undefined) {
    const construct = machine.cdkPath.replace(/\/Resource$/, '');
    names.push(machine.cdkPath, construct);
    const id = construct.split('/').at(-1);
    if (id !== undefined) names.push(id);
  }
  return names;
}

/**
 * Choose one state machine by name: its logical id, `Stack/LogicalId`, its `StateMachineName`/`Name`, its CDK construct path or
 * construct id (`OrderFlow` for `OrdersStack/OrderFlow/Resource`). Without a name, the only one.
 *
 * @remarks
 * Pure. When none matches, or several do, or no name is given and there are several, the diagnostic
 * (`STATE_MACHINE_NOT_FOUND`, `STATE_MACHINE_AMBIGUOUS`) lists them all and says how to choose (`--machine`).
 *
 * @example
 * ```ts
 * import { listStateMachines, selectStateMachine } from '@step/asl/template';
 *
 * const result = selectStateMachine(listStateMachines(template), 'OrderFlow', 'template.yaml');
 * if (result.ok) console.log(result.machine.logicalId);
 * ```
 */
export function selectStateMachine(
  machines: readonly TemplateStateMachine[],
  query: string | undefined,
  where: string,
): SelectStateMachineResult {
  const list = machines.map(describeStateMachine).join(', ');
  const fail = (code: string, message: string, params: Record<string, unknown>): SelectStateMachineResult => ({
    ok: false,
    diagnostics: [{ code, severity: 'error', path: '/Resources', message, params }],
  });
  if (machines.length === 0) {
    return fail(
      'STATE_MACHINE_NOT_FOUND',
      `${where} has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource; name a template (or cdk.out) that defines one, or the .asl.json file itself`,
      { machines: [] },
    );
  }
  const all = machines.map((m) => m.logicalId);
  if (query === undefined) {
    if (machines.length === 1) return { ok: true, machine: machines[0] as TemplateStateMachine };
    return fail(
      'STATE_MACHINE_AMBIGUOUS',
      `${where} has ${machines.length} state machines: ${list}; choose one with --machine <logical id or name>`,
      { machines: all },
    );
  }
  const exact = machines.filter(
    (m) => m.logicalId === query || (m.stackName !== undefined && `${m.stackName}/${m.logicalId}` === query),
  );
  const matches = exact.length > 0 ? exact : machines.filter((m) => namesOf(m).includes(query));
  if (matches.length === 1) return { ok: true, machine: matches[0] as TemplateStateMachine };
  if (matches.length > 1) {
    return fail(
      'STATE_MACHINE_AMBIGUOUS',
      `--machine "${query}" matches ${matches.length} state machines of ${where}: ${matches.map(describeStateMachine).join(', ')}; give the logical id (Stack/LogicalId for a CDK app)`,
      { machines: matches.map((m) => m.logicalId) },
    );
  }
  const suggestion = closestName(query, machines.flatMap(namesOf));
  return fail('STATE_MACHINE_NOT_FOUND', `${where} has no state machine "${query}"; it has ${list}`, {
    machines: all,
    ...(suggestion === undefined ? {} : { suggestion }),
  });
}
