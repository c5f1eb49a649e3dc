import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../types.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** One piece of tracked work (see {@link VirtualClock.track}). */
interface Work {
  /** Sleeps on this clock that the work itself is awaiting: while any is pending it waits on the clock alone. */
  sleeping: number;
  settled: boolean;
}

/**
 * A simulated clock: `sleep` costs no real time, and time never moves while the execution awaits real work.
 *
 * @remarks
 * The rule (docs/decisions/007): the clock jumps to the earliest pending sleep only when nothing else can happen,
 * that is when every piece of work the execution awaits through {@link VirtualClock.track} (task handlers,
 * invokers, the JSONata module load, ItemReader and ResultWriter) has settled or is itself sleeping on this clock,
 * and all promise callbacks have run. So a handler that reads a file, or waits 5 ms on a real timer, never sees a
 * TimeoutSeconds fire early; a handler that awaits `clock.sleep(ms)` is waiting on the clock and lets it move.
 * Work outside the execution (a test answering a task token after real I/O) is not seen: run it from the handler,
 * an `onEvent` listener or `clock.track(...)`.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
 * const result = await runExecution(definition, { clock });
 * console.log(clock.now()); // advanced by every Wait and retry back-off
 * ```
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;
  /** Tracked work that is pending and not sleeping on this clock: while above 0, time stands still. */
  private busy = 0;
  private readonly work = new AsyncLocalStorage<Work>();

  /** @param start - the initial time in epoch milliseconds (default: the real time at construction) */
  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms` without firing timers early (they fire on the next idle turn). */
  advance(ms: number): void {
    this.current += ms;
    this.schedule();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const work = this.work.getStore();
    let sleeping = false;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, resolve };
      if (signal) {
        const onAbort = (): void => {
          const i = this.timers.indexOf(timer);
          if (i >= 0) this.timers.splice(i, 1);
          reject(signal.reason as Error);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        timer.resolve = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
      }
      this.timers.push(timer);
      if (work !== undefined && !work.settled) {
        sleeping = true;
        if (work.sleeping++ === 0) this.busy--;
      }
      this.schedule();
    }).finally(() => {
      // The work is running again: it is no longer waiting on the clock alone.
      if (sleeping && --work!.sleeping === 0 && !work!.settled) this.busy++;
    });
  }

  /**
   * Runs `work`, which the execution awaits and which is not this clock: time stands still until it settles,
   * except while it is itself sleeping on this clock.
   *
   * @example
   * ```ts
   * const text = await clock.track(() => readFile('input.json', 'utf8')); // no sleep fires meanwhile
   * ```
   */
  track<T>(work: () => T | Promise<T>): Promise<T> {
    const state: Work = { sleeping: 0, settled: false };
    this.busy++;
    const settle = (): void => {
      state.settled = true;
      if (state.sleeping === 0) this.busy--;
      this.schedule();
    };
    const running = this.work.run(state, () => Promise.resolve().then(work));
    running.then(settle, settle);
    return running;
  }

  private schedule(): void {
    if (this.scheduled || this.busy > 0 || this.timers.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.scheduled = false;
    // Work may have started since the turn was scheduled; its end schedules the next one.
    if (this.busy > 0 || this.timers.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.timers.length; i++) {
      const t = this.timers[i]!;
      const b = this.timers[best]!;
      if (t.at < b.at || (t.at === b.at && t.seq < b.seq)) best = i;
    }
    const timer = this.timers.splice(best, 1)[0]!;
    if (timer.at > this.current) this.current = timer.at;
    timer.resolve();
    this.schedule();
  }
}
