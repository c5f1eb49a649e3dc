import { readFile } from 'node:fs/promises';
import { setImmediate as yieldTurn, setTimeout as realDelay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { compileMachine, VirtualClock } from '@step/interpreter';
import type { TaskHandler } from '@step/interpreter';

const THIS_FILE = fileURLToPath(import.meta.url);

/** A top-level TimeoutSeconds of 60 around one Task `T` (the shape of most production machines). */
const withTimeout = (task: Record<string, unknown> = {}) => ({
  StartAt: 'T',
  TimeoutSeconds: 60,
  States: {
    T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...task, Next: 'W' },
    W: { Type: 'Wait', Seconds: 30, End: true },
  },
});

describe('VirtualClock.track', () => {
  it('keeps time still while tracked work is pending, then fires the due sleeps', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const order: string[] = [];
    const sleeping = clock.sleep(1_000).then(() => order.push(`sleep@${clock.now()}`));
    // Act
    await clock.track(async () => {
      await realDelay(5);
      await readFile(THIS_FILE);
      order.push(`work@${clock.now()}`);
    });
    await sleeping;
    // Assess
    expect(order).toEqual(['work@0', 'sleep@1000']);
  });

  it('lets time move while the tracked work itself sleeps on the clock', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    void clock.sleep(500).then(() => fired.push(clock.now()));
    // Act
    await clock.track(async () => {
      await clock.sleep(2_000);
      await yieldTurn();
    });
    // Assess
    expect(fired).toEqual([500]);
    expect(clock.now()).toBe(2_000);
  });

  it('passes on the result and the rejection of the work', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act / Assess
    await expect(clock.track(() => 42)).resolves.toBe(42);
    await expect(clock.track(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await clock.sleep(10);
    expect(clock.now()).toBe(10);
  });
});

describe('VirtualClock under an execution with TimeoutSeconds', () => {
  it.each<[string, TaskHandler]>([
    ['a readFile', async () => (await readFile(THIS_FILE, 'utf8')).length > 0],
    ['a 5 ms real timer', async () => realDelay(5, true)],
    ['setImmediate', async () => yieldTurn(true)],
    [
      'a chain of real timers',
      async () => {
        for (let i = 0; i < 5; i++) await realDelay(2);
        return true;
      },
    ],
  ])('never times out a handler that awaits %s', async (_name, handler) => {
    // Prepare
    const clock = new VirtualClock(0);
    const machine = compileMachine(withTimeout({ TimeoutSeconds: 5 }));
    // Act
    const result = await machine.start({ clock, handlers: { T: handler } }).result;
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.path).toEqual(['T', 'W']);
    expect(clock.now()).toBe(30_000);
  });

  it('times the execution out when the virtual time really runs past TimeoutSeconds, chaining the last event', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const machine = compileMachine({
      ...withTimeout(),
      States: { ...withTimeout().States, W: { Type: 'Wait', Seconds: 90, End: true } },
    });
    // Act
    const result = await machine.start({ clock, handlers: { T: () => realDelay(5, {}) } }).result;
    // Assess
    const events = result.history();
    expect([result.status, result.error, result.path]).toEqual(['TIMED_OUT', 'States.Timeout', ['T', 'W']]);
    expect(clock.now()).toBe(60_000);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', previousEventId: events.at(-2)!.id });
  });

  it('runs a JSONata machine with TimeoutSeconds while the JSONata module may still be loading', async () => {
    // Prepare
    const definition = {
      StartAt: 'A',
      TimeoutSeconds: 60,
      States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1+1 %}', End: true } },
    };
    // Act
    const result = await compileMachine(definition).start({ clock: new VirtualClock(0) }).result;
    // Assess
    expect([result.status, result.output, result.path]).toEqual(['SUCCEEDED', 2, ['A']]);
  });

  it('waits for an ItemReader that does real I/O before any timer fires', async () => {
    // Prepare
    const definition = {
      StartAt: 'M',
      TimeoutSeconds: 60,
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: 'b', Key: 'k' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    const itemReader = async () => {
      await readFile(THIS_FILE);
      await realDelay(5);
      return [1, 2];
    };
    // Act
    const result = await compileMachine(definition).start({ clock: new VirtualClock(0), itemReader }).result;
    // Assess
    expect([result.status, result.output]).toEqual(['SUCCEEDED', [1, 2]]);
  });
});
