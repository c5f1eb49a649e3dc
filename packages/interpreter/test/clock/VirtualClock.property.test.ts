import { readFile } from 'node:fs/promises';
import { setImmediate as yieldTurn, setTimeout as realDelay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '@step/asl';
import { compileMachine, VirtualClock } from '@step/interpreter';
import type { Execution, TaskContext, TaskHandler } from '@step/interpreter';
import fc from 'fast-check';

// The virtual-clock rule, property-tested: the same machines, mixing real async handlers (setImmediate, short real
// timers, file reads) with Waits, Retry back-off, task TimeoutSeconds, HeartbeatSeconds, Parallel and Map, end on a
// VirtualClock exactly as an analytic model says they end on AWS, where real work takes no time next to seconds.
// Durations (Wait, back-off, time a handler sleeps on the clock) are multiples of 4 s, task and heartbeat timeouts are
// 2 more than one, so every event happens at an even second, and the execution's TimeoutSeconds is odd: no tie needs
// a rule.

const THIS_FILE = fileURLToPath(import.meta.url);

type Real = 'none' | 'immediate' | 'timer' | 'fs';

/** A generated step; `name` is its state name, given by nameAll (empty as generated). */
type Step = { name: string } & (
  | { k: 'wait'; seconds: number }
  /** fails `fails` times with Flaky (retried after interval, ×2), or sleeps `sleep` s on the clock under `timeout`. */
  | { k: 'task'; real: Real[]; fails: number; interval: number; sleep: number; timeout: number | undefined }
  /** `.waitForTaskToken`: the handler heartbeats after each gap (s on the clock), then succeeds. */
  | { k: 'heartbeat'; real: Real; gaps: number[]; heartbeat: number }
  | { k: 'parallel'; branches: Step[][] }
  | { k: 'map'; body: Step[]; concurrency: 0 | 1 }
);

type Obj = { [k: string]: JsonValue };

const duration = (max: number) => fc.integer({ min: 0, max }).map((n) => 4 * n);
const timeoutOf = (max: number) => fc.integer({ min: 0, max }).map((n) => 4 * n + 2);
const odd = (max: number) => fc.integer({ min: 0, max }).map((n) => 2 * n + 1);
const real = fc.constantFrom<Real>('none', 'immediate', 'timer', 'fs');

const { steps } = fc.letrec<{ step: Step; steps: Step[] }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ name: fc.constant(''), k: fc.constant('wait' as const), seconds: duration(2) }),
    fc.record({
      name: fc.constant(''),
      k: fc.constant('task' as const),
      real: fc.array(real, { maxLength: 3 }),
      fails: fc.integer({ min: 0, max: 2 }),
      interval: duration(1).map((n) => n + 4),
      sleep: duration(2),
      timeout: fc.option(timeoutOf(1), { nil: undefined }),
    }),
    fc.record({
      name: fc.constant(''),
      k: fc.constant('heartbeat' as const),
      real,
      gaps: fc.array(duration(2), { maxLength: 3 }),
      heartbeat: timeoutOf(1),
    }),
    fc.record({
      name: fc.constant(''),
      k: fc.constant('parallel' as const),
      branches: fc.array(tie('steps'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      name: fc.constant(''),
      k: fc.constant('map' as const),
      body: tie('steps'),
      concurrency: fc.constantFrom<0 | 1>(0, 1),
    }),
  ),
  steps: fc.array(tie('step'), { minLength: 1, maxLength: 4 }),
}));

async function doReal(kind: Real): Promise<void> {
  if (kind === 'immediate') await yieldTurn();
  else if (kind === 'timer') await realDelay(1);
  else if (kind === 'fs') await readFile(THIS_FILE);
}

function nameAll(list: Step[], next: { n: number }): Step[] {
  return list.map((s) => {
    const name = `S${next.n++}`;
    if (s.k === 'parallel') return { ...s, name, branches: s.branches.map((b) => nameAll(b, next)) };
    if (s.k === 'map') return { ...s, name, body: nameAll(s.body, next) };
    return { ...s, name };
  });
}

