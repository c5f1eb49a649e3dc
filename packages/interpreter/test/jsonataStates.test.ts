import { runExecution, VirtualClock } from '@step/interpreter';

const run = (definition: unknown, input: unknown = {}, clock = new VirtualClock(0)) =>
  runExecution(
    { QueryLanguage: 'JSONata', ...(definition as object) },
    { input, clock, handlers: { T: () => ({ ok: 1 }) } },
  );

describe('JSONata states', () => {
  it('passes Arguments to a task and shapes Output from $states.result', async () => {
    // Act
    const result = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Arguments: { n: '{% $states.input.n * 2 %}' },
            Output: { result: '{% $states.result %}', input: '{% $states.input %}' },
            End: true,
          },
        },
      },
      { n: 2 },
    );
    // Assess
    expect(result.output).toEqual({ result: { ok: 1 }, input: { n: 2 } });
  });

  it('catches with Output and Assign from $states.errorOutput', async () => {
    // Prepare
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% $states.errorOutput.Error %}',
              Assign: { failed: true },
              Next: 'After',
            },
          ],
          End: true,
        },
        After: { Type: 'Pass', Output: { error: '{% $states.input %}', failed: '{% $failed %}' }, End: true },
      },
    };
    // Act
    const result = await runExecution(definition, { handlers: { T: () => Promise.reject(new RangeError('bad')) } });
    // Assess
    expect(result.output).toEqual({ error: 'RangeError', failed: true });
  });

  it('maps Items with an ItemSelector that reads $states.context.Map.Item', async () => {
    // Act
    const result = await run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: '{% $states.input.xs %}',
            ItemSelector: { v: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { xs: ['a', 'b'] },
    );
    // Assess
    expect(result.output).toEqual([
      { v: 'a', i: 0 },
      { v: 'b', i: 1 },
    ]);
  });

  it('waits for Seconds computed by an expression', async () => {
    // Prepare
    const clock = new VirtualClock(0);
    // Act
    const result = await run(
      { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } } },
      { s: 7 },
      clock,
    );
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(clock.now()).toBe(7_000);
  });

  it('fails with Error and Cause expressions', async () => {
    // Act
    const result = await run(
      { StartAt: 'F', States: { F: { Type: 'Fail', Error: '{% $states.input.e %}', Cause: 'literal cause' } } },
      { e: 'Computed' },
    );
    // Assess
    expect([result.error, result.cause]).toEqual(['Computed', 'literal cause']);
  });

  it('records an EvaluationFailed event and fails with States.QueryEvaluationError', async () => {
    // Act
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $nope %}', End: true } } });
    // Assess
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.history().some((e) => e.type === 'EvaluationFailed')).toBe(true);
  });
});
