import { runExecution, VirtualClock } from '@step/interpreter';

/** A one-state machine (plus `Next` targets), written in one query language. */
const machine = (
  language: 'JSONPath' | 'JSONata',
  state: Record<string, unknown>,
  more: Record<string, unknown> = {},
) => ({
  QueryLanguage: language,
  StartAt: 'S',
  States: { S: state, ...more },
});

const end = { Type: 'Succeed' };
const processor = { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

/**
 * Each state module's semantics, once per query language, with the same input and the same outcome (AWS has both
 * forms of each of these).
 */
const cases: [string, Record<string, unknown>, Record<string, unknown>, unknown, Record<string, unknown>][] = [
  [
    'pass: Result placed at ResultPath / Output',
    { Type: 'Pass', Result: { ok: true }, ResultPath: '$.r', End: true },
    { Type: 'Pass', Output: '{% $merge([$states.input, {"r": {"ok": true}}]) %}', End: true },
    { a: 1 },
    { status: 'SUCCEEDED', output: { a: 1, r: { ok: true } } },
  ],
  [
    'choice: the first matching rule wins, its Assign applies',
    {
      Type: 'Choice',
      Choices: [
        { Variable: '$.n', NumericGreaterThan: 5, Next: 'Big', Assign: { 'size.$': '$.n' } },
        { Variable: '$.n', NumericGreaterThan: 1, Next: 'Wrong' },
      ],
      Default: 'Wrong',
    },
    {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n > 5 %}', Next: 'Big', Assign: { size: '{% $states.input.n %}' } },
        { Condition: '{% $states.input.n > 1 %}', Next: 'Wrong' },
      ],
      Default: 'Wrong',
    },
    { n: 9 },
    { status: 'SUCCEEDED', output: 9 },
  ],
  [
    'choice: no rule and no Default is States.NoChoiceMatched',
    {
      Type: 'Choice',
      Choices: [
        { Variable: '$.n', NumericEquals: 0, Next: 'Big' },
        { Variable: '$.n', NumericEquals: 1, Next: 'Wrong' },
      ],
    },
    {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $states.input.n = 0 %}', Next: 'Big' },
        { Condition: '{% $states.input.n = 1 %}', Next: 'Wrong' },
      ],
    },
    { n: 9 },
    { status: 'FAILED', error: 'States.NoChoiceMatched' },
  ],
  [
    'wait: Seconds read from the input, the clock advances by them',
    { Type: 'Wait', SecondsPath: '$.s', End: true },
    { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true },
    { s: 30 },
    { status: 'SUCCEEDED', output: { s: 30 }, elapsedMs: 30_000 },
  ],
  [
    'succeed: the output selected from the input',
    { Type: 'Succeed', OutputPath: '$.keep' },
    { Type: 'Succeed', Output: '{% $states.input.keep %}' },
    { keep: [1], drop: 2 },
    { status: 'SUCCEEDED', output: [1] },
  ],
  [
    'fail: Error literal, Cause read from the input',
    { Type: 'Fail', Error: 'Rejected', CausePath: '$.why' },
    { Type: 'Fail', Error: 'Rejected', Cause: '{% $states.input.why %}' },
    { why: 'out of stock' },
    { status: 'FAILED', error: 'Rejected', cause: 'out of stock' },
  ],
  [
    'task: the resource called with the arguments, the result placed at ResultPath / Output',
    {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { 'id.$': '$.id' },
      ResultPath: '$.r',
      End: true,
    },
    {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Arguments: { id: '{% $states.input.id %}' },
      Output: '{% $merge([$states.input, {"r": $states.result}]) %}',
      End: true,
    },
    { id: 1 },
    { status: 'SUCCEEDED', output: { id: 1, r: { echo: { id: 1 } } } },
  ],
  [
    'task: a failure caught, the error output placed by the catcher',
    {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Done' }],
      End: true,
    },
    {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Output: '{% $merge([$states.input, {"err": $states.errorOutput}]) %}',
          Next: 'Done',
        },
      ],
      End: true,
    },
    { a: 1, fail: true },
    { status: 'SUCCEEDED', output: { a: 1, fail: true, err: { Error: 'Boom', Cause: 'no queue' } } },
  ],
  [
    'parallel: every branch on the arguments, outputs in branch order',
    {
      Type: 'Parallel',
      Parameters: { 'x.$': '$.x' },
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', OutputPath: '$.x', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
      ],
      End: true,
    },
    {
      Type: 'Parallel',
      Arguments: { x: '{% $states.input.x %}' },
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $states.input.x %}', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Output: 'b', End: true } } },
      ],
      End: true,
    },
    { x: 'a' },
    { status: 'SUCCEEDED', output: ['a', 'b'] },
  ],
  [
    'map: items through the selector and the processor, results in item order',
    {
      Type: 'Map',
      ItemsPath: '$.list',
      ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
      MaxConcurrency: 1,
      ItemProcessor: processor,
      End: true,
    },
    {
      Type: 'Map',
      Items: '{% $states.input.list %}',
      ItemSelector: { v: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' },
      MaxConcurrency: 1,
      ItemProcessor: processor,
      End: true,
    },
    { list: ['x', 'y'] },
    {
      status: 'SUCCEEDED',
      output: [
        { v: 'x', i: 0 },
        { v: 'y', i: 1 },
      ],
    },
  ],
];

describe('state modules: the same semantics in JSONPath and JSONata', () => {
  describe.each(cases)('%s', (_title, jsonPath, jsonata, input, expected) => {
    it.each([
      ['JSONPath', jsonPath],
      ['JSONata', jsonata],
    ] as const)('%s', async (language, state) => {
      // Prepare
      const clock = new VirtualClock(0);
      const more =
        state.Type === 'Choice'
          ? {
              Big: {
                Type: 'Pass',
                ...(language === 'JSONata' ? { Output: '{% $size %}' } : { OutputPath: '$size' }),
                End: true,
              },
              Wrong: { Type: 'Fail', Error: 'WrongBranch' },
            }
          : state.Type === 'Task'
            ? state.Catch === undefined
              ? {}
              : { Done: end }
            : {};
      // Act
      const invoke = (_resource: string, params: unknown) =>
        (params as { fail?: boolean }).fail
          ? Promise.reject(Object.assign(new Error('no queue'), { name: 'Boom' }))
          : Promise.resolve({ echo: params });
      const result = await runExecution(machine(language, state, more), { input, clock, invoke });
      // Assess
      expect(result.status).toBe(expected.status);
      if ('output' in expected) expect(result.output).toEqual(expected.output);
      if ('error' in expected) expect(result.error).toBe(expected.error);
      if ('cause' in expected) expect(result.cause).toBe(expected.cause);
      if ('elapsedMs' in expected) expect(clock.now()).toBe(expected.elapsedMs);
    });
  });
});
