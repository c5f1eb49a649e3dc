import type { JsonValue, MapState } from '@step/asl';
import { StatesFailure } from '../../StatesFailure.js';
import { baseState } from '../baseState.js';
import { compileRetriers } from '../compileRetriers.js';
import { isPromise } from '../model.js';
import type { MaybePromise } from '../model.js';
import { evaluatedConfig, readMapItems } from '../readMapItems.js';
import { runMap } from '../runMap.js';
import type { MapConfig } from '../runMap.js';
import type { Read } from './FieldReader.js';
import type { StateModule } from './FieldReader.js';
import type { Visit } from '../Visit.js';

/**
 * Checks a Map state's evaluated tolerated-failure settings, whichever query language computed them, with AWS's
 * `States.Runtime` texts: "ToleratedFailureCount cannot be negative." and "ToleratedFailurePercentage must be
 * between 0 and 100.".
 * @internal
 */
export function checkMapConfig(config: MapConfig): void {
  if (config.toleratedFailureCount !== undefined && config.toleratedFailureCount < 0) {
    throw new StatesFailure('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  }
  const pct = config.toleratedFailurePercentage;
  if (pct !== undefined && (pct < 0 || pct > 100)) {
    throw new StatesFailure('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
}

/** An optional field's value for this visit (`undefined` when the field is absent). */
function optional<T>(read: Read<T> | undefined, visit: Visit, input: JsonValue): MaybePromise<T | undefined> {
  return read === undefined ? undefined : read(visit, input);
}

/**
 * Map: its items (an ItemReader's, else JSONPath `ItemsPath` / JSONata `Items`) must be an array; each goes through
 * the item selector to the processor, with the concurrency, tolerated failures, batching and ResultWriter settings
 * read (in that order) and checked by {@link checkMapConfig}; the array of results goes through the end. Retry and
 * Catch apply.
 *
 * @example
 * ```ts
 * const st = compileMap('Each', { Type: 'Map', ItemsPath: '$.orders', ItemProcessor: processor, End: true }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileMap: StateModule<MapState> = (name, state, reader, compileChild) => {
  const st = baseState(name, state, reader.jsonata);
  const processorScope = (state.ItemProcessor ?? state.Iterator)!;
  const processor = compileChild(processorScope);
  const distributed = processorScope.ProcessorConfig?.Mode === 'DISTRIBUTED';
  const label = typeof state.Label === 'string' ? state.Label : undefined;
  const input = reader.input(state);
  const itemReader = state.ItemReader;
  const readerArgs = itemReader && reader.arguments(itemReader, 'ItemReader');
  const maxItems =
    itemReader?.ReaderConfig &&
    reader.number(itemReader.ReaderConfig, 'MaxItems', 'integer', 'ItemReader/ReaderConfig');
  const items = reader.items(state);
  const select = reader.itemSelector(state);
  const maxConcurrency = reader.number(state, 'MaxConcurrency');
  const tolCount = reader.number(state, 'ToleratedFailureCount');
  const tolPct = reader.number(state, 'ToleratedFailurePercentage', 'float');
  const batcher = state.ItemBatcher;
  const maxItemsPerBatch = batcher && reader.number(batcher, 'MaxItemsPerBatch', 'integer', 'ItemBatcher');
  const maxInputBytesPerBatch = batcher && reader.number(batcher, 'MaxInputBytesPerBatch', 'integer', 'ItemBatcher');
  const batchInput = batcher && reader.template(batcher.BatchInput, 'ItemBatcher/BatchInput');
  const resultWriter = state.ResultWriter;
  const writerArgs = resultWriter && reader.arguments(resultWriter, 'ResultWriter');
  const finish = reader.finish(state, 'result');
  st.retriers = compileRetriers(state);
  st.catchers = reader.catchers(state);
  st.exec = async (visit, raw) => {
    const effective = input(visit, raw);
    // Each read is awaited only when it is a promise (JSONata): a JSONPath Map reaches its first iteration without a
    // microtask in between, as concurrent branches' events are ordered by those.
    let list: JsonValue;
    if (itemReader !== undefined) {
      let n = optional(maxItems, visit, effective);
      if (isPromise(n)) n = await n;
      let args = optional(readerArgs, visit, effective);
      if (isPromise(args)) args = await args;
      list = await readMapItems(visit, { config: evaluatedConfig(itemReader, args, n), maxItems: n }, effective);
    } else {
      const v = items(visit, effective);
      list = isPromise(v) ? await v : v;
    }
    if (!Array.isArray(list)) {
      throw new StatesFailure('States.Runtime', `Map state input must be an array but was: ${JSON.stringify(list)}`);
    }
    let concurrency = optional(maxConcurrency, visit, effective);
    if (isPromise(concurrency)) concurrency = await concurrency;
    let count = optional(tolCount, visit, effective);
    if (isPromise(count)) count = await count;
    let pct = optional(tolPct, visit, effective);
    if (isPromise(pct)) pct = await pct;
    let perBatch = optional(maxItemsPerBatch, visit, effective);
    if (isPromise(perBatch)) perBatch = await perBatch;
    let bytesPerBatch = optional(maxInputBytesPerBatch, visit, effective);
    if (isPromise(bytesPerBatch)) bytesPerBatch = await bytesPerBatch;
    let writer = optional(writerArgs, visit, effective);
    if (isPromise(writer)) writer = await writer;
    let batch = optional(batchInput, visit, effective);
    if (isPromise(batch)) batch = await batch;
    const config: MapConfig = {
      maxConcurrency: concurrency ?? 0,
      toleratedFailureCount: count,
      toleratedFailurePercentage: pct,
      maxItemsPerBatch: perBatch,
      maxInputBytesPerBatch: bytesPerBatch,
      resultWriter: resultWriter && evaluatedConfig(resultWriter, writer),
      batchInput: batch,
      distributed,
      label,
    };
    checkMapConfig(config);
    const selectItem = select && ((item: JsonValue, index: number) => select(visit, effective, item, index));
    const result = await runMap(visit, processor, list, selectItem, config);
    const outcome = finish(visit, raw, effective, result, st.next);
    return isPromise(outcome) ? await outcome : outcome;
  };
  return st;
};
