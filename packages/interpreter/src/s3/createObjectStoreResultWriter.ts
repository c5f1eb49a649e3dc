import type { JsonValue } from '@step/asl';
import { StatesFailure } from '../StatesFailure.js';
import type { MapResultWriter } from '../types.js';
import { configFields as fields } from './configFields.js';
import type { ObjectStore } from './ObjectStore.js';
import { s3Cause } from './s3Cause.js';

/**
 * The `ResultWriter` of a distributed Map served from an {@link ObjectStore}, laid out as AWS writes S3:
 * `<Prefix>/<map run id>/SUCCEEDED_0.json` (or `.jsonl` with `WriterConfig.OutputType: JSONL`) and
 * `manifest.json`; the Map's result is `{MapRunArn, ResultWriterDetails: {Bucket, Key}}`.
 *
 * @remarks
 * `WriterConfig.Transformation` `NONE` (default: one child-execution record per item), `COMPACT` (`{Output,
 * Status}`) or `FLATTEN` (the outputs themselves). A failed write rejects with `States.ResultWriterFailed`.
 * The execution builds this writer itself from its `objectStore` option.
 *
 * @example
 * ```ts
 * const resultWriter = createObjectStoreResultWriter(new MemoryObjectStore([], ['out']));
 * await runExecution(definition, { resultWriter });
 * ```
 */
export function createObjectStoreResultWriter(store: ObjectStore): MapResultWriter {
  return async (config, results, context) => {
    const c = fields(config);
    const args = fields(c.Arguments ?? c.Parameters);
    const writer = fields(c.WriterConfig);
    const bucket = typeof args.Bucket === 'string' ? args.Bucket : '';
    const prefix = (typeof args.Prefix === 'string' ? args.Prefix : '').replace(/\/+$/, '');
    const mapRunArn = context.mapRunArn;
    const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    const dir = prefix === '' ? runId : `${prefix}/${runId}`;
    const transformation = writer.Transformation ?? 'NONE';
    const now = new Date(context.now).toISOString();
    const entries: JsonValue[] =
      transformation === 'FLATTEN'
        ? results
        : results.map((output, i): JsonValue =>
            transformation === 'COMPACT'
              ? { Output: JSON.stringify(output), Status: 'SUCCEEDED' }
              : {
                  ExecutionArn: `${mapRunArn.replace(':mapRun:', ':execution:')}:${i}`,
                  Input: '',
                  InputDetails: { Included: true },
                  Name: String(i),
                  Output: JSON.stringify(output),
                  OutputDetails: { Included: true },
                  RedriveCount: 0,
                  RedriveStatus: 'NOT_REDRIVABLE',
                  StartDate: now,
                  StateMachineArn: mapRunArn,
                  Status: 'SUCCEEDED',
                  StopDate: now,
                },
          );
    const jsonl = writer.OutputType === 'JSONL';
    const body = jsonl ? entries.map((e) => JSON.stringify(e)).join('\n') : JSON.stringify(entries);
    const resultKey = `${dir}/SUCCEEDED_0.${jsonl ? 'jsonl' : 'json'}`;
    const manifestKey = `${dir}/manifest.json`;
    try {
      await store.putObject(bucket, resultKey, body);
      const manifest = {
        DestinationBucket: bucket,
        MapRunArn: mapRunArn,
        ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: [{ Key: resultKey, Size: Buffer.byteLength(body) }] },
      };
      await store.putObject(bucket, manifestKey, JSON.stringify(manifest));
    } catch (e) {
      throw new StatesFailure('States.ResultWriterFailed', s3Cause(e));
    }
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
  };
}
