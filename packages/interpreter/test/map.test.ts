import type { JsonValue } from '@step/asl';
import { runExecution, VirtualClock } from '@step/interpreter';

const mapOf = (
  map: Record<string, unknown>,
  processor: Record<string, unknown> = { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
  mode: 'INLINE' | 'DISTRIBUTED' = 'INLINE',
) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      End: true,
      ItemProcessor: {
        ProcessorConfig: mode === 'INLINE' ? { Mode: mode } : { Mode: mode, ExecutionType: 'STANDARD' },
        StartAt: 'I',
        States: { I: processor },
      },
      ...map,
    },
  },
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Map', () => {
  it.each([1, 3, 0])('never runs more than MaxConcurrency=%i iterations at once', async (max) => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    const handler = async (input: JsonValue) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      await tick();
      inFlight--;
      return input;
    };
    // Act
    const result = await runExecution(mapOf({ MaxConcurrency: max }), {
      input: [1, 2, 3, 4, 5, 6, 7],
      handlers: { I: handler },
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.output).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(max === 0 ? 7 : max);
  });

  it('applies ItemsPath, ItemSelector with $$.Map.Item, and ResultPath', async () => {
    // Act
    const result = await runExecution(
      mapOf(
        {
          ItemsPath: '$.xs',
          ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'k.$': '$.k' },
          ResultPath: '$.out',
        },
        { Type: 'Pass', End: true },
      ),
      { input: { xs: ['a', 'b'], k: 1 } },
    );
    // Assess
    expect(result.output).toEqual({
      xs: ['a', 'b'],
      k: 1,
      out: [
        { i: 0, v: 'a', k: 1 },
        { i: 1, v: 'b', k: 1 },
      ],
    });
  });

  it('batches items with ItemBatcher', async () => {
    // Act
    const result = await runExecution(
      mapOf(
        { ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { tag: 't' } } },
        { Type: 'Pass', End: true },
        'DISTRIBUTED',
      ),
      {
        input: [1, 2, 3],
      },
    );
    // Assess
    expect(result.output).toEqual([
      { Items: [1, 2], BatchInput: { tag: 't' } },
      { Items: [3], BatchInput: { tag: 't' } },
    ]);
  });

  it('batches items by JSON size with MaxInputBytesPerBatch', async () => {
    // Act
    const result = await runExecution(
      mapOf({ ItemBatcher: { MaxInputBytesPerBatch: 40 } }, { Type: 'Pass', End: true }, 'DISTRIBUTED'),
      {
        input: ['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd'],
      },
    );
    // Assess
    const batches = result.output as { Items: string[] }[];
    expect(batches.flatMap((b) => b.Items)).toEqual(['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd']);
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThanOrEqual(40);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('fails with the iteration error when no failure is tolerated', async () => {
    // Act
    const result = await runExecution(mapOf({}, { Type: 'Fail', Error: 'ItemBad', Cause: 'c' }), { input: [1, 2] });
    // Assess
    expect([result.status, result.error, result.cause]).toEqual(['FAILED', 'ItemBad', 'c']);
  });

  it.each([
    [{ ToleratedFailureCount: 1 }, 'SUCCEEDED'],
    [{ ToleratedFailurePercentage: 40 }, 'SUCCEEDED'],
    [{ ToleratedFailurePercentage: 10 }, 'FAILED'],
    [{ ToleratedFailureCount: 5, ToleratedFailurePercentage: 10 }, 'FAILED'],
    [{ ToleratedFailureCount: 0, ToleratedFailurePercentage: 50 }, 'FAILED'],
    [{ ToleratedFailureCount: 1, ToleratedFailurePercentage: 34 }, 'SUCCEEDED'],
    [{ ToleratedFailureCount: 0, ToleratedFailurePercentage: 0 }, 'FAILED'],
  ])('tolerates failures up to the threshold %j', async (tolerance, status) => {
    // Act
    const result = await runExecution(mapOf(tolerance), {
      input: [1, 2, 3],
      handlers: {
        I: (n) => {
          if (n === 2) throw new Error('bad item');
          return n;
        },
      },
    });
    // Assess
    expect(result.status).toBe(status);
    if (status === 'FAILED') expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('keeps iteration variables inside the iteration while reading outer ones', async () => {
    // Prepare
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 10 }, Next: 'M' },
        M: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            StartAt: 'A',
            States: {
              A: { Type: 'Pass', Assign: { 'inner.$': '$' }, Next: 'B' },
              B: { Type: 'Pass', Parameters: { 'inner.$': '$inner', 'outer.$': '$outer' }, End: true },
            },
          },
        },
      },
    };
    // Act
    const result = await runExecution(definition, { input: [1, 2] });
    // Assess
    expect(result.output).toEqual([
      { inner: 1, outer: 10 },
      { inner: 2, outer: 10 },
    ]);
  });

  it('fails with States.DataLimitExceeded when the results exceed 256 KiB', async () => {
    // Act
    const result = await runExecution(mapOf({}, { Type: 'Pass', Result: 'x'.repeat(1_000), End: true }), {
      input: Array.from({ length: 300 }, (_, i) => i),
    });
    // Assess
    expect(result.error).toBe('States.DataLimitExceeded');
  });

  it('hands a distributed ResultWriter the results through the resultWriter hook', async () => {
    // Prepare
    const written: JsonValue[][] = [];
    // Act
    const result = await runExecution(
      mapOf(
        { ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } } },
        { Type: 'Pass', End: true },
        'DISTRIBUTED',
      ),
      {
        input: [1, 2],
        resultWriter: (_config, results) => {
          written.push(results);
          return Promise.resolve({ ResultWriterDetails: { Bucket: 'b', Key: 'p/manifest.json' } });
        },
      },
    );
    // Assess
    expect(written).toEqual([[1, 2]]);
    expect(result.output).toEqual({ ResultWriterDetails: { Bucket: 'b', Key: 'p/manifest.json' } });
  });

  it('reads a distributed ItemReader through the itemReader hook', async () => {
    // Act
    const result = await runExecution(
      mapOf(
        { ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } } },
        { Type: 'Pass', End: true },
        'DISTRIBUTED',
      ),
      { itemReader: () => Promise.resolve([{ n: 1 }]) },
    );
    // Assess
    expect(result.output).toEqual([{ n: 1 }]);
  });

  it.each([
    ['MaxConcurrencyPath', { MaxConcurrencyPath: '$.v' }, '1'],
    ['ToleratedFailureCountPath', { ToleratedFailureCountPath: '$.v' }, '0'],
    ['ToleratedFailurePercentagePath', { ToleratedFailurePercentagePath: '$.v' }, '12.5'],
    ['MaxItemsPerBatchPath', { ItemBatcher: { MaxItemsPerBatchPath: '$.v' } }, '2'],
  ])('accepts a numeric string from %s, as AWS does', async (_field, fields, v) => {
    // Prepare
    const definition = mapOf({ ItemsPath: '$.items', ...fields }, { Type: 'Pass', End: true }, 'DISTRIBUTED');
    // Act
    const result = await runExecution(definition, { input: { items: [1, 2], v }, clock: new VirtualClock(0) });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
  });

  it.each([
    ['MaxConcurrencyPath', { MaxConcurrencyPath: '$.v' }, '1.5', 'integer'],
    ['ToleratedFailurePercentagePath', { ToleratedFailurePercentagePath: '$.v' }, 'NoNumber', 'float'],
  ])('rejects a non-numeric string from %s', async (field, fields, v, kind) => {
    // Prepare
    const definition = mapOf({ ItemsPath: '$.items', ...fields }, { Type: 'Pass', End: true });
    // Act
    const result = await runExecution(definition, { input: { items: [1], v }, clock: new VirtualClock(0) });
    // Assess
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain(`The ${field} field refers to value "${v}" which is not a valid ${kind}: $.v`);
  });
});
