import type { JsonValue } from '@step/asl';
import { HistoryRecorder } from '../history/HistoryRecorder.js';
import { createObjectStoreResultWriter } from '../s3/createObjectStoreResultWriter.js';
import { StatesFailure } from '../StatesFailure.js';
import type { ExecutionCore } from './ExecutionCore.js';
import { PropagatedFailure } from './failures.js';
import { checkResultSize } from './invokeTask.js';
import type { BranchResult, Program } from './model.js';
import { childController } from './runParallel.js';
import { runProgram } from './runProgram.js';
import type { Frame, Visit } from './Visit.js';

/**
 * Evaluated Map settings of one visit.
 * @internal
 */
export interface MapConfig {
  maxConcurrency: number;
  toleratedFailureCount: number | undefined;
  toleratedFailurePercentage: number | undefined;
  maxItemsPerBatch: number | undefined;
  maxInputBytesPerBatch?: number | undefined;
  /** The `ResultWriter` configuration (distributed Map). */
  resultWriter?: JsonValue | undefined;
  batchInput: JsonValue | undefined;
  distributed: boolean;
  /** The Map's `Label`: names its Map Run (default the state name). */
  label?: string | undefined;
}

/**
 * Runs a Map's iterations with at most `maxConcurrency` in flight (0 = all), in item order for the result;
 * applies ItemSelector, ItemBatcher and the tolerated failure thresholds.
 * @internal
 */
