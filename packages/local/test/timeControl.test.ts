import { VirtualClock } from '@step/interpreter';
import { AwsServiceError } from '../src/AwsServiceError.js';
import { parseStartTarget } from '../src/sfn/parseStartTarget.js';
import { createExecutionClock, parseTimeMode } from '../src/sfn/timeControl.js';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Checkout';

describe('parseTimeMode', () => {
  it.each([
    ['real', 'real'],
    ['skip', 'skip'],
    ['scale=0.01', { scale: 0.01 }],
    ['scale=2', { scale: 2 }],
    ['scale=1e-6', { scale: 1e-6 }],
    ['scale=0', undefined],
    ['scale=-1', undefined],
    ['scale=', undefined],
    ['fast', undefined],
  ])('%s', (text, mode) => {
    expect(parseTimeMode(text)).toEqual(mode);
  });
});

describe('parseStartTarget', () => {
  it.each([
    [ARN, { stateMachineArn: ARN }],
    [`${ARN}#HappyPath`, { stateMachineArn: ARN, testCase: 'HappyPath' }],
    [`${ARN}?time=skip`, { stateMachineArn: ARN, time: 'skip' }],
    [`${ARN}#Retry Path?time=scale=0.5`, { stateMachineArn: ARN, testCase: 'Retry Path', time: { scale: 0.5 } }],
  ])('%s', (arn, target) => {
    expect(parseStartTarget(arn)).toEqual(target);
  });

  it('refuses an empty test case and an unknown time mode as ValidationException', () => {
    expect(() => parseStartTarget(`${ARN}#`)).toThrow(AwsServiceError);
    expect(() => parseStartTarget(`${ARN}#`)).toThrow("ends with '#' but names no test case");
    expect(() => parseStartTarget(`${ARN}?time=later`)).toThrow("'?time=later'");
  });
});

describe('createExecutionClock', () => {
  it('gives the wall clock for real and a VirtualClock for skip', () => {
    expect(createExecutionClock('real')).toBeUndefined();
    expect(createExecutionClock('skip')).toBeInstanceOf(VirtualClock);
  });

  it('scale: real work costs real time, and a finished sleep leaves the clock at its due time', async () => {
    // Prepare: a fake wall clock the test moves by hand.
    let wall = 1_000_000;
    const clock = createExecutionClock({ scale: 1e-9 }, () => wall)!;
    // Act
    wall += 250; // 250 ms of real work
    const afterWork = clock.now();
    const napping = clock.sleep(3_600_000); // one simulated hour, about 4 µs of real time
    wall += 1; // the real time the short sleep took
    await napping;
    const afterNap = clock.now();
    wall += 100;
    // Assess
    expect(afterWork).toBe(1_000_250);
    expect(afterNap).toBe(1_000_250 + 3_600_000);
    expect(clock.now()).toBe(1_000_250 + 3_600_000 + 100);
  });

  it('scale: a sleep rejects with the reason of its aborted signal', async () => {
    // Prepare
    const clock = createExecutionClock({ scale: 1 })!;
    const stop = new AbortController();
    // Act
    const sleeping = clock.sleep(3_600_000, stop.signal);
    stop.abort(new Error('stopped'));
    // Assess
    await expect(sleeping).rejects.toThrow('stopped');
  });
});
