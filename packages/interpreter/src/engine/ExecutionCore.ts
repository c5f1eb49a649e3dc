import type { JsonValue } from '@step/asl';
import type { HistoryRecorder } from '../history/HistoryRecorder.js';
import type { MockedStateResponses } from '../mocks/parseMockConfig.js';
import type { Clock, ExecutionOptions } from '../types.js';

/**
 * A pending `.waitForTaskToken` callback.
 * @internal
 */
export interface TokenWaiter {
  succeed(output: JsonValue): void;
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
}

/**
 * Everything one execution shares across its states: identity, clock, randomness, history, mocks and tokens.
 * @internal
 */
export interface ExecutionCore {
  readonly options: ExecutionOptions;
  readonly clock: Clock;
  readonly random: () => number;
  readonly uuid: () => string;
  readonly history: HistoryRecorder;
  readonly path: string[];
  readonly region: string;
  /** `$$.Execution` (shared, never mutated). */
  readonly executionContext: { [k: string]: JsonValue };
  /** `$$.StateMachine`. */
  readonly stateMachineContext: { [k: string]: JsonValue };
  readonly mocks: Map<string, MockedStateResponses> | undefined;
  readonly mockCalls: Map<string, number>;
  readonly tokens: Map<string, TokenWaiter>;
  /** The payload quota in bytes (AWS: 256 KiB) for state outputs, task and Map/Parallel results. */
  readonly payloadLimit: number;
}
