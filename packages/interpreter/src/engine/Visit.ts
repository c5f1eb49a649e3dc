import type { JsonValue } from '@step/asl';
import type { EvalScope } from '../evalScope.js';
import type { ExecutionCore } from './ExecutionCore.js';
import type { CompiledState } from './model.js';

/**
 * A thread of execution: the top level, one Parallel branch or one Map iteration.
 * @internal
 */
export interface Frame {
  /** Variables visible here; an inner scope has the outer one as prototype. */
  vars: Record<string, JsonValue>;
  /** Aborted when the execution stops or times out, or a sibling branch fails. */
  signal: AbortSignal;
  /** The last history event of this thread (the next event's previousEventId). */
  lastEventId: number;
}

const RETRYABLE = new Set(['Task', 'Map', 'Parallel']);

/**
 * One visit of a state: its entered event id, retry count, task token and lazily built context object.
 * @internal
 */
export class Visit implements EvalScope {
  readonly core: ExecutionCore;
  readonly frame: Frame;
  readonly state: CompiledState;
  readonly enteredAt: number;
  enteredEventId = 0;
  retryCount = 0;
  /** Whether the visit awaited something (then its exit is stamped with a fresh clock reading). */
  waited = false;
  taskToken: string | undefined;
  private ctx: { [k: string]: JsonValue } | undefined;
  /** `$` while this visit serves as an {@link EvalScope} (see {@link Visit.scope}). */
  input: JsonValue = null;

  constructor(core: ExecutionCore, frame: Frame, state: CompiledState) {
    this.core = core;
    this.frame = frame;
    this.state = state;
    this.enteredAt = core.clock.now();
  }

  /** Records a history event in this thread and returns its id. */
  event(type: string, details?: Record<string, unknown>, timestamp?: number): number {
    const id = this.core.history.add(type, this.frame.lastEventId, details, timestamp);
    this.frame.lastEventId = id;
    return id;
  }

  /** Records this visit's `<Type>StateEntered` event. */
  entered(input: JsonValue): number {
    const id = this.core.history.addEntered(
      this.state.enteredEvent,
      this.frame.lastEventId,
      this.enteredAt,
      this.state.name,
      input,
    );
    this.frame.lastEventId = id;
    return id;
  }

  /** Records this visit's `<Type>StateExited` event. */
  exited(output: JsonValue, assigned: Record<string, JsonValue> | undefined): void {
    const ts = this.waited ? undefined : this.enteredAt;
    this.frame.lastEventId = this.core.history.addExited(
      this.state.exitedEvent,
      this.frame.lastEventId,
      ts,
      this.state.name,
      output,
      assigned,
    );
  }

  /** The context object `$$` of this visit. */
  contextObject(): { [k: string]: JsonValue } {
    if (this.ctx !== undefined) return this.ctx;
    const state: { [k: string]: JsonValue } = {
      Name: this.state.name,
      EnteredTime: new Date(this.enteredAt).toISOString(),
    };
    if (RETRYABLE.has(this.state.type)) state.RetryCount = this.retryCount;
    const ctx: { [k: string]: JsonValue } = {
      Execution: this.core.executionContext,
      StateMachine: this.core.stateMachineContext,
      State: state,
    };
    if (this.taskToken !== undefined) ctx.Task = { Token: this.taskToken };
    this.ctx = ctx;
    return ctx;
  }

  /** Drops the cached context (after RetryCount changed). */
  resetContext(): void {
    this.ctx = undefined;
  }

  /** `$$` for path evaluation (built on first read). */
  get context(): JsonValue {
    return this.contextObject();
  }

  /** Workflow variables visible to this visit. */
  get variables(): Readonly<Record<string, JsonValue>> {
    return this.frame.vars;
  }

  /**
   * A path-evaluation scope whose `$` is `input`: the visit itself (no allocation). Evaluations are synchronous and
   * never keep the scope, so each call simply re-points `$`.
   */
  scope(input: JsonValue): EvalScope {
    this.input = input;
    return this;
  }

  /** The prefix AWS puts before runtime failure causes. */
  causePrefix(): string {
    return `An error occurred while executing the state '${this.state.name}' (entered at the event id #${this.enteredEventId}). `;
  }
}

/**
 * A scope with an explicit context (Map ItemSelector: `$$.Map.Item`).
 * @internal
 */
export class FixedScope implements EvalScope {
  input: JsonValue;
  context: JsonValue;
  variables: Readonly<Record<string, JsonValue>>;

  constructor(input: JsonValue, context: JsonValue, variables: Readonly<Record<string, JsonValue>>) {
    this.input = input;
    this.context = context;
    this.variables = variables;
  }
}
