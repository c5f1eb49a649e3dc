import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { HistoryEvent, SFNServiceException } from '@aws-sdk/client-sfn';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { parseExecutionLog } from '../src/store/ExecutionLog.js';
import { ROLE, clientConfig, tempDir } from './helpers.js';

const ACTIVITY = 'arn:aws:states:us-east-1:000000000000:activity:approve';
const WAITS_FOR_ACTIVITY = JSON.stringify({
  StartAt: 'First',
  States: {
    First: { Type: 'Pass', Result: { step: 1 }, Next: 'Approve' },
    Approve: { Type: 'Task', Resource: ACTIVITY, End: true },
  },
});
const PASS = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });

async function withServer<T>(
  dataDir: string,
  reports: string[],
  run: (sfn: SFNClient, server: LocalServer) => Promise<T>,
): Promise<T> {
  const server = await createLocalServer({ port: 0, dataDir, report: (m) => reports.push(m) });
  const sfn = new SFNClient(clientConfig(server));
  try {
    return await run(sfn, server);
  } finally {
    sfn.destroy();
    await server.close();
  }
}

async function failure(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as SFNServiceException;
    return { name: err.name, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the request to fail');
}

/** Starts an execution of a machine waiting on the `approve` activity, and waits until its task is handed out. */
async function startWaiting(sfn: SFNClient): Promise<{ executionArn: string; taskToken: string }> {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: 'waits', definition: WAITS_FOR_ACTIVITY, roleArn: ROLE }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  return { executionArn: executionArn!, taskToken: task.taskToken! };
}

const types = (events: HistoryEvent[] | undefined): string[] => (events ?? []).map((e) => e.type!);

describe('parseExecutionLog', () => {
  it('ignores a torn last line and keeps the events before it', () => {
    // Prepare
    const line = (id: number): string =>
      `${JSON.stringify({ id, previousEventId: id - 1, type: 'PassStateEntered', timestamp: 1 })}\n`;
    const text = `${line(1)}${line(2)}{"id":3,"previousEv`;

    // Act
    const contents = parseExecutionLog(text);

    // Assess
    expect(contents.events.map((e) => e.id)).toEqual([1, 2]);
    expect(contents).toMatchObject({
      tornTail: true,
      badLines: 0,
      completeBytes: Buffer.byteLength(line(1) + line(2)),
    });
  });

  it('counts complete lines that are not events and skips them', () => {
    // Act
    const contents = parseExecutionLog('not json\n{"id":"x"}\n{"id":1,"previousEventId":0,"type":"T","timestamp":0}\n');

    // Assess
    expect(contents).toMatchObject({ tornTail: false, badLines: 2 });
    expect(contents.events).toHaveLength(1);
  });
});