const CAUGHT = (errors: string[]) => [{ ErrorEquals: errors, ResultPath: null, Next: '' }];

/** The ASL of a list of steps, chained in order. */
function program(list: Step[]): { StartAt: string; States: Obj } {
  const states: Obj = {};
  list.forEach((s, i) => {
    const next = list[i + 1];
    const tail: Obj = next === undefined ? { End: true } : { Next: next.name };
    const withCatch = (errors: string[]): Obj =>
      next === undefined ? {} : { Catch: CAUGHT(errors).map((c) => ({ ...c, Next: next.name })) };
    switch (s.k) {
      case 'wait':
        states[s.name] = { Type: 'Wait', Seconds: s.seconds, ...tail };
        break;
      case 'task':
        states[s.name] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          ...(s.timeout === undefined ? {} : { TimeoutSeconds: s.timeout }),
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: s.interval, BackoffRate: 2, MaxAttempts: 3 }],
          ...withCatch(['States.Timeout']),
          ...tail,
        };
        break;
      case 'heartbeat':
        states[s.name] = {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { 'token.$': '$$.Task.Token', 'input.$': '$' },
          HeartbeatSeconds: s.heartbeat,
          TimeoutSeconds: 99_999,
          ...withCatch(['States.HeartbeatTimeout']),
          ...tail,
        };
        break;
      case 'parallel':
        states[s.name] = { Type: 'Parallel', Branches: s.branches.map(program), ResultPath: `$.${s.name}`, ...tail };
        break;
      case 'map':
        states[s.name] = {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'n.$': '$$.Map.Item.Value', 'items.$': '$.items' },
          MaxConcurrency: s.concurrency,
          ItemProcessor: program(s.body),
          ResultPath: `$.${s.name}`,
          ...tail,
        };
        break;
    }
  });
  return { StartAt: list[0]!.name, States: states };
}

/** What AWS does, with real work taking no time: the output, the end time and each state's entry time (s). */
function model(list: Step[], input: Obj, start: number, entered: [string, number][]): { output: Obj; end: number } {
  let t = start;
  let value = input;
  list.forEach((s, i) => {
    const last = i === list.length - 1;
    entered.push([s.name, t]);
    switch (s.k) {
      case 'wait':
        t += s.seconds;
        break;
      case 'task': {
        for (let f = 0; f < s.fails; f++) t += s.interval * 2 ** f;
        if (s.timeout !== undefined && s.sleep > s.timeout) {
          t += s.timeout;
          if (last) throw new Error('unreachable: the generator keeps timeouts off the last step');
        } else {
          t += s.sleep;
          value = { ...value, n: (value.n as number) + 1 };
        }
        break;
      }
      case 'heartbeat': {
        let ok = true;
        for (const g of s.gaps) {
          if (g > s.heartbeat) {
            t += s.heartbeat;
            ok = false;
            break;
          }
          t += g;
        }
        if (ok) value = { ...value, n: (value.n as number) + 1 };
        break;
      }
      case 'parallel': {
        const runs = s.branches.map((b) => model(b, value, t, entered));
        t = Math.max(...runs.map((r) => r.end));
        value = { ...value, [s.name]: runs.map((r) => r.output) };
        break;
      }
      case 'map': {
        const items = value.items as number[];
        const outputs: Obj[] = [];
        let end = t;
        for (const n of items) {
          const r = model(s.body, { n, items }, s.concurrency === 1 ? end : t, entered);
          outputs.push(r.output);
          end = s.concurrency === 1 ? r.end : Math.max(end, r.end);
        }
        t = end;
        value = { ...value, [s.name]: outputs };
        break;
      }
    }
  });
  return { output: value, end: t };
}

