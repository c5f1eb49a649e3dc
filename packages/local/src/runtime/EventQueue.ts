/**
 * The queue of a function's `Event` (asynchronous) invocations: bounded, and run on a share of the function's
 * environments only, so that synchronous invocations are never queued behind thousands of events.
 *
 * @remarks
 * At most `slots` events of one function run at once (the server gives it one environment fewer than the
 * function's concurrency, so one is always left for `RequestResponse` calls); at most `capacity` more wait, in
 * order. Past that {@link EventQueue.offer} answers `false` and the caller refuses the invocation, as Lambda
 * throttles with `TooManyRequestsException`.
 * @internal
 */
export class EventQueue {
  readonly #slots: number;
  readonly #capacity: number;
  readonly #functions = new Map<string, { running: number; waiting: (() => Promise<unknown>)[] }>();

  constructor(options: { slots: number; capacity: number }) {
    this.#slots = Math.max(1, options.slots);
    this.#capacity = Math.max(0, options.capacity);
  }

  /** Queues one invocation of a function; `false` (and nothing queued) when `capacity` already wait. */
  offer(functionName: string, run: () => Promise<unknown>): boolean {
    const fn = this.#functions.get(functionName) ?? { running: 0, waiting: [] };
    if (fn.running >= this.#slots && fn.waiting.length >= this.#capacity) return false;
    this.#functions.set(functionName, fn);
    fn.waiting.push(run);
    this.#next(functionName, fn);
    return true;
  }

  /** Invocations of a function waiting for a slot (not counting those running). */
  waiting(functionName: string): number {
    return this.#functions.get(functionName)?.waiting.length ?? 0;
  }

  #next(functionName: string, fn: { running: number; waiting: (() => Promise<unknown>)[] }): void {
    while (fn.running < this.#slots && fn.waiting.length > 0) {
      const run = fn.waiting.shift()!;
      fn.running++;
      void run()
        .catch(() => undefined)
        .finally(() => {
          fn.running--;
          if (fn.running === 0 && fn.waiting.length === 0) this.#functions.delete(functionName);
          else this.#next(functionName, fn);
        });
    }
  }
}
