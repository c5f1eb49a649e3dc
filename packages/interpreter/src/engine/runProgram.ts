import type { JsonValue } from '@step/asl';
import type { ExecutionCore } from './ExecutionCore.js';
import { errorMatches, errorOutput, toFailure } from './failures.js';
import { exceedsPayloadLimit } from './invokeTask.js';
import type { Failure } from './failures.js';
import { isPromise } from './model.js';
import type { BranchResult, CompiledRetrier, CompiledState, Outcome, Program } from './model.js';
import { Visit } from './Visit.js';
import type { Frame } from './Visit.js';

const ABORTABLE = new Set(['Task', 'Wait', 'Parallel', 'Map']);

function retryDelayMs(r: CompiledRetrier, attempt: number, random: () => number): number {
  let seconds = r.intervalSeconds * Math.pow(r.backoffRate, attempt);
  if (r.maxDelaySeconds !== undefined && seconds > r.maxDelaySeconds) seconds = r.maxDelaySeconds;
  if (r.jitter) seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

/**
 * Runs one attempt of a state, turning a thrown failure into data.
 */
function attempt(state: CompiledState, visit: Visit, raw: JsonValue): Outcome | Failure | Promise<Outcome | Failure> {
  try {
    const r = state.exec(visit, raw);
    if (isPromise(r)) {
      return r.then(
        (o) => (state.checkOutputSize === true ? sized(state, visit, o) : o),
        (e: unknown) => toFailure(e, visit),
      );
    }
    return state.checkOutputSize === true ? sized(state, visit, r) : r;
  } catch (e) {
    return toFailure(e, visit);
  }
}

/** The outcome, or `States.DataLimitExceeded` when its output is over the payload quota (as AWS checks state outputs). */
function sized(state: CompiledState, visit: Visit, o: Outcome): Outcome | Failure {
  if (!exceedsPayloadLimit(o.output, visit.core.payloadLimit)) return o;
  return {
    error: 'States.DataLimitExceeded',
    cause: `The state/task '${state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    terminal: true,
  };
}

function isOutcome(r: Outcome | Failure): r is Outcome {
  return 'output' in r;
}

/** Where a program goes after one state: an Outcome with `next` set, or the end of the branch. */
type Step = Outcome | BranchResult;

const ABORTED: BranchResult = { ok: false, error: undefined, cause: undefined, aborted: true };

/**
 * Runs a program (the top level, a branch or an iteration) from its StartAt until it ends, fails or is aborted.
 *
 * @remarks
 * Synchronous states (JSONPath Pass, Choice, Succeed, Fail) run in a plain loop and, when a whole branch is
 * synchronous, the result is returned without any promise; only tasks, waits, Parallel, Map and JSONata states await.
 * @internal
 */
export function runProgram(
  core: ExecutionCore,
  program: Program,
  input: JsonValue,
  frame: Frame,
): BranchResult | Promise<BranchResult> {
  return loop(core, frame, program.start, input);
}

function loop(
  core: ExecutionCore,
  frame: Frame,
  first: CompiledState,
  input: JsonValue,
): BranchResult | Promise<BranchResult> {
  let state = first;
  let raw = input;
  for (;;) {
    const r = runState(core, frame, state, raw);
    if (isPromise(r)) return r.then((s) => ('ok' in s ? s : loop(core, frame, s.next!, s.output)));
    if ('ok' in r) return r;
    state = r.next!;
    raw = r.output;
  }
}

function runState(core: ExecutionCore, frame: Frame, state: CompiledState, raw: JsonValue): Step | Promise<Step> {
  if (frame.signal.aborted) return ABORTED;
  const visit = new Visit(core, frame, state);
  visit.enteredEventId = visit.entered(raw);
  core.path.push(state.name);
  if (state.needsToken) visit.taskToken = core.uuid();
  const r = attempt(state, visit, raw);
  if (isPromise(r)) {
    visit.waited = true;
    return r.then((x) => (isOutcome(x) ? leave(visit, x) : recover(visit, raw, x)));
  }
  return isOutcome(r) ? leave(visit, r) : recover(visit, raw, r);
}

/** Records the exit, applies the assignments and says where to go. */
function leave(visit: Visit, outcome: Outcome): Step {
  if (visit.state.type !== 'Fail') visit.exited(outcome.output, outcome.assigned);
  if (outcome.assigned !== undefined) {
    const vars = visit.frame.vars;
    const a = outcome.assigned;
    for (const k in a) vars[k] = a[k]!;
  }
  if (outcome.next === undefined) return { ok: true, output: outcome.output };
  return outcome;
}

function aborted(visit: Visit): BranchResult {
  if (ABORTABLE.has(visit.state.type)) visit.event(`${visit.state.type}StateAborted`);
  return ABORTED;
}

/** Retry (first matching retrier, per-visit counters, back-off on the clock), then Catch, else fail the branch. */
async function recover(visit: Visit, raw: JsonValue, first: Failure): Promise<Step> {
  const { core, frame, state } = visit;
  visit.waited = true;
  let f = first;
  const counters = state.retriers.map(() => 0);
  for (;;) {
    if (frame.signal.aborted) return aborted(visit);
    const ri = state.retriers.findIndex((x) => errorMatches(x.errorEquals, f));
    const retrier = ri >= 0 ? state.retriers[ri] : undefined;
    if (retrier === undefined || counters[ri]! >= retrier.maxAttempts) break;
    const delay = retryDelayMs(retrier, counters[ri]!, core.random);
    counters[ri]!++;
    if (delay > 0) {
      try {
        await core.clock.sleep(delay, frame.signal);
      } catch {
        return aborted(visit);
      }
    }
    visit.retryCount++;
    visit.resetContext();
    let r = attempt(state, visit, raw);
    if (isPromise(r)) r = await r;
    if (isOutcome(r)) return leave(visit, r);
    f = r;
  }
  if (frame.signal.aborted) return aborted(visit);
  const catcher = state.catchers.find((c) => errorMatches(c.errorEquals, f));
  if (catcher === undefined) return { ok: false, error: f.error, cause: f.cause };
  let c: Outcome | Failure;
  try {
    const h = catcher.handle(visit, raw, errorOutput(f));
    c = isPromise(h) ? await h : h;
  } catch (e) {
    c = toFailure(e, visit);
  }
  if (!isOutcome(c)) return { ok: false, error: c.error, cause: c.cause };
  c.next = catcher.next;
  return leave(visit, c);
}
