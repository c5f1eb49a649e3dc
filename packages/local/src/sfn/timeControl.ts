import type { Clock } from '@step/interpreter';
import { RealClock, VirtualClock } from '@step/interpreter';

/**
 * How executions of the stand-in spend time in Waits, retry back-off, heartbeats and timeouts: `real` (wall
 * clock), `skip` (a simulated clock that jumps to the next timer when the execution only waits) or
 * `{ scale }` (a wait lasts `scale` times its length: `0.01` runs a one-hour Wait in 36 s; real work such as a
 * Lambda call takes its real time). The history records the simulated timestamps in every mode: a one-hour Wait
 * is one hour long there.
 *
 * @example
 * ```ts
 * const modes: TimeMode[] = ['real', 'skip', { scale: 0.01 }];
 * ```
 */
export type TimeMode = 'real' | 'skip' | { scale: number };

/**
 * Reads a time mode as written on the command line or in a state machine ARN suffix: `real`, `skip` or
 * `scale=<positive number>`; `undefined` when the text is none of these.
 *
 * @example
 * ```ts
 * parseTimeMode('scale=0.01'); // { scale: 0.01 }
 * parseTimeMode('fast'); // undefined
 * ```
 */
export function parseTimeMode(text: string): TimeMode | undefined {
  if (text === 'real' || text === 'skip') return text;
  const m = /^scale=(\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(text);
  if (m === null) return undefined;
  const scale = Number(m[1]);
  return isValidScale(scale) ? { scale } : undefined;
}

/**
 * Whether a `{ scale }` factor is usable: a finite number above 0.
 * @internal
 */
export function isValidScale(scale: unknown): scale is number {
  return typeof scale === 'number' && Number.isFinite(scale) && scale > 0;
}

/**
 * The clock of one execution in a time mode (`undefined` for `real`: the interpreter's wall clock).
 * @internal
 */
export function createExecutionClock(mode: TimeMode, now: () => number = Date.now): Clock | undefined {
  if (mode === 'real') return undefined;
  if (mode === 'skip') return new VirtualClock(now());
  return new ScaledClock(mode.scale, now);
}

/**
 * Real time plus the time that shortened waits saved: a sleep of `ms` takes `ms * scale` real milliseconds, and
 * when it ends the clock is at least at its due time, so timestamps after a wait show its full length.
 */
class ScaledClock implements Clock {
  readonly #scale: number;
  readonly #now: () => number;
  /** Real timers (abortable), for the shortened waits. */
  readonly #timers = new RealClock();
  /** Simulated minus real time; it only grows, so the clock never goes back. */
  #offset = 0;

  constructor(scale: number, now: () => number) {
    this.#scale = scale;
    this.#now = now;
  }

  now(): number {
    return this.#now() + this.#offset;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const due = this.now() + Math.max(0, ms);
    await this.#timers.sleep(ms * this.#scale, signal);
    this.#offset = Math.max(this.#offset, due - this.#now());
  }
}
