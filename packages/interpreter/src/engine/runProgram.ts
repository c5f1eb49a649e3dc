import type { JsonValue } from '@step/asl';
import type { ExecutionCore } from './ExecutionCore.js';
import { errorMatches, errorOutput, toFailure } from './failures.js';
import type { Failure } from './failures.js';
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

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs one attempt of a state, turning a thrown failure into data.
 */
function attempt(state: CompiledState, visit: Visit, raw: JsonValue): Outcome | Failure | Promise<Outcome | Failure> {
  try {
    const r = state.exec(visit, raw);
    if (isPromise(r)) {
      return r.then(
        (o) => o,
        (e: unknown) => toFailure(e, visit),
      );
    }
    return r;
  } catch (e) {
    return toFailure(e, visit);
  }
}

function isOutcome(r: Outcome | Failure): r is Outcome {
  return 'output' in r;
}

/**
 * Runs a program (the top level, a branch or an iteration) from its StartAt until it ends, fails or is aborted.
 *
 * @remarks
 * Synchronous states (JSONPath Pass, Choice, Succeed, Fail) run in a plain loop without awaiting; only tasks,
 * waits, Parallel, Map and JSONata states await.
 * @internal
 */
export async function runProgram(
  core: ExecutionCore,
  program: Program,
  input: JsonValue,
  frame: Frame,
): Promise<BranchResult> {
  let state: CompiledState = program.start;
  let raw = input;
  for (;;) {
    if (frame.signal.aborted) return { ok: false, error: undefined, cause: undefined, aborted: true };
    const visit = new Visit(core, frame, state);
    visit.enteredEventId = visit.event(state.enteredEvent, { name: state.name, input: raw });
    core.path.push(state.name);
    if (state.needsToken) visit.taskToken = core.uuid();

    let r = attempt(state, visit, raw);
    if (isPromise(r)) r = await r;
    let outcome: Outcome | undefined;
    let failure: Failure | undefined;
    if (isOutcome(r)) {
      outcome = r;
    } else {
      // Retry loop (only states with retriers get here more than once).
      let counters: number[] | undefined;
      for (;;) {
        if (frame.signal.aborted) {
          if (ABORTABLE.has(state.type)) visit.event(`${state.type}StateAborted`);
          return { ok: false, error: undefined, cause: undefined, aborted: true };
        }
        const f: Failure = r;
        const ri = state.retriers.findIndex((x) => errorMatches(x.errorEquals, f.error));
        const retrier = ri >= 0 ? state.retriers[ri] : undefined;
        counters ??= state.retriers.map(() => 0);
        if (retrier === undefined || counters[ri]! >= retrier.maxAttempts) {
          failure = f;
          break;
        }
        const delay = retryDelayMs(retrier, counters[ri]!, core.random);
        counters[ri]!++;
        if (delay > 0) {
          try {
            await core.clock.sleep(delay, frame.signal);
          } catch {
            continue; // aborted: reported at the top of the loop
          }
        }
        visit.retryCount++;
        visit.resetContext();
        r = attempt(state, visit, raw);
        if (isPromise(r)) r = await r;
        if (isOutcome(r)) {
          outcome = r;
          break;
        }
      }
    }

    if (outcome === undefined) {
      const f = failure!;
      if (frame.signal.aborted) {
        if (ABORTABLE.has(state.type)) visit.event(`${state.type}StateAborted`);
        return { ok: false, error: undefined, cause: undefined, aborted: true };
      }
      const catcher = state.catchers.find((c) => errorMatches(c.errorEquals, f.error));
      if (catcher === undefined) return { ok: false, error: f.error, cause: f.cause };
      let c: Outcome | Failure;
      try {
        const h = catcher.handle(visit, raw, errorOutput(f));
        c = isPromise(h) ? await h : h;
      } catch (e) {
        c = toFailure(e, visit);
      }
      if (!isOutcome(c)) return { ok: false, error: c.error, cause: c.cause };
      outcome = c;
      outcome.next = catcher.next;
    }

    if (state.type !== 'Fail') {
      visit.event(state.exitedEvent, {
        name: state.name,
        output: outcome.output,
        assignedVariables: outcome.assigned,
      });
    }
    if (outcome.assigned !== undefined) {
      const vars = frame.vars;
      const a = outcome.assigned;
      for (const k in a) vars[k] = a[k]!;
    }
    if (outcome.next === undefined) return { ok: true, output: outcome.output };
    state = outcome.next;
    raw = outcome.output;
  }
}
