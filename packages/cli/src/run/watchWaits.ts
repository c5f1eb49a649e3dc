import type { Clock, Execution, HistoryEvent } from '@step/interpreter';

/**
 * One wait of an execution on the real clock: a Wait state or the back-off before a retry.
 */
export interface WaitNotice {
  /** The state that waits. */
  stateName: string;
  /** `Wait` for a Wait state, `Retry` for the back-off before the state's next attempt. */
  kind: 'Wait' | 'Retry';
  /** How long, in milliseconds. */
  ms: number;
  /** When the wait ends. */
  until: Date;
}

/** Events after which the execution's next sleep is a retry back-off (a task or Map/Parallel attempt failed). */
const FAILED = /^(?!Execution)\w+(Failed|TimedOut)$/;

/**
 * A clock that reports the waits of one execution to `onWait` as they begin, and the history listener that tells
 * it which state waits.
 *
 * @remarks
 * A sleep is a wait when it directly follows the state's `WaitStateEntered` event (a Wait state) or a failure
 * event (`TaskFailed`, `TaskTimedOut`, ...: the back-off of a retry). Other sleeps (TimeoutSeconds, heartbeat
 * timers) race with work and are not waits. Inside Parallel branches the attribution is best effort.
 */
export function watchWaits(
  inner: Clock,
  onWait: (notice: WaitNotice) => void,
): { clock: Clock; listen(execution: Pick<Execution, 'onEvent'>): () => void } {
  let pending: { kind: WaitNotice['kind']; stateName: string } | undefined;
  let lastEntered = '';
  const clock: Clock = {
    now: () => inner.now(),
    sleep: (ms, signal) => {
      const wait = pending;
      pending = undefined;
      if (wait !== undefined && ms > 0) onWait({ ...wait, ms, until: new Date(inner.now() + ms) });
      return inner.sleep(ms, signal);
    },
  };
  const onEvent = (e: HistoryEvent): void => {
    const entered = (e as { stateEnteredEventDetails?: { name?: unknown } }).stateEnteredEventDetails?.name;
    if (typeof entered === 'string') lastEntered = entered;
    if (e.type === 'WaitStateEntered') pending = { kind: 'Wait', stateName: lastEntered };
    else if (FAILED.test(e.type)) pending = { kind: 'Retry', stateName: lastEntered };
    else pending = undefined;
  };
  return { clock, listen: (execution) => execution.onEvent(onEvent) };
}
