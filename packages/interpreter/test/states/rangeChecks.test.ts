import { runExecution, VirtualClock } from '@step/interpreter';

/** One state machine, written once per query language. */
const machine = (language: 'JSONPath' | 'JSONata', state: Record<string, unknown>) => ({
  QueryLanguage: language,
  StartAt: 'S',
  States: { S: { ...state, End: true } },
});

const processor = {
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'P',
  States: { P: { Type: 'Pass', End: true } },
};

describe('range checks of evaluated state fields, in both query languages', () => {
  it.each([
    ['JSONPath', { Type: 'Wait', Timestamp: '9999-01-01T00:00:00Z' }],
    ['JSONata', { Type: 'Wait', Timestamp: '9999-01-01T00:00:00Z' }],
    ['JSONPath', { Type: 'Wait', TimestampPath: '$.at' }],
    ['JSONata', { Type: 'Wait', Timestamp: '{% $states.input.at %}' }],
  ] as const)('%s: a Wait longer than about 2^31 s fails with States.Runtime', async (language, state) => {
    // Act
    const result = await runExecution(machine(language, state), {
      input: { at: '9999-01-01T00:00:00Z' },
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/Wait state delay is too long\.$/);
  });

  it.each([
    ['JSONPath', { ToleratedFailureCountPath: '$.v' }, -1, 'ToleratedFailureCount cannot be negative.'],
    ['JSONata', { ToleratedFailureCount: '{% $states.input.v %}' }, -1, 'ToleratedFailureCount cannot be negative.'],
    [
      'JSONPath',
      { ToleratedFailurePercentagePath: '$.v' },
      100.5,
      'ToleratedFailurePercentage must be between 0 and 100.',
    ],
    [
      'JSONata',
      { ToleratedFailurePercentage: '{% $states.input.v %}' },
      100.5,
      'ToleratedFailurePercentage must be between 0 and 100.',
    ],
    [
      'JSONPath',
      { ToleratedFailurePercentagePath: '$.v' },
      -0.5,
      'ToleratedFailurePercentage must be between 0 and 100.',
    ],
    [
      'JSONata',
      { ToleratedFailurePercentage: '{% $states.input.v %}' },
      -0.5,
      'ToleratedFailurePercentage must be between 0 and 100.',
    ],
  ] as const)('%s: Map %j = %d fails with States.Runtime', async (language, fields, v, cause) => {
    // Prepare
    const items = language === 'JSONata' ? { Items: '{% $states.input.items %}' } : { ItemsPath: '$.items' };
    const state = { Type: 'Map', ...items, ...fields, ItemProcessor: processor };
    // Act
    const result = await runExecution(machine(language, state), {
      input: { items: [1], v },
      clock: new VirtualClock(0),
    });
    // Assess
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(new RegExp(`${cause.replace(/\./g, '\\.')}$`));
  });

  it.each(['JSONPath', 'JSONata'] as const)(
    '%s: tolerated settings at the ends of their ranges are accepted',
    async (language) => {
      // Prepare
      const fields =
        language === 'JSONata'
          ? { Items: '{% $states.input.items %}', ToleratedFailureCount: 0, ToleratedFailurePercentage: 100 }
          : { ItemsPath: '$.items', ToleratedFailureCount: 0, ToleratedFailurePercentage: 100 };
      // Act
      const result = await runExecution(machine(language, { Type: 'Map', ...fields, ItemProcessor: processor }), {
        input: { items: [1] },
        clock: new VirtualClock(0),
      });
      // Assess
      expect(result.status).toBe('SUCCEEDED');
    },
  );
});
