import { runExecution, VirtualClock } from '@step/interpreter';

// A string of 150,000 bytes: one copy fits in 256 KiB, two do not.
const half = 'x'.repeat(150_000);
const LIMIT_CAUSE = (name: string): string =>
  `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;

const run = (definition: unknown, input: unknown, extra: Record<string, unknown> = {}) =>
  runExecution(definition, { input, clock: new VirtualClock(0), ...extra });

describe('the 256 KiB quota on state outputs', () => {
  it.each([
    [
      'Pass Parameters that copy the input twice',
      { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true },
    ],
    ['a Pass ResultPath that merges the input into itself', { Type: 'Pass', ResultPath: '$.copy', End: true }],
    ['a Pass Result merged into a large input', { Type: 'Pass', Result: { r: half }, ResultPath: '$.r', End: true }],
    [
      'a JSONata Output',
      {
        Type: 'Pass',
        QueryLanguage: 'JSONata',
        Output: '{% {"a": $states.input.s, "b": $states.input.s} %}',
        End: true,
      },
    ],
  ])('fails %s with States.DataLimitExceeded', async (_name, state) => {
    // Act
    const result = await run({ StartAt: 'Grow', States: { Grow: state } }, { s: half });
    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toBe(LIMIT_CAUSE('Grow'));
  });

  it('fails a Task whose result, merged by ResultPath into the input, is over the quota', async () => {
    // Act
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:my:task', ResultPath: '$.result', End: true },
        },
      },
      { s: half },
      { handlers: { T: () => ({ s: half }) } },
    );
    // Assess
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toBe(LIMIT_CAUSE('T'));
  });

  it('is caught by a Catch that names it but not by States.ALL', async () => {
    // Prepare
    const definition = (errorEquals: string[]) => ({
      StartAt: 'Grow',
      States: {
        Grow: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:my:task',
          ResultPath: '$.copy',
          Catch: [{ ErrorEquals: errorEquals, ResultPath: null, Next: 'Caught' }],
          Next: 'Done',
        },
        Caught: { Type: 'Pass', Result: 'caught', End: true },
        Done: { Type: 'Succeed' },
      },
    });
    // Act
    const handlers = { handlers: { Grow: () => ({ s: half }) } };
    const named = await run(definition(['States.DataLimitExceeded']), { s: half }, handlers);
    const all = await run(definition(['States.ALL']), { s: half }, handlers);
    // Assess
    expect(named.status).toBe('SUCCEEDED');
    expect(named.output).toBe('caught');
    expect(all.status).toBe('FAILED');
    expect(all.error).toBe('States.DataLimitExceeded');
  });

  it('leaves an output just under the quota alone', async () => {
    // Prepare: {"a":"<s>","b":"<s>"} is 2 * 131,000 + 17 = 262,017 bytes
    const s = 'y'.repeat(131_000);
    // Act
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } },
      { s },
    );
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ a: s, b: s });
  });

  it('counts UTF-8 bytes, not characters', async () => {
    // Prepare: 50,000 three-byte characters per copy: 100,000 characters but 300,000 bytes
    const s = '€'.repeat(50_000);
    // Act
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } },
      { s },
    );
    // Assess
    expect(result.error).toBe('States.DataLimitExceeded');
  });

  it('is lifted by maxPayloadBytes for local stress runs', async () => {
    // Act
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', ResultPath: '$.copy', End: true } } },
      { s: half },
      {
        maxPayloadBytes: Infinity,
      },
    );
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ s: half, copy: { s: half } });
  });

  it('applies a lower maxPayloadBytes to the execution input', () => {
    // Act / Assess
    expect(() =>
      runExecution(
        { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        { input: { s: 'x'.repeat(100) }, maxPayloadBytes: 50 },
      ),
    ).toThrow(/maxPayloadBytes is 50/);
  });

  it.each([0, -1, 1.5])('rejects maxPayloadBytes %p', (limit) => {
    // Act / Assess
    expect(() =>
      runExecution({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { maxPayloadBytes: limit }),
    ).toThrow(/maxPayloadBytes must be a positive integer/);
  });
});

describe('the quota check near the limit', () => {
  it.each([
    ['numbers', (n: number) => Array.from({ length: n }, (_, i) => 1e300 * (i + 1))],
    ['escaped strings', (n: number) => Array.from({ length: n }, () => '\u0001\u0002')],
    ['nested objects', (n: number) => Array.from({ length: n }, (_, i) => ({ ['k' + i]: { v: i } }))],
  ])('agrees with the exact size for %s', async (_name, make) => {
    // Prepare: find the longest array whose {"copy":[...],"a":[...]}-style output fits, by the exact size
    const exact = (n: number): number => Buffer.byteLength(JSON.stringify({ a: make(n), copy: { a: make(n) } }));
    let n = 1;
    while (exact(n * 2) <= 262_144) n *= 2;
    let lo = n;
    let hi = n * 2;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (exact(mid) <= 262_144) lo = mid;
      else hi = mid;
    }
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', ResultPath: '$.copy', End: true } } };
    // Act
    const fits = await run(definition, { a: make(lo) });
    const over = await run(definition, { a: make(hi) });
    // Assess
    expect(fits.status).toBe('SUCCEEDED');
    expect(over.error).toBe('States.DataLimitExceeded');
  });

  it('is caught by States.ALL when the task itself failed with it', async () => {
    // Prepare: AWS recorded a Lambda whose response was over the quota, caught by a States.ALL catcher
    const definition = {
      StartAt: 'Big',
      States: {
        Big: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:my:task',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    // Act
    const result = await run(definition, {}, { handlers: { Big: () => ({ s: half + half }) } });
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      Error: 'States.DataLimitExceeded',
      Cause: LIMIT_CAUSE('arn:aws:states:::aws-sdk:my:task'),
    });
  });
});
