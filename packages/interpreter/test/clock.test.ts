import { RealClock, VirtualClock } from '@step/interpreter';

describe('VirtualClock', () => {
  it('fires sleeps in deadline order and advances to each deadline', async () => {
    // Prepare
    const clock = new VirtualClock(1_000);
    const order: string[] = [];
    // Act
    await Promise.all([
      clock.sleep(300).then(() => order.push(`b@${clock.now()}`)),
      clock.sleep(100).then(() => order.push(`a@${clock.now()}`)),
      clock.sleep(300).then(() => order.push(`c@${clock.now()}`)),
    ]);
    // Assess
    expect(order).toEqual(['a@1100', 'b@1300', 'c@1300']);
    expect(clock.now()).toBe(1_300);
  });

  it('rejects an aborted sleep and never fires it', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    // Act
    controller.abort(new Error('stop'));
    // Assess
    await expect(sleeping).rejects.toThrow('stop');
    await clock.sleep(10);
    expect(clock.now()).toBe(10);
  });

  it('moves forward on advance', () => {
    // Prepare
    const clock = new VirtualClock(5);
    // Act
    clock.advance(20);
    // Assess
    expect(clock.now()).toBe(25);
  });
});

describe('RealClock', () => {
  it('reads the wall clock', () => {
    // Act
    const now = new RealClock().now();
    // Assess
    expect(Math.abs(now - Date.now())).toBeLessThan(1_000);
  });

  it('resolves a zero sleep and rejects an already aborted one', async () => {
    // Prepare
    const clock = new RealClock();
    // Act / Assess
    await expect(clock.sleep(0)).resolves.toBeUndefined();
    await expect(clock.sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
