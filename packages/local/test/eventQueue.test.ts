import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { QUOTAS } from '../src/quotas.js';
import { EventQueue } from '../src/runtime/EventQueue.js';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';

/** A task that runs until `release` is called; `started` says whether it began. */
function held(): { run: () => Promise<void>; release: () => void; started: () => boolean } {
  let release = (): void => undefined;
  let started = false;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    run: () => {
      started = true;
      return done;
    },
    release: () => release(),
    started: () => started,
  };
}

describe('EventQueue', () => {
  it('runs at most `slots` at once, queues `capacity` more in order, and refuses the rest', async () => {
    // Prepare
    const queue = new EventQueue({ slots: 1, capacity: 2 });
    const [a, b, c, d] = [held(), held(), held(), held()];

    // Act
    const offers = [a, b, c, d].map((t) => queue.offer('fn', t.run));
    const waitingWhileFull = queue.waiting('fn');
    const otherFunction = queue.offer('other', () => Promise.resolve());
    a.release();
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(offers).toEqual([true, true, true, false]);
    expect(waitingWhileFull).toBe(2);
    expect(otherFunction).toBe(true);
    expect([b.started(), c.started(), d.started()]).toEqual([true, false, false]);
    expect(queue.waiting('fn')).toBe(1);
    b.release();
    c.release();
  });

  it('keeps going after a task fails', async () => {
    // Prepare
    const queue = new EventQueue({ slots: 1, capacity: 5 });
    const after = held();

    // Act
    queue.offer('fn', () => Promise.reject(new Error('boom')));
    queue.offer('fn', after.run);
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(after.started()).toBe(true);
    after.release();
  });
});

describe('Event invocations over HTTP', () => {
  it('answers 429 TooManyRequestsException past the queue bound while a synchronous invoke still completes', async () => {
    // Prepare: two environments per function, so events run on one and the other stays free for RequestResponse.
    const { server, stop } = await startServer({ lambdaConcurrency: 2 });
    const lambda = new LambdaClient(clientConfig(server));
    try {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'busy',
          Role: ROLE,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Timeout: 60,
          // Events hold their environment until the server closes (it kills them); a synchronous call returns at once.
          Code: {
            ZipFile: handlerZip(
              'export const handler = async (e) => { if (e.hold) await new Promise((r) => setTimeout(r, 60000)); return "sync done"; };',
            ),
          },
        }),
      );
      const event = { FunctionName: 'busy', InvocationType: 'Event' as const, Payload: Buffer.from('{"hold":true}') };
      const statuses: number[] = [];

      // Act: one event runs, QUOTAS.lambdaEventQueueLength wait; then one more is refused.
      for (let sent = 0; sent < QUOTAS.lambdaEventQueueLength + 1; sent += 50) {
        const batch = Math.min(50, QUOTAS.lambdaEventQueueLength + 1 - sent);
        const answers = await Promise.all(Array.from({ length: batch }, () => lambda.send(new InvokeCommand(event))));
        statuses.push(...answers.map((a) => a.StatusCode ?? 0));
      }
      let refused: { name: string; status: number | undefined; message: string } | undefined;
      try {
        await lambda.send(new InvokeCommand(event));
      } catch (e) {
        const err = e as Error & { $metadata?: { httpStatusCode?: number } };
        refused = { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
      }
      const sync = await lambda.send(new InvokeCommand({ FunctionName: 'busy', Payload: Buffer.from('{}') }));

      // Assess
      expect(statuses.every((s) => s === 202)).toBe(true);
      expect(statuses).toHaveLength(QUOTAS.lambdaEventQueueLength + 1);
      expect(refused).toMatchObject({ name: 'TooManyRequestsException', status: 429 });
      expect(refused?.message).toContain('queues at most 1000 Event invocations of "busy"');
      expect(sync.FunctionError).toBeUndefined();
      expect(Buffer.from(sync.Payload!).toString()).toBe('"sync done"');
    } finally {
      lambda.destroy();
      await stop();
    }
  }, 30_000);
});
