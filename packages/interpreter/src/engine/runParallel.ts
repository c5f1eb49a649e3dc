import type { JsonValue } from '@step/asl';
import { PropagatedFailure } from './failures.js';
import { checkResultSize } from './invokeTask.js';
import type { BranchResult, Program } from './model.js';
import { runProgram } from './runProgram.js';
import type { Frame, Visit } from './Visit.js';

/**
 * Creates an abort controller that follows `parent` (returns a disposer removing the link).
 * @internal
 */
export function childController(parent: AbortSignal): { controller: AbortController; dispose: () => void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, dispose: () => undefined };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, dispose: () => parent.removeEventListener('abort', onAbort) };
}

/**
 * Runs the branches of a Parallel state concurrently (`Promise.all`), each with the same input and its own
 * variable scope; the first failing branch stops its siblings and fails the state with its own error.
 * @internal
 */
export async function runParallel(visit: Visit, branches: Program[], input: JsonValue): Promise<JsonValue> {
  const core = visit.core;
  const startedId = visit.event('ParallelStateStarted');
  const { controller, dispose } = childController(visit.frame.signal);
  let firstFailure: BranchResult | undefined;
  try {
    const results = await Promise.all(
      branches.map((program) => {
        const frame: Frame = {
          vars: Object.create(visit.frame.vars) as Record<string, JsonValue>,
          signal: controller.signal,
          lastEventId: startedId,
        };
        return Promise.resolve(runProgram(core, program, input, frame)).then((r) => {
          if (!r.ok && !r.aborted && firstFailure === undefined) {
            firstFailure = r;
            controller.abort(new Error('sibling branch failed'));
          }
          return r;
        });
      }),
    );
    if (visit.frame.signal.aborted) throw new PropagatedFailure(undefined, undefined);
    if (firstFailure !== undefined && !firstFailure.ok) {
      visit.frame.lastEventId = core.history.lastId;
      visit.event('ParallelStateFailed');
      throw new PropagatedFailure(firstFailure.error, firstFailure.cause);
    }
    visit.frame.lastEventId = core.history.lastId;
    const outputs = results.map((r) => (r.ok ? r.output : null));
    checkResultSize(outputs, visit.state.name, core.payloadLimit);
    visit.event('ParallelStateSucceeded');
    return outputs;
  } finally {
    dispose();
  }
}
