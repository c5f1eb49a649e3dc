import type { HistoryEvent } from '@step/interpreter';

/**
 * One visit of a state, rebuilt from an execution history: what it received, how many attempts it made, how it
 * ended and where it went next.
 *
 * @example
 * ```ts
 * const charge = getVisits(result.history()).find((v) => v.name === 'Charge');
 * charge?.attempts; // 3 after two retries
 * ```
 */
export interface StateVisit {
  /** The state's name. */
  name: string;
  /** The state's `Type`, read from its entered event (`TaskStateEntered` is `Task`). */
  type: string;
  /** Id of its `<Type>StateEntered` event. */
  enteredEventId: number;
  /** The state input (parsed from the history's JSON text). */
  input: unknown;
  /** The state output, when the state exited. */
  output?: unknown;
  /** Whether the state exited (a Fail state, or a failure nobody caught, has no exit). */
  exited: boolean;
  /** Task attempts (`TaskScheduled`...), or Parallel/Map runs: 1 + the retries; 0 for other states. */
  attempts: number;
  /** The error of each failed attempt, in order (the last one was caught, or ended the execution, when the visit failed). */
  errors: string[];
  /** Whether the visit ended in a failure (its last attempt failed); with `exited`, the failure was caught. */
  failed: boolean;
  /** The effective Parameters of each task attempt (parsed), in order. */
  taskInputs: unknown[];
  /** The visit of the Parallel or Map state whose branch or iteration holds this one. */
  parent?: StateVisit;
  /** The next state entered in the same thread, when there is one. */
  next?: StateVisit;
  /** The visit entered just before this one in the same thread (undefined for the first state of a scope). */
  previous?: StateVisit;
}

const SCHEDULED = new Set(['TaskScheduled', 'ActivityScheduled', 'LambdaFunctionScheduled']);
const RUN_STARTED = new Set(['ParallelStateStarted', 'MapStateStarted']);
const FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'ActivityFailed',
  'ActivityTimedOut',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'ParallelStateFailed',
  'MapStateFailed',
  'EvaluationFailed',
]);
/** Events of a Parallel or Map visit that follow the events of one of its branches or iterations. */
const CLOSERS: Record<string, string> = {
  ParallelStateSucceeded: 'Parallel',
  ParallelStateFailed: 'Parallel',
  ParallelStateAborted: 'Parallel',
  MapIterationSucceeded: 'Map',
  MapIterationFailed: 'Map',
  MapIterationAborted: 'Map',
  MapStateSucceeded: 'Map',
  MapStateFailed: 'Map',
  MapStateAborted: 'Map',
  MapRunSucceeded: 'Map',
  MapRunFailed: 'Map',
};

/** Events of the Parallel or Map visit itself that a closer can follow directly. */
const SAME_VISIT_BEFORE_CLOSER = new Set([
  'ParallelStateStarted',
  'MapStateStarted',
  'MapRunStarted',
  'MapIterationStarted',
  'MapIterationSucceeded',
  'MapIterationFailed',
  'MapIterationAborted',
]);

function nameOf(details: Record<string, unknown> | undefined): string {
  return typeof details?.name === 'string' ? details.name : '';
}

function isEntered(type: string): boolean {
  return type.endsWith('StateEntered');
}

function isExited(type: string): boolean {
  return type.endsWith('StateExited');
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key of Object.keys(event)) {
    if (key.endsWith('EventDetails')) return event[key] as Record<string, unknown>;
  }
  return undefined;
}

/**
 * Rebuilds the state visits of an execution from its history, in the order the states were entered, nested
 * ones included: each visit with its input, output, attempts, errors, task inputs, parent and next visit.
 *
 * @remarks
 * Pure: reads only the events (AWS `GetExecutionHistory` shape, as `result.history()` and the AWS SDK return
 * them), so it works on histories recorded on AWS too. Threads are followed through `previousEventId`: the
 * events of a Parallel branch or Map iteration chain back to the `ParallelStateStarted` or
 * `MapIterationStarted` that opened them. A distributed Map's iterations are child executions, absent from
 * the parent history, so they have no visits here.
 *
 * @example
 * ```ts
 * const visits = getVisits(result.history());
 * visits.map((v) => v.name); // the same as result.path
 * ```
 */
export function getVisits(history: readonly HistoryEvent[]): StateVisit[] {
  const byId = new Map<number, HistoryEvent>();
  for (const e of history) byId.set(e.id, e);
  /** The visit each event belongs to (undefined: the execution itself). */
  const owner = new Map<number, StateVisit | undefined>();
  /** The visit whose exit an exited event records. */
  const exitOf = new Map<number, StateVisit>();
  const visits: StateVisit[] = [];
  const sorted = [...history].sort((a, b) => a.id - b.id);
  for (const e of sorted) {
    const prev = byId.get(e.previousEventId);
    const prevOwner = prev === undefined ? undefined : owner.get(prev.id);
    const details = detailsOf(e);
    if (isEntered(e.type)) {
      const previous = prev !== undefined && isExited(prev.type) ? exitOf.get(prev.id) : undefined;
      // A state after an exit shares its sibling's parent; the first state of a scope belongs to the visit that
      // opened the scope (ParallelStateStarted, MapIterationStarted).
      const parent = previous !== undefined ? previous.parent : prevOwner;
      const visit: StateVisit = {
        name: nameOf(details),
        type: e.type.slice(0, -'StateEntered'.length),
        enteredEventId: e.id,
        input: parse(details?.input),
        exited: false,
        attempts: 0,
        errors: [],
        failed: false,
        taskInputs: [],
      };
      if (parent !== undefined) visit.parent = parent;
      if (previous !== undefined) {
        visit.previous = previous;
        previous.next = visit;
      }
      visits.push(visit);
      owner.set(e.id, visit);
      continue;
    }
    if (isExited(e.type)) {
      // The exit belongs to the nearest visit of that name up the thread (a Parallel's exit follows its closer).
      const name = nameOf(details);
      let v = prevOwner;
      while (v !== undefined && v.name !== name) v = v.parent;
      owner.set(e.id, v ?? prevOwner);
      if (v !== undefined) {
        v.exited = true;
        v.output = parse(details?.output);
        exitOf.set(e.id, v);
      }
      continue;
    }
    let visit: StateVisit | undefined;
    const family = CLOSERS[e.type];
    if (prev !== undefined && isExited(prev.type)) {
      // After an exit, the thread returns to the exited visit's parent (or to the execution).
      visit = exitOf.get(prev.id)?.parent;
    } else if (family !== undefined && prev !== undefined && !SAME_VISIT_BEFORE_CLOSER.has(prev.type)) {
      // A closer right after an event inside a branch or iteration (a failure nobody caught there): climb to
      // the Parallel or Map that owns it.
      visit = prevOwner?.parent;
      while (visit !== undefined && visit.type !== family) visit = visit.parent;
    } else {
      visit = prevOwner;
    }
    owner.set(e.id, visit);
    if (visit === undefined) continue;
    if (SCHEDULED.has(e.type)) {
      visit.attempts++;
      visit.failed = false;
      visit.taskInputs.push(parse(details?.parameters ?? details?.input));
    } else if (RUN_STARTED.has(e.type)) {
      visit.attempts++;
      visit.failed = false;
    } else if (FAILURES.has(e.type)) {
      visit.failed = true;
      visit.errors.push(typeof details?.error === 'string' ? details.error : '');
    }
  }
  return visits;
}
