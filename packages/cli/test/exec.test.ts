import { runStep } from './helpers/runStep.js';

const json = (stdout: string): unknown => JSON.parse(stdout);
/** Machine modules are compiled with esbuild first; allow for a loaded CI machine. */
const MODULE_TIMEOUT_MS = 30_000;

describe('step-cli exec --json', () => {
  it('prints status, output and path for a SUCCEEDED execution and exits 0', async () => {
    // Act
    const { code, stdout } = await runStep(['exec', 'hello.asl.json', '--input', '{"name":"Ada"}', '--json']);

    // Assess
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(json(stdout)).toEqual({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada!' }, path: ['Greet', 'Done'] });
  });

  it('prints status, error, cause and path for a FAILED execution and exits 1', async () => {
    const { code, stdout } = await runStep(['exec', 'fail.asl.json', '--json']);

    expect(code).toBe(1);
    expect(json(stdout)).toEqual({ status: 'FAILED', error: 'Oops', cause: 'It broke', path: ['Start', 'Boom'] });
  });

  it('exits 2 with the diagnostics for an invalid definition', async () => {
    // Act
    const { code, stdout, stderr } = await runStep(['exec', 'dangling-next.asl.json', '--json']);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain('dangling-next.asl.json#/States/A/Next');
    expect(json(stdout)).toEqual({
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', path: '/States/A/Next' }),
      ]),
    });
  });

  it.each([
    { name: 'input that is not JSON', args: ['--input', '{name:'], message: '--input is not valid JSON' },
    {
      name: 'both --input and --input-file',
      args: ['--input', '{}', '--input-file', 'ada.input.json'],
      message: 'mutually exclusive',
    },
    {
      name: 'a missing input file',
      args: ['--input-file', 'nope.json'],
      message: '--input-file "nope.json": no such file',
    },
    {
      name: '--mock-config without --test-case',
      args: ['--mock-config', 'charge.mock-config.json'],
      message: 'test-case',
    },
    { name: '--test-case without --mock-config', args: ['--test-case', 'HappyPath'], message: 'mock-config' },
    {
      name: 'an unknown test case',
      args: ['--mock-config', 'charge.mock-config.json', '--test-case', 'Nope'],
      message: 'no test case "Nope" for state machine "Orders" (it has "HappyPath", "Declined")',
    },
    {
      name: 'an unknown state machine name',
      args: ['--mock-config', 'charge.mock-config.json', '--test-case', 'HappyPath', '--state-machine-name', 'Other'],
      message: 'no state machine "Other" (it has "Orders")',
    },
  ])('exits 2 without running for $name', async ({ args, message }) => {
    const { code, stdout, stderr } = await runStep(['exec', 'hello.asl.json', '--json', ...args]);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it.each([
    { name: 'StateMachines that is not an object', config: { StateMachines: 5 } },
    {
      name: 'a test case naming a missing response',
      config: { StateMachines: { M: { TestCases: { T: { Charge: 'Nope' } } } }, MockedResponses: {} },
    },
  ])('exits 2 for a mock config with $name', async ({ config }) => {
    // Prepare
    const { mkdtempSync, rmSync, writeFileSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { FIXTURES } = await import('./helpers/runStep.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-mock-'));
    copyFileSync(path.join(FIXTURES, 'charge.asl.json'), path.join(dir, 'charge.asl.json'));
    writeFileSync(path.join(dir, 'mocks.json'), JSON.stringify(config));

    // Act
    const { code, stdout, stderr } = await runStep(
      ['exec', 'charge.asl.json', '--mock-config', 'mocks.json', '--test-case', 'T', '--json'],
      dir,
    );
    rmSync(dir, { recursive: true, force: true });

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('The mock config "mocks.json" is invalid: ');
  });

  it('exits 2 naming a definition file that does not exist', async () => {
    const { code, stderr } = await runStep(['exec', 'missing.asl.json', '--json']);

    expect(code).toBe(2);
    expect(stderr).toContain('"missing.asl.json": no such file');
  });
});

describe('step-cli exec inputs and mocks', () => {
  it('reads the input from --input-file', async () => {
    const { code, stdout } = await runStep(['exec', 'hello.asl.json', '--input-file', 'ada.input.json', '--json']);

    expect(code).toBe(0);
    expect(json(stdout)).toMatchObject({ output: { greeting: 'Hello, Ada!' } });
  });

  it('reads the input from standard input with --input-file -', async () => {
    const { code, stdout } = await runStep(
      ['exec', 'hello.asl.json', '--input-file', '-', '--json'],
      undefined,
      '{"name":"Bo"}',
    );

    expect(code).toBe(0);
    expect(json(stdout)).toMatchObject({ output: { greeting: 'Hello, Bo!' } });
  });

  it('reads the definition from standard input for "-"', async () => {
    const definition = '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":7,"End":true}}}';

    const { code, stdout } = await runStep(['exec', '-', '--json'], undefined, definition);

    expect(code).toBe(0);
    expect(json(stdout)).toEqual({ status: 'SUCCEEDED', output: 7, path: ['P'] });
  });

  it('exits 2 when the definition and the input both come from standard input', async () => {
    const { code, stderr } = await runStep(['exec', '-', '--input-file', '-', '--json'], undefined, '{}');

    expect(code).toBe(2);
    expect(stderr).toContain('cannot both be standard input');
  });

  it('returns the mocked Task result of the chosen test case', async () => {
    // Act
    const { code, stdout } = await runStep([
      'exec',
      'charge.asl.json',
      '--input-file',
      'order.input.json',
      '--mock-config',
      'charge.mock-config.json',
      '--test-case',
      'HappyPath',
      '--state-machine-name',
      'Orders',
      '--json',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(json(stdout)).toEqual({
      status: 'SUCCEEDED',
      output: { orderId: 'o-1', receipt: { charged: 42 } },
      path: ['Charge', 'Done'],
    });
  });

  it('fails with the mocked error, defaulting to the only state machine of the mock config', async () => {
    const { code, stdout } = await runStep([
      'exec',
      'charge.asl.json',
      '--mock-config',
      'charge.mock-config.json',
      '--test-case',
      'Declined',
      '--json',
    ]);

    expect(code).toBe(1);
    expect(json(stdout)).toEqual({
      status: 'FAILED',
      error: 'Card.Declined',
      cause: 'insufficient funds',
      path: ['Charge'],
    });
  });

  it('runs an hour-long Wait at once on the virtual clock', async () => {
    const { code, stdout } = await runStep(['exec', 'wait.asl.json', '--virtual-clock', '--json']);

    expect(code).toBe(0);
    expect(json(stdout)).toEqual({ status: 'SUCCEEDED', output: 'awake', path: ['Nap', 'Wake'] });
  });
});

describe('step-cli exec readable output', () => {
  it('shows the status, path and output of a SUCCEEDED execution', async () => {
    const { code, stdout } = await runStep(['exec', 'hello.asl.json', '--input', '{"name":"Ada"}']);

    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Execution SUCCEEDED (2 states entered)',
        'Path: Greet → Done',
        'Output:',
        '  {',
        '    "greeting": "Hello, Ada!"',
        '  }',
        '',
      ].join('\n'),
    );
  });

  it('shows the failing state, error and cause of a FAILED execution', async () => {
    const { code, stdout } = await runStep(['exec', 'fail.asl.json']);

    expect(code).toBe(1);
    expect(stdout).toBe(
      ['Execution FAILED in state "Boom"', 'Path: Start → Boom', 'Error: Oops', 'Cause: It broke', ''].join('\n'),
    );
  });
});

describe('execMachine', () => {
  it('stops the execution as ABORTED when its signal aborts', async () => {
    // Prepare: an hour-long Wait on the real clock, interrupted right away
    const { execMachine } = await import('../src/run/execMachine.js');
    const { FIXTURES } = await import('./helpers/runStep.js');
    const interrupt = new AbortController();

    // Act
    const pending = execMachine({ definition: 'wait.asl.json', cwd: FIXTURES, signal: interrupt.signal });
    interrupt.abort();
    const outcome = await pending;

    // Assess
    expect(outcome).toMatchObject({ kind: 'executed', execution: { status: 'ABORTED', path: expect.any(Array) } });
  });
});

describe('step-cli exec <module>', () => {
  it(
    'runs a machine module with its real task handlers',
    async () => {
      const { code, stdout } = await runStep(['exec', 'greeter.machine.ts', '--input', '{"name":"Ada"}', '--json']);

      expect(code).toBe(0);
      expect(json(stdout)).toEqual({
        status: 'SUCCEEDED',
        output: { greeting: 'Hello, Ada!' },
        path: ['Greet', 'Done'],
      });
    },
    MODULE_TIMEOUT_MS,
  );

  it(
    'fails with the name of the error a handler throws',
    async () => {
      const { code, stdout } = await runStep(['exec', 'greeter.machine.ts', '--input', '{"name":"nobody"}', '--json']);

      expect(code).toBe(1);
      expect(json(stdout)).toMatchObject({ status: 'FAILED', error: 'NoOneError', path: ['Greet'] });
    },
    MODULE_TIMEOUT_MS,
  );

  it('exits 2 naming a module that cannot be loaded', async () => {
    const { code, stderr } = await runStep(['exec', 'missing.machine.ts', '--json']);

    expect(code).toBe(2);
    expect(stderr).toContain('Cannot load the machine module "missing.machine.ts"');
  });
});

describe('step-cli exec --history', () => {
  it('writes the AWS-shaped history next to the result', async () => {
    // Prepare
    const { mkdtempSync, readFileSync, rmSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { FIXTURES } = await import('./helpers/runStep.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-history-'));
    copyFileSync(path.join(FIXTURES, 'fail.asl.json'), path.join(dir, 'fail.asl.json'));

    // Act
    const { code, stdout } = await runStep(['exec', 'fail.asl.json', '--history', 'history.json', '--json'], dir);
    const history = JSON.parse(readFileSync(path.join(dir, 'history.json'), 'utf8')) as {
      events: { id: number; type: string }[];
    };
    rmSync(dir, { recursive: true, force: true });

    // Assess
    expect(code).toBe(1);
    expect(json(stdout)).toEqual({ status: 'FAILED', error: 'Oops', cause: 'It broke', path: ['Start', 'Boom'] });
    expect(history.events[0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    expect(history.events.at(-1)).toMatchObject({ type: 'ExecutionFailed' });
  });

  it('exits 2 naming a history file that cannot be written', async () => {
    const { code, stderr } = await runStep([
      'exec',
      'hello.asl.json',
      '--history',
      'no/such/dir/history.json',
      '--json',
    ]);

    expect(code).toBe(2);
    expect(stderr).toContain('Cannot write the history to "no/such/dir/history.json"');
  });
});

describe('step-cli exec contract edges', () => {
  /** Writes `files` into a fresh folder, runs step-cli there, removes the folder. */
  const runIn = async (files: Record<string, unknown>, args: string[], stdin?: string) => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cli-exec-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(content));
    try {
      return await runStep(args, dir, stdin);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('prints TIMED_OUT with States.Timeout and exits 1 when the machine times out on the virtual clock', async () => {
    // Act
    const { code, stdout } = await runIn(
      { 'slow.asl.json': { StartAt: 'W', TimeoutSeconds: 5, States: { W: { Type: 'Wait', Seconds: 60, End: true } } } },
      ['exec', 'slow.asl.json', '--virtual-clock', '--json'],
    );

    // Assess
    expect(code).toBe(1);
    expect(json(stdout)).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout', path: ['W'] });
  });

  it('walks "0" and "1-2" mocked responses across retries', async () => {
    // Prepare
    const definition = {
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'charge' },
          Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 3 }],
          OutputPath: '$.Payload',
          End: true,
        },
      },
    };
    const mocks = {
      StateMachines: { Orders: { TestCases: { Flaky: { Charge: 'ChargeFlaky' } } } },
      MockedResponses: {
        ChargeFlaky: {
          '0': { Throw: { Error: 'Flaky', Cause: 'first call' } },
          '1-2': { Throw: { Error: 'Flaky', Cause: 'second and third calls' } },
          '3': { Return: { StatusCode: 200, Payload: { charged: true } } },
        },
      },
    };

    // Act
    const { code, stdout } = await runIn({ 'charge.asl.json': definition, 'mocks.json': mocks }, [
      'exec',
      'charge.asl.json',
      '--mock-config',
      'mocks.json',
      '--test-case',
      'Flaky',
      '--virtual-clock',
      '--json',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(json(stdout)).toEqual({ status: 'SUCCEEDED', output: { charged: true }, path: ['Charge'] });
  });

  it('fails with the last error of a "1-2" range when the retries run out', async () => {
    // Prepare
    const definition = {
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:my:charge',
          Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 2 }],
          End: true,
        },
      },
    };
    const mocks = {
      StateMachines: { Orders: { TestCases: { Down: { Charge: 'ChargeDown' } } } },
      MockedResponses: {
        ChargeDown: {
          '0': { Throw: { Error: 'Flaky', Cause: 'call 0' } },
          '1-2': { Throw: { Error: 'Flaky', Cause: 'calls 1-2' } },
        },
      },
    };

    // Act
    const { code, stdout } = await runIn({ 'charge.asl.json': definition, 'mocks.json': mocks }, [
      'exec',
      'charge.asl.json',
      '--mock-config',
      'mocks.json',
      '--test-case',
      'Down',
      '--virtual-clock',
      '--json',
    ]);

    // Assess
    expect(code).toBe(1);
    expect(json(stdout)).toEqual({ status: 'FAILED', error: 'Flaky', cause: 'calls 1-2', path: ['Charge'] });
  });

  it('exits 2 for an unknown flag without running', async () => {
    // Act
    const { code, stdout, stderr } = await runStep(['exec', 'hello.asl.json', '--bogus-flag', '--json']);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bogus-flag');
  });

  it('fails as AWS does when the history reaches 25,000 events', async () => {
    // Prepare: a Choice loop that never ends
    const definition = {
      StartAt: 'Loop',
      States: {
        Loop: { Type: 'Choice', Choices: [{ Variable: '$.spin', BooleanEquals: true, Next: 'Loop' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const { code, stdout } = await runIn({ 'loop.asl.json': definition }, [
      'exec',
      'loop.asl.json',
      '--input',
      '{"spin":true}',
      '--json',
    ]);

    // Assess
    expect(code).toBe(1);
    expect(json(stdout)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
  });

  describe('exec --json with a chatty handler', () => {
    it('prints the result alone on stdout and what the handler logs on stderr', async () => {
      // Act
      const { code, stdout, stderr } = await runStep(['exec', 'chatty.machine.ts', '--json']);
      // Assess
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ status: 'SUCCEEDED', output: { said: true }, path: ['Talk'] });
      expect(stderr).toContain('handler says hello\n');
      expect(stderr).toContain('{ step: 1 }\n');
      expect(stderr).toContain('written straight to stdout\n');
    });

    it('puts the console back afterwards', async () => {
      // Prepare
      const log = console.log;
      const write = process.stdout.write;
      // Act
      await runStep(['exec', 'chatty.machine.ts', '--json']);
      // Assess
      expect(console.log).toBe(log);
      expect(process.stdout.write).toBe(write);
    });
  });
});

describe('step-cli exec --s3-dir', () => {
  it('runs a distributed Map that reads a CSV object from DIR/<bucket>/<key>', async () => {
    // Act
    const { code, stdout } = await runStep([
      'exec',
      'csv-map.asl.json',
      '--input',
      '{"key":"today.csv"}',
      '--s3-dir',
      's3',
      '--json',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(json(stdout)).toEqual({
      status: 'SUCCEEDED',
      output: [
        { order: 'o-1', amount: 12 },
        { order: 'o-2', amount: 30 },
      ],
      path: ['EachOrder'],
    });
  });

  it('fails the Map with States.ItemReaderFailed when the key is not in the folder', async () => {
    // Act
    const { code, stdout } = await runStep([
      'exec',
      'csv-map.asl.json',
      '--input',
      '{"key":"nope.csv"}',
      '--s3-dir',
      's3',
      '--json',
    ]);

    // Assess
    expect(code).toBe(1);
    expect(json(stdout)).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
  });

  it('exits 2 when the folder does not exist', async () => {
    // Act
    const { code, stderr } = await runStep(['exec', 'csv-map.asl.json', '--s3-dir', 'no-such-dir', '--json']);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain('--s3-dir "no-such-dir" is not a folder');
  });
});
