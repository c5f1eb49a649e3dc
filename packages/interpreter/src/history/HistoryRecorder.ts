import type { HistoryEvent } from '../types.js';

/**
 * AWS's cap on the events of one Standard execution's history: an execution that reaches it fails with
 * `States.Runtime` (see {@link historyLimitCause}), and the failure is the last event.
 *
 * @example
 * ```ts
 * const result = await runExecution(definition, { maxHistoryEvents: MAX_HISTORY_EVENTS * 10 }); // a local stress run
 * ```
 */
export const MAX_HISTORY_EVENTS = 25_000;

/**
 * AWS's cause text when an execution reaches its history limit ("The execution reached the maximum number of
 * history events (25000).", as AWS reports it in the `ExecutionFailed` event).
 */
export function historyLimitCause(limit: number): string {
  return `The execution reached the maximum number of history events (${limit}).`;
}

/** Detail fields that hold raw JSON values and are serialised to strings only when the history is read. */
const JSON_FIELDS = new Set(['input', 'output', 'parameters']);

const GENERIC = 0;
const ENTERED = 1;
const EXITED = 2;

/** One recorded event; state entered/exited events keep their fields inline (no details object). */
class RawEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly kind: number;
  readonly details: Record<string, unknown> | undefined;
  readonly stateName: string;
  readonly value: unknown;
  readonly assigned: unknown;

  constructor(
    id: number,
    previousEventId: number,
    timestamp: number,
    type: string,
    kind: number,
    details: Record<string, unknown> | undefined,
    stateName: string,
    value: unknown,
    assigned: unknown,
  ) {
    this.id = id;
    this.previousEventId = previousEventId;
    this.timestamp = timestamp;
    this.type = type;
    this.kind = kind;
    this.details = details;
    this.stateName = stateName;
    this.value = value;
    this.assigned = assigned;
  }
}

const KEYS = new Map<string, string>();

function detailsKey(type: string): string {
  let key = KEYS.get(type);
  if (key === undefined) {
    if (type.endsWith('StateEntered')) key = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) key = 'stateExitedEventDetails';
    else key = type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
    KEYS.set(type, key);
  }
  return key;
}

function serialiseDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(details)) {
    const v = details[k];
    if (v === undefined) continue;
    if (JSON_FIELDS.has(k)) {
      out[k] = JSON.stringify(v) ?? 'null';
      // AWS's TaskScheduledEventDetails has no parametersDetails; input and output carry {truncated}.
      if (k !== 'parameters') out[`${k}Details`] = { truncated: false };
    } else if (k === 'assignedVariables') {
      const vars = v as Record<string, unknown>;
      const enc: Record<string, string> = {};
      for (const name of Object.keys(vars)) enc[name] = JSON.stringify(vars[name]) ?? 'null';
      out[k] = enc;
      out.assignedVariablesDetails = { truncated: false };
    } else {
      out[k] = v;
    }
  }
  return out;
}

/**
 * Records execution history cheaply: events keep references to raw values and are turned into AWS's
 * `GetExecutionHistory` shape (JSON strings, `*Details` keys) only when {@link HistoryRecorder.events} is called.
 *
 * @remarks
 * With a `limit` of N, the first N - 1 events are kept; the attempt to add event N calls `onLimit` once and
 * drops that event and every later one, except the final event added with {@link HistoryRecorder.addFinal},
 * which gets id N (as AWS makes event 25,000 the `ExecutionFailed` event).
 * @internal
 */
export class HistoryRecorder {
  private readonly raw: RawEvent[] = [];
  private readonly now: () => number;
  private readonly listeners: ((e: HistoryEvent) => void)[] = [];
  private readonly limit: number;
  private readonly onLimit: (() => void) | undefined;
  /** Id of the last event kept. */
  lastId = 0;
  /** Whether an event was refused because the history reached its limit. */
  full = false;

  constructor(now: () => number, limit: number = MAX_HISTORY_EVENTS, onLimit?: () => void) {
    this.now = now;
    this.limit = limit;
    this.onLimit = onLimit;
  }

  /** The id of the next event, or 0 when the history is full (the event is dropped). */
  private nextId(): number {
    if (this.full) return 0;
    if (this.lastId + 1 >= this.limit) {
      this.full = true;
      this.onLimit?.();
      return 0;
    }
    return ++this.lastId;
  }

  /** Adds an event and returns its id (the last kept id when the history is full). */
  add(type: string, previousEventId: number, details?: Record<string, unknown>, timestamp?: number): number {
    const id = this.nextId();
    if (id === 0) return this.lastId;
    this.push(
      new RawEvent(id, previousEventId, timestamp ?? this.now(), type, GENERIC, details, '', undefined, undefined),
    );
    return id;
  }

  /** Adds the execution's final event; it is kept even when the history is full (it then takes the last id). */
  addFinal(type: string, previousEventId: number, details: Record<string, unknown>): number {
    const id = ++this.lastId;
    this.push(new RawEvent(id, previousEventId, this.now(), type, GENERIC, details, '', undefined, undefined));
    return id;
  }

  /** Adds a `<Type>StateEntered` event (no details object is allocated). */
  addEntered(type: string, previousEventId: number, timestamp: number, name: string, input: unknown): number {
    const id = this.nextId();
    if (id === 0) return this.lastId;
    this.push(new RawEvent(id, previousEventId, timestamp, type, ENTERED, undefined, name, input, undefined));
    return id;
  }

  /** Adds a `<Type>StateExited` event (no details object is allocated). */
  addExited(
    type: string,
    previousEventId: number,
    timestamp: number | undefined,
    name: string,
    output: unknown,
    assigned: unknown,
  ): number {
    const id = this.nextId();
    if (id === 0) return this.lastId;
    this.push(
      new RawEvent(id, previousEventId, timestamp ?? this.now(), type, EXITED, undefined, name, output, assigned),
    );
    return id;
  }

  private push(e: RawEvent): void {
    this.raw.push(e);
    if (this.listeners.length > 0) {
      const shaped = toEvent(e);
      for (const l of this.listeners) l(shaped);
    }
  }

  /** Subscribes to new events; returns the unsubscribe function. */
  subscribe(listener: (e: HistoryEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The history in AWS's shape. */
  events(): HistoryEvent[] {
    return this.raw.map(toEvent);
  }
}

function toEvent(e: RawEvent): HistoryEvent {
  // The recorder is given the type names and details of HistoryEvent's members (the engine is their one source).
  const out: Record<string, unknown> = {
    timestamp: new Date(e.timestamp),
    type: e.type,
    id: e.id,
    previousEventId: e.previousEventId,
  };
  if (e.kind === ENTERED) out.stateEnteredEventDetails = serialiseDetails({ name: e.stateName, input: e.value });
  else if (e.kind === EXITED) {
    out.stateExitedEventDetails = serialiseDetails({
      name: e.stateName,
      output: e.value,
      assignedVariables: e.assigned,
    });
  } else if (e.details !== undefined) out[detailsKey(e.type)] = serialiseDetails(e.details);
  return out as unknown as HistoryEvent;
}
