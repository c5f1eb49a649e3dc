import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../src/cli.js';
import { formatWaitNotice } from '../src/output.js';
import { execMachine } from '../src/run/execMachine.js';
import type { WaitNotice } from '../src/run/watchWaits.js';
import { tempDir } from '../../local/test/helpers.js';

const NAP = {
  StartAt: 'Nap',
  States: {
    Nap: { Type: 'Wait', Seconds: 600, Next: 'Charge' },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      TimeoutSeconds: 900,
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 2 }],
      End: true,
    },
  },
};

const MOCKS = {
  StateMachines: { Nap: { TestCases: { Flaky: { Charge: 'Flaky', Chrage: 'Flaky' } } } },
  MockedResponses: { Flaky: { '0': { Throw: { Error: 'Busy', Cause: 'try again' } }, '1': { Return: 1 } } },
};

let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  temp = tempDir();
  writeFileSync(path.join(temp.dir, 'nap.asl.json'), JSON.stringify(NAP));
  writeFileSync(
    path.join(temp.dir, 'retry.asl.json'),
    JSON.stringify({ ...NAP, StartAt: 'Charge', States: { Charge: NAP.States.Charge } }),
  );
  writeFileSync(path.join(temp.dir, 'mocks.json'), JSON.stringify(MOCKS));
});

afterAll(() => temp.remove());

/** Runs execMachine on the real clock and stops the execution as soon as it reports its first wait. */
async function firstWait(definition: string): Promise<{ notice: WaitNotice | undefined; status: string }> {
  const stop = new AbortController();
  let notice: WaitNotice | undefined;
  const outcome = await execMachine({
    definition,
    cwd: temp.dir,
    mockConfig: 'mocks.json',
    testCase: 'Flaky',
    signal: stop.signal,
    onWarning: () => undefined,
    onWait: (n) => {
      notice ??= n;
      stop.abort();
    },
  });
  return { notice, status: outcome.kind === 'executed' ? outcome.execution.status : outcome.kind };
}

describe('step-cli exec on the real clock: waiting notices', () => {
  it('reports a Wait state when it starts waiting (the test then stops the execution)', async () => {
    // Prepare
    const before = Date.now();
    // Act
    const { notice, status } = await firstWait('nap.asl.json');
    // Assess
    expect(status).toBe('ABORTED');
    expect(notice).toMatchObject({ stateName: 'Nap', kind: 'Wait', ms: 600_000 });
    expect(notice!.until.getTime()).toBeGreaterThanOrEqual(before + 600_000);
  });

  it('reports the back-off before a retry, not the TimeoutSeconds timer of the attempt', async () => {
    // Act
    const { notice, status } = await firstWait('retry.asl.json');
    // Assess
    expect(status).toBe('ABORTED');
    expect(notice).toMatchObject({ stateName: 'Charge', kind: 'Retry', ms: 3000 });
  });

  it('reports nothing with --virtual-clock', async () => {
    // Prepare
    const notices: WaitNotice[] = [];
    // Act
    const outcome = await execMachine({
      definition: 'nap.asl.json',
      cwd: temp.dir,
      mockConfig: 'mocks.json',
      testCase: 'Flaky',
      virtualClock: true,
      onWarning: () => undefined,
      onWait: (n) => notices.push(n),
    });
    // Assess
    expect(outcome.kind === 'executed' && outcome.execution.status).toBe('SUCCEEDED');
    expect(notices).toEqual([]);
  });

  it.each([
    [
      { kind: 'Wait' as const, ms: 600_000 },
      'Waiting in state "S" for 10m (until 2026-01-01T00:00:00.000Z); --virtual-clock skips waits.',
    ],
    [
      { kind: 'Wait' as const, ms: 5_400_000 },
      'Waiting in state "S" for 1h 30m (until 2026-01-01T00:00:00.000Z); --virtual-clock skips waits.',
    ],
    [{ kind: 'Retry' as const, ms: 3000 }, 'Waiting to retry state "S" for 3s (until 2026-01-01T00:00:00.000Z).'],
  ])('formats %j', (partial, text) => {
    // Act
    const line = formatWaitNotice({ stateName: 'S', until: new Date('2026-01-01T00:00:00Z'), ...partial });
    // Assess
    expect(line).toBe(text);
  });

  it('prints the notice and the unmatched-mock warning on stderr, and stdout keeps the JSON alone', async () => {
    // Prepare
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (s: string) => (stdout += s) },
      // Ctrl-C stops the execution: emitted once the notice is out, so nothing waits for real.
      stderr: {
        write: (s: string) => {
          stderr += s;
          if (s.startsWith('Waiting in state')) process.emit('SIGINT');
        },
      },
      cwd: temp.dir,
      env: {},
    };
    // Act
    const code = await runCli(
      ['exec', 'nap.asl.json', '--mock-config', 'mocks.json', '--test-case', 'Flaky', '--json'],
      io,
    );
    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'ABORTED' });
    expect(stderr).toContain('Waiting in state "Nap" for 10m (until ');
    expect(stderr).toContain('--virtual-clock skips waits.');
    expect(stderr).toContain(
      'mocks.json#/StateMachines/Nap/TestCases/Flaky/Chrage: warning: Test case "Flaky" of state machine "Nap" mocks state "Chrage"',
    );
  });
});
