import type { LocalStore } from '../LocalStore.js';

/**
 * One history event in `GetExecutionHistory`'s wire shape (timestamp in epoch seconds).
 * @internal
 */
export interface WireEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  [detail: string]: unknown;
}

/**
 * What an execution's events file holds: the events that parsed, and what was dropped.
 * @internal
 */
export interface ExecutionLogContents {
  events: WireEvent[];
  /** Bytes up to and including the last newline: what a torn tail is cut back to. */
  completeBytes: number;
  /** Whether the file ended in a partial line (a crash during an append); it is ignored. */
  tornTail: boolean;
  /** Complete lines that are not an event (never written by the server; reported, skipped). */
  badLines: number;
}

/** The event types that end an execution, and the status each one means. */
const FINAL_EVENTS: Record<string, 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT'> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionAborted: 'ABORTED',
  ExecutionTimedOut: 'TIMED_OUT',
};

/**
 * The status an event ends an execution with, or `undefined` for an event that does not end it.
 * @internal
 */
export function finalStatus(type: string): 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT' | undefined {
  return FINAL_EVENTS[type];
}

function isWireEvent(value: unknown): value is WireEvent {
  const e = value as Partial<WireEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'number' &&
    typeof e.previousEventId === 'number' &&
    typeof e.type === 'string' &&
    typeof e.timestamp === 'number'
  );
}

/**
 * Parses an events file (JSON lines). Pure.
 *
 * @remarks
 * A last line without its newline is a torn append (the server was killed while writing it): it is ignored,
 * never allowed to hide the events before it. A complete line that is not an event is counted and skipped.
 * @internal
 */
export function parseExecutionLog(text: string): ExecutionLogContents {
  const end = text.lastIndexOf('\n') + 1;
  const events: WireEvent[] = [];
  let badLines = 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      badLines++;
      continue;
    }
    if (isWireEvent(value)) events.push(value);
    else badLines++;
  }
  return { events, completeBytes: Buffer.byteLength(text.slice(0, end)), tornTail: end < text.length, badLines };
}

/**
 * The append-only history of one execution in the data directory: one JSON line per event, written as the event
 * happens, so that an execution interrupted by a crash comes back with the events it had.
 *
 * @remarks
 * Each event is written to the OS at once (it survives `kill -9` of the server); the file is flushed to disk
 * (fsync) at each state transition and at the execution's start and end, which bounds what a power loss can take
 * to the events of one state. Write failures are thrown; the caller decides what the execution does without its file.
 * @internal
 */
export class ExecutionLog {
  readonly #store: LocalStore;
  /** The file, relative to the data directory. */
  readonly rel: string;

  constructor(store: LocalStore, rel: string) {
    this.#store = store;
    this.rel = rel;
  }

  /** Appends events; flushes to disk when one of them is a state transition, the start or the end. */
  append(...events: WireEvent[]): void {
    if (events.length === 0) return;
    const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    this.#store.append(this.rel, text, events.some(isFlushPoint));
  }

  /** Reads the events (empty when the file is missing). */
  read(): ExecutionLogContents {
    const buf = this.#store.readBlob(this.rel);
    return parseExecutionLog(buf === undefined ? '' : buf.toString('utf8'));
  }

  /** Reads the events and cuts a torn tail off the file, so that later appends start on a line of their own. */
  repair(): ExecutionLogContents {
    const contents = this.read();
    if (contents.tornTail) this.#store.truncate(this.rel, contents.completeBytes);
    return contents;
  }
}

function isFlushPoint(e: WireEvent): boolean {
  return e.type.endsWith('StateExited') || e.type === 'ExecutionStarted' || finalStatus(e.type) !== undefined;
}