/** Timeouts that would fail a branch's last state (nothing to catch into) are dropped. */
function caughtOnly(list: Step[]): Step[] {
  return list.map((s, i) => {
    const last = i === list.length - 1;
    if (s.k === 'task' && last) return { ...s, timeout: undefined };
    if (s.k === 'heartbeat' && last) return { ...s, gaps: s.gaps.filter((g) => g < s.heartbeat) };
    if (s.k === 'parallel') return { ...s, branches: s.branches.map(caughtOnly) };
    if (s.k === 'map') return { ...s, body: caughtOnly(s.body) };
    return s;
  });
}

function handlersFor(
  list: Step[],
  clock: VirtualClock,
  execution: () => Execution,
  into: Record<string, TaskHandler>,
): void {
  for (const s of list) {
    if (s.k === 'task') {
      into[s.name] = async (input: JsonValue, ctx: TaskContext) => {
        for (const r of s.real) await doReal(r);
        if (ctx.attempt < s.fails) throw Object.assign(new Error('not yet'), { name: 'Flaky' });
        if (s.sleep > 0) await clock.sleep(s.sleep * 1000, ctx.signal);
        await doReal(s.real[0] ?? 'none');
        const obj = input as Obj;
        return { ...obj, n: (obj.n as number) + 1 };
      };
    } else if (s.k === 'heartbeat') {
      into[s.name] = async (params: JsonValue, ctx: TaskContext) => {
        const { token, input } = params as { token: string; input: Obj };
        for (const g of s.gaps) {
          await doReal(s.real);
          await clock.sleep(g * 1000, ctx.signal);
          execution().sendTaskHeartbeat(token);
        }
        await doReal(s.real);
        execution().sendTaskSuccess(token, { ...input, n: (input.n as number) + 1 });
        return { sent: true };
      };
    } else if (s.k === 'parallel') {
      for (const b of s.branches) handlersFor(b, clock, execution, into);
    } else if (s.k === 'map') {
      handlersFor(s.body, clock, execution, into);
    }
  }
}

describe('VirtualClock rule (property)', () => {
  it('ends every machine with the status, output, path and duration the analytic model predicts', async () => {
    const seen = { timedOut: 0, succeeded: 0, caughtTimeouts: 0 };
    await fc.assert(
      fc.asyncProperty(steps, fc.option(odd(20), { nil: undefined }), async (generated, timeout) => {
        // Prepare
        const list = nameAll(caughtOnly(generated), { n: 0 });
        const definition = { ...program(list), ...(timeout === undefined ? {} : { TimeoutSeconds: timeout }) };
        const input = { n: 0, items: [1, 2] };
        const entered: [string, number][] = [];
        const expected = model(list, input, 0, entered);
        const clock = new VirtualClock(0);
        const handlers: Record<string, TaskHandler> = {};
        handlersFor(list, clock, () => execution, handlers);
        // Act
        const execution: Execution = compileMachine(definition).start({
          input,
          clock,
          handlers,
          maxHistoryEvents: Infinity,
        });
        const result = await execution.result;
        // Assess
        const timedOut = timeout !== undefined && expected.end > timeout;
        const seconds = (result.stopDate.getTime() - result.startDate.getTime()) / 1000;
        const enteredBefore = (limit: number) =>
          entered
            .filter(([, at]) => at < limit)
            .map(([name]) => name)
            .sort();
        seen.caughtTimeouts += result.history().filter((e) => e.type === 'TaskTimedOut').length;
        if (timedOut) {
          seen.timedOut++;
          const events = result.history();
          expect([result.status, result.error, seconds]).toEqual(['TIMED_OUT', 'States.Timeout', timeout]);
          expect([...result.path].sort()).toEqual(enteredBefore(timeout));
          expect(events.at(-1)!.previousEventId).toBe(events.at(-2)!.id);
        } else {
          seen.succeeded++;
          expect([result.status, result.output, seconds]).toEqual(['SUCCEEDED', expected.output, expected.end]);
          expect([...result.path].sort()).toEqual(enteredBefore(Infinity));
        }
      }),
      { numRuns: 60 },
    );
    // The runs covered both endings and task timeouts caught along the way.
    expect(Math.min(seen.timedOut, seen.succeeded, seen.caughtTimeouts)).toBeGreaterThan(0);
  }, 60_000);
});
