import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { describeError } from '../s3Util.js';

/**
 * Where an execution ended up, as seen by a poller.
 */
export interface FollowResult {
  /** The execution's status, or `UNKNOWN` when it could not be read before the timeout. */
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | 'UNKNOWN';
  /** States entered, in order. */
  path: string[];
  /** Input of the last state entered (parsed JSON), where the deployer keeps `error`. */
  lastInput: unknown;
  /** Why following stopped early (timeout, API errors). */
  problem?: string;
}

/**
 * Options of {@link followExecution}.
 */
export interface FollowOptions {
  /** Called once per state entered, in order. */
  onState?: (name: string) => void;
  /** Called on a tolerated API error. */
  onWarning?: (message: string) => void;
  /** Wait between polls (default: real timers). */
  sleep?: (ms: number) => Promise<void>;
  /** Current time in ms (default `Date.now`). */
  now?: () => number;
  /** First poll interval (default 1000 ms; grows ×1.5 up to 5000 ms). */
  pollIntervalMs?: number;
  /** Give up after this long (default 15 minutes). */
  timeoutMs?: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follow an execution until it ends: report each state as it is entered, tolerate API errors, time out.
 *
 * @remarks
 * Polls DescribeExecution and GetExecutionHistory (all pages, oldest first) with a growing interval. It never
 * throws for an API error: after the timeout it returns status `UNKNOWN` with the last problem.
 */
export async function followExecution(
  sfn: SFNClient,
  executionArn: string,
  options: FollowOptions = {},
): Promise<FollowResult> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 15 * 60 * 1000);
  let interval = options.pollIntervalMs ?? 1000;
  const path: string[] = [];
  let lastInput: unknown;
  let seen = 0;
  let problem: string | undefined;
  for (;;) {
    try {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, reverseOrder: false, nextToken }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      for (const event of events) {
        if (event.id === undefined || event.id <= seen) continue;
        seen = event.id;
        const entered = event.stateEnteredEventDetails;
        if (entered?.name) {
          path.push(entered.name);
          try {
            lastInput = entered.input ? (JSON.parse(entered.input) as unknown) : undefined;
          } catch {
            lastInput = entered.input;
          }
          options.onState?.(entered.name);
        }
      }
      problem = undefined;
      const status = described.status ?? 'UNKNOWN';
      if (status !== 'RUNNING') return { status, path, lastInput };
    } catch (e) {
      problem = `Could not read execution ${executionArn}: ${describeError(e)}`;
      options.onWarning?.(problem);
    }
    if (now() >= deadline) {
      return {
        status: 'UNKNOWN',
        path,
        lastInput,
        problem:
          problem ??
          `Still running after ${Math.round((options.timeoutMs ?? 900000) / 1000)} s; follow it with: aws stepfunctions describe-execution --execution-arn ${executionArn}`,
      };
    }
    await sleep(interval);
    interval = Math.min(interval * 1.5, 5000);
  }
}
