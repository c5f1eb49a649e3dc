import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonValue } from '@step/asl';
import {
  DirectoryObjectStore,
  MemoryObjectStore,
  ObjectStoreError,
  runExecution,
  VirtualClock,
} from '@step/interpreter';
import type { ExecutionOptions } from '@step/interpreter';

/** A distributed Map whose items come from `reader` and whose iterations pass their item through. */
const readerMap = (reader: Record<string, unknown>, extra: Record<string, unknown> = {}, language?: 'JSONata') => ({
  ...(language ? { QueryLanguage: language } : {}),
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemReader: reader,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'I',
        States: { I: { Type: 'Pass', End: true } },
      },
      End: true,
      ...extra,
    },
  },
});

const getObject = (key: string, readerConfig: Record<string, unknown> = { InputType: 'JSON' }) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  Parameters: { Bucket: 'in', Key: key },
  ReaderConfig: readerConfig,
});

const run = (definition: unknown, options: ExecutionOptions) =>
  runExecution(definition, { clock: new VirtualClock(0), stateMachineName: 'SM', ...options });

describe('distributed Map over an ObjectStore', () => {
  it('reads a CSV object with its first row as headers, every value a string', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'a.csv', body: 'id,n\n1,"x,y"\n2,\n' }]);
    // Act
    const result = await run(readerMap(getObject('a.csv', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' })), {
      objectStore,
    });
    // Assess
    expect(result.output).toEqual([
      { id: '1', n: 'x,y' },
      { id: '2', n: '' },
    ]);
  });

  it('reads CSV with given headers and another delimiter, dropping fields past the last header', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'a.csv', body: 'a|b|c\nd\n' }]);
    const config = { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1', 'H2'], CSVDelimiter: 'PIPE' };
    // Act
    const result = await run(readerMap(getObject('a.csv', config)), { objectStore });
    // Assess
    expect(result.output).toEqual([
      { H1: 'a', H2: 'b' },
      { H1: 'd', H2: '' },
    ]);
  });

  it('fails with States.ItemReaderFailed on duplicate CSV headers', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'a.csv', body: '1,2\n' }]);
    const config = { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H', 'H'] };
    // Act
    const result = await run(readerMap(getObject('a.csv', config)), { objectStore });
    // Assess
    expect([result.error, result.cause]).toEqual(['States.ItemReaderFailed', 'CSV headers cannot contain duplicates.']);
  });

  it('reads JSONL, and a JSON array found by ItemsPointer', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([
      { bucket: 'in', key: 'a.jsonl', body: '{"a":1}\n\n{"a":2}\n' },
      { bucket: 'in', key: 'b.json', body: '{"data":{"rows":[3,4]}}' },
    ]);
    // Act
    const jsonl = await run(readerMap(getObject('a.jsonl', { InputType: 'JSONL' })), { objectStore });
    const pointer = await run(readerMap(getObject('b.json', { InputType: 'JSON', ItemsPointer: '/data/rows' })), {
      objectStore,
    });
    // Assess
    expect(jsonl.output).toEqual([{ a: 1 }, { a: 2 }]);
    expect(pointer.output).toEqual([3, 4]);
  });

  it('fails with States.ItemReaderFailed when the JSON object is not an array', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'a.json', body: '{"a":1}' }]);
    // Act
    const result = await run(readerMap(getObject('a.json')), { objectStore });
    // Assess
    expect([result.error, result.cause]).toEqual([
      'States.ItemReaderFailed',
      'Attempting to map over non-iterable node.',
    ]);
  });

  it('fails with States.ItemReaderFailed naming S3 when the key does not exist', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([], ['in']);
    // Act
    const result = await run(readerMap(getObject('nope.json')), { objectStore });
    // Assess
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(result.cause).toBe(
      'The specified key does not exist. (Service: S3, Status Code: 404, Error Code: NoSuchKey)',
    );
  });

  it('fails with States.ItemReaderFailed when the execution has no objectStore', async () => {
    // Act
    const result = await run(readerMap(getObject('a.json')), {});
    // Assess
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(result.cause).toContain('objectStore');
  });

  it('evaluates ItemReader Parameters against the state input and ignores ItemsPath', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[[1]]' }]);
    const reader = { Resource: 'arn:aws:states:::s3:getObject', Parameters: { 'Bucket.$': '$.b', 'Key.$': '$.k' } };
    // Act
    const result = await run(readerMap(reader, { ItemsPath: '$[0]' }), {
      objectStore,
      input: { b: 'in', k: 'k.json' },
    });
    // Assess
    expect(result.output).toEqual([[1]]);
  });

  it('evaluates JSONata Arguments and MaxItems', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[1, 2, 3]' }]);
    const reader = {
      Resource: 'arn:aws:states:::s3:getObject',
      Arguments: { Bucket: '{% $states.input.b %}', Key: 'k.json' },
      ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.max %}' },
    };
    // Act
    const result = await run(readerMap(reader, {}, 'JSONata'), { objectStore, input: { b: 'in', max: 2 } });
    // Assess
    expect(result.output).toEqual([1, 2]);
  });

  it.each([
    [2, 'SUCCEEDED', [1, 2]],
    ['2', 'SUCCEEDED', [1, 2]],
    [0, 'SUCCEEDED', [1, 2, 3]],
    [100_000_001, 'SUCCEEDED', [1, 2, 3]],
  ] as const)('keeps the first MaxItemsPath=%j items (0 = all)', async (max, status, output) => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[1, 2, 3]' }]);
    // Act
    const result = await run(readerMap(getObject('k.json', { InputType: 'JSON', MaxItemsPath: '$.max' })), {
      objectStore,
      input: { max },
    });
    // Assess
    expect([result.status, result.output]).toEqual([status, output]);
  });

  it.each([
    [-1, 'States.ItemReaderFailed', 'field MaxItems must be positive'],
    [1.5, 'States.Runtime', 'The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.max'],
  ] as const)('rejects MaxItemsPath=%j as AWS does', async (max, error, cause) => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[1]' }]);
    // Act
    const result = await run(readerMap(getObject('k.json', { InputType: 'JSON', MaxItemsPath: '$.max' })), {
      objectStore,
      input: { max },
    });
    // Assess
    expect(result.error).toBe(error);
    expect(result.cause).toContain(cause);
  });

  it('lists objects with listObjectsV2, and loads them with LOAD_AND_FLATTEN', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([
      { bucket: 'in', key: 'p/1.json', body: '[1]' },
      { bucket: 'in', key: 'p/2.json', body: '[2, 3]' },
      { bucket: 'in', key: 'q.json', body: '[9]' },
    ]);
    const list = (readerConfig: Record<string, unknown>) => ({
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      Parameters: { Bucket: 'in', Prefix: 'p/' },
      ReaderConfig: readerConfig,
    });
    // Act
    const listed = await run(readerMap(list({})), { objectStore });
    const flattened = await run(readerMap(list({ InputType: 'JSON', Transformation: 'LOAD_AND_FLATTEN' })), {
      objectStore,
    });
    // Assess
    expect((listed.output as { Key: string; Size: number }[]).map((o) => [o.Key, o.Size])).toEqual([
      ['p/1.json', 3],
      ['p/2.json', 6],
    ]);
    expect(flattened.output).toEqual([1, 2, 3]);
  });

  it('writes results and a manifest with ResultWriter under a Map Run named after the Label', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[1, 2]' }], ['out']);
    const definition = readerMap(getObject('k.json'), {
      Label: 'Batch',
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: 'out', 'Prefix.$': '$.prefix' },
      },
    });
    // Act
    const result = await run(definition, { objectStore, input: { prefix: 'res' }, uuid: () => 'run-1' });
    // Assess
    const output = result.output as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    expect(output.MapRunArn).toMatch(/:mapRun:SM\/Batch:run-1$/);
    expect(output.ResultWriterDetails).toEqual({ Bucket: 'out', Key: 'res/run-1/manifest.json' });
    const written = JSON.parse(
      Buffer.from(await objectStore.getObject('out', 'res/run-1/SUCCEEDED_0.json')).toString(),
    ) as { Output: string }[];
    expect(written.map((e) => JSON.parse(e.Output) as JsonValue)).toEqual([1, 2]);
  });

  it('fails with States.ResultWriterFailed when the bucket does not exist', async () => {
    // Prepare
    const objectStore = new MemoryObjectStore([{ bucket: 'in', key: 'k.json', body: '[1]' }]);
    const definition = readerMap(getObject('k.json'), {
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'r' } },
    });
    // Act
    const result = await run(definition, { objectStore });
    // Assess
    expect(result.error).toBe('States.ResultWriterFailed');
    expect(result.cause).toContain('NoSuchBucket');
  });

  it('keeps the error name of an itemReader option that rejects with a States.* error', async () => {
    // Prepare
    const itemReader = () => Promise.reject(Object.assign(new Error('denied'), { name: 'States.ItemReaderFailed' }));
    // Act
    const result = await run(readerMap(getObject('k.json')), { itemReader });
    // Assess
    expect([result.error, result.cause]).toEqual(['States.ItemReaderFailed', 'denied']);
  });
});

