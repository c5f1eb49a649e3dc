import type { Clock } from '../types.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A simulated clock: `sleep` costs no real time.
 *
 * @remarks
 * Pending sleeps fire in due order once the program is otherwise idle (all promise callbacks have run): the clock
 * then jumps to the earliest deadline. A handler that awaits real I/O while a task timeout is pending may therefore
 * see the timeout fire early; use {@link RealClock} for such handlers.
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
    return new Promise((resolve, reject) => {
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
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.timers.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
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