export async function runMap(
  visit: Visit,
  processor: Program,
  items: JsonValue[],
  select: ((item: JsonValue, index: number) => JsonValue | Promise<JsonValue>) | undefined,
  config: MapConfig,
): Promise<JsonValue> {
  const core = visit.core;
  const name = visit.state.name;
  let inputs: JsonValue[];
  const maxItems =
    config.maxItemsPerBatch !== undefined && config.maxItemsPerBatch > 0 ? config.maxItemsPerBatch : undefined;
  const maxBytes =
    config.maxInputBytesPerBatch !== undefined && config.maxInputBytesPerBatch > 0
      ? config.maxInputBytesPerBatch
      : undefined;
  if (maxItems !== undefined || maxBytes !== undefined) {
    // ItemBatcher: each child input is {Items: [...], BatchInput?}, bounded by item count and by JSON size.
    inputs = [];
    const overhead = config.batchInput === undefined ? 12 : 26 + Buffer.byteLength(JSON.stringify(config.batchInput));
    let selected: JsonValue[] = [];
    let bytes = overhead;
    const flush = (): void => {
      const batch: { [k: string]: JsonValue } = { Items: selected };
      if (config.batchInput !== undefined) batch.BatchInput = config.batchInput;
      inputs.push(batch);
      selected = [];
      bytes = overhead;
    };
    for (let j = 0; j < items.length; j++) {
      const item = select ? await select(items[j]!, j) : items[j]!;
      const size = maxBytes === undefined ? 0 : Buffer.byteLength(JSON.stringify(item)) + 1;
      if (
        selected.length > 0 &&
        ((maxItems !== undefined && selected.length >= maxItems) || (maxBytes !== undefined && bytes + size > maxBytes))
      ) {
        flush();
      }
      selected.push(item);
      bytes += size;
    }
    if (selected.length > 0) flush();
  } else {
    inputs = items;
  }
  const n = inputs.length;
  const startedId = visit.event('MapStateStarted', { length: n });
  const distributed = config.distributed;
  let mapRunArn = '';
  if (distributed) {
    const sm = core.stateMachineContext;
    const smName = typeof sm.Name === 'string' ? sm.Name : 'StateMachine';
    const arn = (typeof sm.Id === 'string' ? sm.Id : '').replace(':stateMachine:', ':mapRun:');
    mapRunArn = `${arn.slice(0, arn.length - smName.length)}${smName}/${config.label ?? name}:${core.uuid()}`;
    visit.event('MapRunStarted', { mapRunArn });
  }
  // A distributed Map runs each item as a child execution: its states are neither in this history nor in the path.
  const childCore = (): ExecutionCore =>
    distributed ? { ...core, history: new HistoryRecorder(() => core.clock.now()), path: [] } : core;
  const { controller, dispose } = childController(visit.frame.signal);
  const results: JsonValue[] = new Array<JsonValue>(n);
  const tolerant = config.toleratedFailureCount !== undefined || config.toleratedFailurePercentage !== undefined;
  let failed = 0;
  let firstFailure: BranchResult | undefined;
  let thresholdExceeded = false;
  const batched = inputs !== items;

  // Either threshold, when set, fails the Map once exceeded (AWS: the Map Run fails when either is exceeded).
  const exceeded = (): boolean => {
    if (!tolerant) return failed > 0;
    if (config.toleratedFailureCount !== undefined && failed > config.toleratedFailureCount) return true;
    return (
      config.toleratedFailurePercentage !== undefined && n > 0 && (failed * 100) / n > config.toleratedFailurePercentage
    );
  };

  const finishOne = (index: number, frame: Frame, r: BranchResult): void => {
    if (r.ok) {
      if (!distributed) core.history.add('MapIterationSucceeded', frame.lastEventId, { name, index });
      results[index] = r.output;
      return;
    }
    if (r.aborted) {
      if (!distributed) core.history.add('MapIterationAborted', frame.lastEventId, { name, index });
      results[index] = null;
      return;
    }
    if (!distributed) core.history.add('MapIterationFailed', frame.lastEventId, { name, index });
    failed++;
    results[index] = { Error: r.error ?? null, Cause: r.cause ?? null };
    firstFailure ??= r;
    if (exceeded() && !thresholdExceeded) {
      thresholdExceeded = true;
      controller.abort(new Error('map failed'));
    }
  };

  const startOne = (index: number, input: JsonValue): void | Promise<void> => {
    const iterStarted = distributed ? 1 : core.history.add('MapIterationStarted', startedId, { name, index });
    const frame: Frame = {
      vars: distributed ? {} : (Object.create(visit.frame.vars) as Record<string, JsonValue>),
      signal: controller.signal,
      lastEventId: iterStarted,
    };
    const r = runProgram(childCore(), processor, input, frame);
    if (r instanceof Promise) return r.then((x) => finishOne(index, frame, x));
    finishOne(index, frame, r);
  };

  /** Runs one iteration; synchronous iterations return without a promise. */
  const runOne = (index: number): void | Promise<void> => {
    const item = inputs[index]!;
    if (select && !batched) {
      const s = select(item, index);
      if (s instanceof Promise) return s.then((input) => startOne(index, input));
      return startOne(index, s);
    }
    return startOne(index, item);
  };

  try {
    const limit = config.maxConcurrency > 0 ? Math.min(config.maxConcurrency, n) : n;
    if (limit >= n) {
      const pending: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const p = runOne(i);
        if (p !== undefined) pending.push(p);
      }
      if (pending.length > 0) await Promise.all(pending);
    } else {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < n && !thresholdExceeded && !controller.signal.aborted) {
          const p = runOne(next++);
          if (p !== undefined) await p;
        }
      };
      const workers: Promise<void>[] = [];
      for (let w = 0; w < limit; w++) workers.push(worker());
      await Promise.all(workers);
    }
    visit.frame.lastEventId = core.history.lastId;
    if (visit.frame.signal.aborted) throw new PropagatedFailure(undefined, undefined);
    if (thresholdExceeded) {
      if (distributed) visit.event('MapRunFailed');
      visit.event('MapStateFailed');
      if (!tolerant && firstFailure !== undefined && !firstFailure.ok) {
        throw new PropagatedFailure(firstFailure.error, firstFailure.cause);
      }
      throw new StatesFailure(
        'States.ExceedToleratedFailureThreshold',
        'The specified tolerated failure threshold was exceeded',
      );
    }
    if (distributed) visit.event('MapRunSucceeded');
    const options = visit.core.options;
    const writer =
      options.resultWriter ?? (options.objectStore ? createObjectStoreResultWriter(options.objectStore) : undefined);
    if (config.resultWriter !== undefined && writer !== undefined) {
      const written = await writer(config.resultWriter, results, {
        stateName: name,
        signal: visit.frame.signal,
        mapRunArn,
        now: core.clock.now(),
      });
      visit.frame.lastEventId = core.history.lastId;
      visit.event('MapStateSucceeded');
      return written;
    }
    checkResultSize(results, name, core.payloadLimit);
    visit.event('MapStateSucceeded');
    return results;
  } catch (e) {
    // e.g. an ItemSelector path that selects nothing: stop the iterations already running.
    controller.abort(new Error('map failed'));
    throw e;
  } finally {
    dispose();
  }
}
