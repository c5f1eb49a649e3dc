import { ListTagsCommand } from '@aws-sdk/client-lambda';
import { DescribeStateMachineCommand, ListTagsForResourceCommand } from '@aws-sdk/client-sfn';
import { validate } from '@step/asl';
import { BadReleaseError } from '../errors.js';
import { lambdaArn, rolePath, stateMachineArn } from '../release.js';
import type { LocatedRelease } from '../release.js';
import { describeError } from '../s3Util.js';
import type { DeployerContext } from './DeployerContext.js';
import { toLocatedRelease } from './lockRelease.js';

/**
 * The tag that marks a resource as deployable by the step-deployer.
 *
 * @example
 * ```ts
 * import { DEPLOY_WITH } from '@step/deployer';
 *
 * const tags = { DeployWith: DEPLOY_WITH };
 * ```
 */
export const DEPLOY_WITH = 'step-deployer';

/** @internal Problems with a resource's ProjectName/ConfigName/DeployWith tags. */
export function checkTags(kind: string, tags: Record<string, string | undefined>, release: LocatedRelease): string[] {
  const expected: [string, string][] = [
    ['ProjectName', release.project_name],
    ['ConfigName', release.config_name],
    ['DeployWith', DEPLOY_WITH],
  ];
  const problems: string[] = [];
  for (const [tag, want] of expected) {
    const have = tags[tag];
    if (have === undefined) problems.push(`${kind} ${tag} tag is missing; tag it ${tag}=${want}`);
    else if (have !== want) problems.push(`${kind} ${tag} tag incorrect, expecting ${want} has ${have}`);
  }
  return problems;
}

/**
 * The ValidateResources step: the function and the state machine must belong to the release's project and
 * config (tags `ProjectName`, `ConfigName`, `DeployWith=step-deployer`), and the state machine's role must sit
 * under the IAM path `/step/<project>/<config>/`.
 *
 * @remarks
 * In another account, the clients assume the configured role there. Every problem found is reported in one
 * {@link BadReleaseError}.
 */
export async function validateResources(input: unknown, ctx: DeployerContext): Promise<LocatedRelease> {
  const release = toLocatedRelease(input);
  const { lambda, sfn } = await ctx.targetClients(release);
  const functionArn = lambdaArn(release);
  const machineArn = stateMachineArn(release);
  const problems: string[] = [];

  try {
    const out = await lambda.send(new ListTagsCommand({ Resource: functionArn }));
    problems.push(...checkTags('Lambda', out.Tags ?? {}, release));
  } catch (e) {
    problems.push(`Could not read the tags of Lambda ${functionArn}: ${describeError(e)}`);
  }

  try {
    const out = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn }));
    const expectedPath = `/step/${release.project_name}/${release.config_name}/`;
    const path = rolePath(out.roleArn ?? '');
    if (path !== expectedPath) {
      problems.push(
        `Incorrect Step Function Role Path, expecting ${expectedPath}, got ${path} (role ${out.roleArn ?? 'none'})`,
      );
    }
    if (out.type === 'EXPRESS' && release.state_machine_json) {
      const result = validate(release.state_machine_json, { stateMachineType: 'EXPRESS' });
      if (!result.ok) problems.push(`StateMachineJSON is not valid for the EXPRESS state machine ${machineArn}`);
    }
  } catch (e) {
    problems.push(`Could not describe state machine ${machineArn}: ${describeError(e)}`);
  }

  try {
    const out = await sfn.send(new ListTagsForResourceCommand({ resourceArn: machineArn }));
    const tags: Record<string, string> = {};
    for (const tag of out.tags ?? []) if (tag.key !== undefined) tags[tag.key] = tag.value ?? '';
    problems.push(...checkTags('State machine', tags, release));
  } catch (e) {
    problems.push(`Could not read the tags of state machine ${machineArn}: ${describeError(e)}`);
  }

  if (problems.length > 0) throw new BadReleaseError(problems);
  return release;
}