describe('DirectoryObjectStore', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'step-s3-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('serves <root>/<bucket>/<key> to a distributed Map and writes results there', async () => {
    // Prepare
    mkdirSync(path.join(root, 'in', 'data'), { recursive: true });
    mkdirSync(path.join(root, 'out'));
    writeFileSync(path.join(root, 'in', 'data', 'a.csv'), 'id\n1\n2\n');
    const definition = readerMap(getObject('data/a.csv', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }), {
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'r' } },
    });
    // Act
    const result = await run(definition, { objectStore: new DirectoryObjectStore(root), uuid: () => 'u' });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const manifest = JSON.parse(readFileSync(path.join(root, 'out', 'r', 'u', 'manifest.json'), 'utf8')) as {
      ResultFiles: unknown;
    };
    expect(manifest.ResultFiles).toEqual({
      FAILED: [],
      PENDING: [],
      SUCCEEDED: [{ Key: 'r/u/SUCCEEDED_0.json', Size: expect.any(Number) as number }],
    });
  });

  it('lists keys with / separators in key order', async () => {
    // Prepare
    mkdirSync(path.join(root, 'b', 'x'), { recursive: true });
    writeFileSync(path.join(root, 'b', 'x', '2'), 'bb');
    writeFileSync(path.join(root, 'b', '1'), 'a');
    // Act
    const listed = await new DirectoryObjectStore(root).listObjects('b', '');
    // Assess
    expect(listed.map((o) => [o.key, o.size])).toEqual([
      ['1', 1],
      ['x/2', 2],
    ]);
  });

  it.each([
    ['a missing bucket', 'nope', 'k', 'NoSuchBucket'],
    ['a key that leaves its bucket', 'b', '../other/k', 'NoSuchKey'],
    ['a missing key', 'b', 'k', 'NoSuchKey'],
  ])('reports %s as an ObjectStoreError', async (_what, bucket, key, code) => {
    // Prepare
    mkdirSync(path.join(root, 'b'));
    // Act
    const error = await new DirectoryObjectStore(root).getObject(bucket, key).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(ObjectStoreError);
    expect((error as ObjectStoreError).code).toBe(code);
  });
});