describe('execution history in the data directory', () => {
  it('keeps an ended execution out of memory: its record has no history and its events come from its file', async () => {
    // Prepare
    const temp = tempDir();
    const before = await withServer(temp.dir, [], async (sfn, server) => {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({ name: 'pass', definition: PASS, roleArn: ROLE }),
      );
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }));
      await server.waitForExecution(executionArn!);
      return {
        executionArn: executionArn!,
        events: (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events,
      };
    });
    const folder = path.join(temp.dir, 'sfn', 'executions');
    const files = readdirSync(folder).sort();

    // Act
    const after = await withServer(temp.dir, [], async (sfn) => ({
      events: (await sfn.send(new GetExecutionHistoryCommand({ executionArn: before.executionArn }))).events,
      reversed: (
        await sfn.send(new GetExecutionHistoryCommand({ executionArn: before.executionArn, reverseOrder: true }))
      ).events,
    }));

    // Assess
    expect(files).toHaveLength(2);
    const record = JSON.parse(
      readFileSync(
        path.join(
          folder,
          files.find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    ) as {
      status: string;
      history?: unknown;
    };
    expect(record.status).toBe('SUCCEEDED');
    expect(record.history).toBeUndefined();
    expect(types(before.events)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(after.events).toEqual(before.events);
    expect(after.reversed).toEqual([...before.events!].reverse());
    temp.remove();
  }, 30_000);

  it('brings an execution the server was killed during back ABORTED with its events, ignoring a torn last line', async () => {
    // Prepare: a copy of the data directory taken while the execution waits is what a kill -9 leaves
    const temp = tempDir();
    const killed = path.join(temp.dir, 'killed');
    const live = path.join(temp.dir, 'live');
    const started = await withServer(live, [], async (sfn) => {
      const waiting = await startWaiting(sfn);
      cpSync(live, killed, { recursive: true });
      return waiting;
    });
    const folder = path.join(killed, 'sfn', 'executions');
    const events = readdirSync(folder).find((f) => f.endsWith('.events.jsonl'))!;
    appendFileSync(path.join(folder, events), '{"id":99,"previousEventId":98,"ty');
    const reports: string[] = [];

    // Act
    const seen = await withServer(killed, reports, async (sfn) => ({
      described: await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn })),
      history: (await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }))).events,
    }));

    // Assess
    expect(seen.described).toMatchObject({ status: 'ABORTED', error: 'States.Runtime' });
    expect(types(seen.history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ExecutionAborted',
    ]);
    const ids = seen.history!.map((e) => [e.id, e.previousEventId]);
    expect(ids.at(-1)).toEqual([7, 6]);
    expect(seen.history!.at(-1)!.executionAbortedEventDetails).toEqual({
      error: 'States.Runtime',
      cause: 'step-cli local stopped while this execution was running',
    });
    expect(readFileSync(path.join(folder, events), 'utf8').endsWith('\n')).toBe(true);
    expect(reports).toEqual([]);
    temp.remove();
  }, 30_000);

  it('answers the end of an execution whose record the disk refuses, and reports it without absolute paths', async () => {
    // Prepare: the executions folder becomes a file while the execution waits, so no write into it can succeed
    const temp = tempDir();
    const reports: string[] = [];
    const folder = path.join(temp.dir, 'sfn', 'executions');
    await withServer(temp.dir, reports, async (sfn, server) => {
      const { executionArn, taskToken } = await startWaiting(sfn);
      const kept = path.join(temp.dir, 'kept');
      cpSync(folder, kept, { recursive: true });
      rmSync(folder, { recursive: true, force: true });
      writeFileSync(folder, 'in the way');

      // Act
      await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":true}' }));
      await server.waitForExecution(executionArn);
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      const { stateMachineArn } = described;
      const refused = await failure(sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'refused' })));
      const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));

      // Assess
      expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
      expect(types(history.events).at(-1)).toBe('ExecutionSucceeded');
      expect(refused).toEqual({ name: 'ServiceException', status: 500 });
      expect(listed.executions?.map((e) => e.name)).toHaveLength(1);
      rmSync(folder);
      mkdirSync(folder);
    });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.some((r) => r.includes('sfn/executions/'))).toBe(true);
    expect(reports.filter((r) => r.includes(temp.dir))).toEqual([]);
    temp.remove();
  }, 30_000);

  it('answers ServiceException and keeps nothing when the disk refuses a new state machine', async () => {
    // Prepare
    const temp = tempDir();
    const folder = path.join(temp.dir, 'sfn', 'state-machines');
    mkdirSync(path.dirname(folder), { recursive: true });
    writeFileSync(folder, 'in the way');

    // Act
    const seen = await withServer(temp.dir, [], async (sfn) => ({
      refused: await failure(sfn.send(new CreateStateMachineCommand({ name: 'm', definition: PASS, roleArn: ROLE }))),
      listed: (await sfn.send(new ListStateMachinesCommand({}))).stateMachines,
    }));

    // Assess
    expect(seen).toEqual({ refused: { name: 'ServiceException', status: 500 }, listed: [] });
    expect(existsSync(path.join(folder, 'm.json'))).toBe(false);
    temp.remove();
  }, 30_000);
});
