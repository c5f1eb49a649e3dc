import type { JsonValue } from '@step/asl';
import { createObjectStoreItemReader } from '../s3/createObjectStoreItemReader.js';
import { isStatesFailure, StatesFailure } from '../StatesFailure.js';
import { PropagatedFailure } from './failures.js';
import type { Visit } from './Visit.js';

/**
 * A distributed Map's ItemReader with its fields evaluated: `Arguments` from `Parameters` (JSONPath) or
 * `Arguments` (JSONata), and `maxItems` from `ReaderConfig.MaxItems`/`MaxItemsPath` (`undefined` = not set).
 * @internal
 */
export interface EvaluatedItemReader {
  config: { [k: string]: JsonValue };
  maxItems: number | undefined;
}

/**
 * Builds the evaluated ItemReader (or ResultWriter) configuration handed to the reader: `raw` with `Parameters`
 * replaced by the evaluated `Arguments` and `ReaderConfig.MaxItems(Path)` by its value.
 * @internal
 */
export function evaluatedConfig(
  raw: unknown,
  args: JsonValue | undefined,
  maxItems?: number,
): { [k: string]: JsonValue } {
  const { Parameters: _p, Arguments: _a, ...rest } = raw as { [k: string]: JsonValue };
  const out: { [k: string]: JsonValue } = { ...rest };
  if (args !== undefined) out.Arguments = args;
  const reader = rest.ReaderConfig;
  if (reader !== null && typeof reader === 'object' && !Array.isArray(reader)) {
    const { MaxItemsPath: _m, ...readerRest } = reader;
    out.ReaderConfig = maxItems === undefined ? readerRest : { ...readerRest, MaxItems: maxItems };
  }
  return out;
}

/**
 * Reads a distributed Map's items through the execution's `itemReader` option, else through its `objectStore`,
 * and keeps the first `MaxItems` (0 = all). The Map's `ItemsPath` does not apply to what a reader returns.
 *
 * @remarks
 * Fails with `States.ItemReaderFailed`: a negative MaxItems ("field MaxItems must be positive", AWS's text), no
 * reader or store, a reader that rejects (its `States.*` error name, if any, is kept) or returns a non-array.
 * @internal
 */
export async function readMapItems(visit: Visit, reader: EvaluatedItemReader, input: JsonValue): Promise<JsonValue[]> {
  const name = visit.state.name;
  const { maxItems } = reader;
  if (maxItems !== undefined && maxItems < 0)
    throw new StatesFailure('States.ItemReaderFailed', 'field MaxItems must be positive');
  const options = visit.core.options;
  const read =
    options.itemReader ?? (options.objectStore ? createObjectStoreItemReader(options.objectStore) : undefined);
  if (read === undefined) {
    throw new StatesFailure(
      'States.ItemReaderFailed',
      `Map state '${name}' has an ItemReader but the execution has no objectStore (or itemReader) option to read it from.`,
    );
  }
  let items: unknown;
  try {
    items = await read(reader.config, { stateName: name, input, signal: visit.frame.signal });
  } catch (e) {
    if (isStatesFailure(e) || e instanceof PropagatedFailure) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    if (err.name.startsWith('States.')) throw new PropagatedFailure(err.name, err.message);
    throw new StatesFailure('States.ItemReaderFailed', err.message);
  }
  if (!Array.isArray(items))
    throw new StatesFailure('States.ItemReaderFailed', 'Attempting to map over non-iterable node.');
  return maxItems !== undefined && maxItems > 0 && items.length > maxItems
    ? (items as JsonValue[]).slice(0, maxItems)
    : (items as JsonValue[]);
}
