import { runStep } from './helpers/runStep.js';

interface JsonReport {
  valid: boolean;
  files: {
    file: string;
    valid: boolean;
    diagnostics: { code: string; severity: string; path: string; message: string }[];
  }[];
}

describe('step-cli validate', () => {
  it('exits 0 and says so for a valid definition', async () => {
    // Act
    const { code, stdout } = await runStep(['validate', 'hello.asl.json']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toBe('hello.asl.json: valid\n');
  });

  it('exits 1 and prints each diagnostic as file#pointer: message (CODE)', async () => {
    const { code, stdout } = await runStep(['validate', 'dangling-next.asl.json']);

    expect(code).toBe(1);
    expect(stdout).toMatch(/^dangling-next\.asl\.json#\/States\/A\/Next: .+ \(MISSING_TRANSITION_TARGET\)$/m);
  });

  it('reports text that is not JSON as an invalid definition, with line and column', async () => {
    const { code, stdout } = await runStep(['validate', 'truncated.asl.json']);

    expect(code).toBe(1);
    expect(stdout).toMatch(/^truncated\.asl\.json#: .* at line 2, column 1 \(INVALID_JSON_DESCRIPTION\)$/m);
  });

  it('reports every state of an island cycle that nothing reaches', async () => {
    // Prepare: S is the whole machine; A and B point at each other but nothing reaches them
    const island = {
      StartAt: 'S',
      States: { S: { Type: 'Succeed' }, A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    };

    // Act
    const { code, stdout } = await runStep(['validate', '-'], undefined, JSON.stringify(island));

    // Assess
    expect(code).toBe(1);
    expect(stdout).toBe(
      '<stdin>#/States/A: State "A" is not reachable. [line 1, column 49] (MISSING_TRANSITION_TARGET)\n' +
        '<stdin>#/States/B: State "B" is not reachable. [line 1, column 80] (MISSING_TRANSITION_TARGET)\n',
    );
  });

  it('exits 0 for a definition with warnings only and lists them with --json', async () => {
    // Prepare
    const def = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { id: '$.id' }, End: true } } };

    // Act
    const { code, stdout } = await runStep(['validate', '-', '--json'], undefined, JSON.stringify(def));

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.valid).toBe(true);
    expect(report.files[0]?.diagnostics).toEqual([
      expect.objectContaining({ code: 'NO_DOLLAR', severity: 'warning', path: '/States/A/Parameters/id' }),
    ]);
  });

  it('checks every file and summarises on stderr', async () => {
    const { code, stdout, stderr } = await runStep([
      'validate',
      'hello.asl.json',
      'dangling-next.asl.json',
      'fail.asl.json',
    ]);

    expect(code).toBe(1);
    expect(stdout).toContain('hello.asl.json: valid');
    expect(stdout).toContain('fail.asl.json: valid');
    expect(stdout).toContain('dangling-next.asl.json#/States/A/Next');
    expect(stderr).toBe('1 of 3 files are invalid\n');
  });

  it('prints the diagnostics as data with --json', async () => {
    // Act
    const { code, stdout } = await runStep(['validate', 'hello.asl.json', 'dangling-next.asl.json', '--json']);

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['hello.asl.json', true],
      ['dangling-next.asl.json', false],
    ]);
    expect(report.files[1]?.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'MISSING_TRANSITION_TARGET', severity: 'error', path: '/States/A/Next' }),
    );
  });

  it('prints valid: true with --json when every file is valid', async () => {
    const { code, stdout } = await runStep(['validate', 'hello.asl.json', '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      valid: true,
      files: [{ file: 'hello.asl.json', valid: true, diagnostics: [] }],
    });
  });

  it('exits 2 naming a file that does not exist', async () => {
    const { code, stdout, stderr } = await runStep(['validate', 'nope.asl.json']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"nope.asl.json": no such file');
  });

  it.each([
    { name: 'an error by default', args: [], code: 1, line: "unknown-field.asl.json#/States/A/Colour: Field 'Colour'" },
    {
      name: 'a warning with --no-strict',
      args: ['--no-strict'],
      code: 0,
      line: "unknown-field.asl.json#/States/A/Colour: warning: Field 'Colour'",
    },
  ])('reports an unknown field as $name', async ({ args, code, line }) => {
    const result = await runStep(['validate', 'unknown-field.asl.json', ...args]);

    expect(result.code).toBe(code);
    expect(result.stdout).toContain(line);
    if (code === 0) expect(result.stdout).toContain('unknown-field.asl.json: valid (1 warning)');
  });

  it('validates the definition of a machine module', async () => {
    const { code, stdout } = await runStep(['validate', 'greeter.machine.ts']);

    expect(code).toBe(0);
    expect(stdout).toBe('greeter.machine.ts: valid\n');
  }, 30_000);

  it('reads a definition from standard input for "-"', async () => {
    const { code, stdout } = await runStep(
      ['validate', '-'],
      undefined,
      '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
    );

    expect(code).toBe(1);
    expect(stdout).toContain('<stdin>#/States/A/Next:');
  });

  it('exits 2 for "-" without a standard input', async () => {
    const { code, stderr } = await runStep(['validate', '-']);

    expect(code).toBe(2);
    expect(stderr).toContain('standard input');
  });

  it('exits 2 for an unknown option', async () => {
    const { code, stdout, stderr } = await runStep(['validate', 'hello.asl.json', '--colour']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('colour');
  });

  it('exits 2 when no file is given', async () => {
    const { code } = await runStep(['validate']);

    expect(code).toBe(2);
  });

  describe('validate text output', () => {
    it('shows the suggestion and line, and groups the unreachable cascade under the misspelt target', async () => {
      // Act
      const { code, stdout } = await runStep(['validate', 'misspelt-next.asl.json']);
      // Assess
      expect(code).toBe(1);
      expect(stdout).toBe(
        [
          `misspelt-next.asl.json#/States/Start/Next: Missing 'Next' target: Chrage; did you mean "Charge"? [line 4, column 32] (MISSING_TRANSITION_TARGET)`,
          '  because of it, these 2 states are not reachable:',
          '    misspelt-next.asl.json#/States/Charge: State "Charge" is not reachable. [line 5, column 5] (MISSING_TRANSITION_TARGET)',
          '    misspelt-next.asl.json#/States/Ship: State "Ship" is not reachable. [line 6, column 5] (MISSING_TRANSITION_TARGET)',
          '',
        ].join('\n'),
      );
    });

    it('shows the exact parse or arity reason the validator found', async () => {
      // Act
      const { stdout } = await runStep(
        ['validate', '-'],
        undefined,
        '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Format()"},"End":true}}}',
      );
      // Assess
      expect(stdout).toContain(
        "(States.Format takes at least 1 arguments but got 0 in 'States.Format()') [line 1, column 59]",
      );
    });
  });
});
