import { AslValidationError } from '@step/asl';
import { reportError } from '../src/cli.js';
import { ExitError, InternalError } from '../src/errors.js';
import type { CliIo } from '../src/io.js';
import { runStep } from './helpers/runStep.js';

function captureIo(): { io: CliIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: process.cwd(),
      env: {},
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('runCli', () => {
  it('lists every command with --help and exits 0', async () => {
    // Act
    const { code, stdout } = await runStep(['--help']);

    // Assess
    expect(code).toBe(0);
    for (const command of [
      'validate <file...>',
      'graph <file>',
      'exec <definition>',
      'json <module>',
      'package <module>',
      'bootstrap',
      'deploy',
      'deployer-policy',
      'local',
    ]) {
      expect(stdout).toContain(`step-cli ${command}`);
    }
  });

  it.each([
    ['validate'],
    ['graph'],
    ['exec'],
    ['json'],
    ['package'],
    ['bootstrap'],
    ['deploy'],
    ['deployer-policy'],
    ['local'],
  ])('prints examples in "%s --help"', async (command) => {
    const { code, stdout } = await runStep([command, '--help']);

    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
  });

  it.each([
    { name: 'no command', args: [], message: 'Name a command' },
    { name: 'an unknown command', args: ['frobnicate'], message: 'Unknown argument: frobnicate' },
    { name: 'an unknown option', args: ['validate', 'hello.asl.json', '--nope'], message: 'Unknown argument' },
    { name: 'a missing positional', args: ['graph'], message: 'Not enough non-option arguments' },
  ])('exits 2 with a --help hint for $name', async ({ args, message }) => {
    const { code, stdout, stderr } = await runStep(args);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('--help');
  });

  it('prints the version', async () => {
    const { code, stdout } = await runStep(['--version']);

    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('reportError', () => {
  it('prints an ExitError message and returns its exit code', async () => {
    // Prepare
    const { io, out, err } = captureIo();

    // Act
    const code = await reportError(new ExitError('Cannot read "x.json": no such file.', 3), [], io);

    // Assess
    expect(code).toBe(3);
    expect(err()).toBe('Cannot read "x.json": no such file.\n');
    expect(out()).toBe('');
  });

  it('prints nothing for an ExitError without a message', async () => {
    const { io, err } = captureIo();

    const code = await reportError(new ExitError('', 1), [], io);

    expect(code).toBe(1);
    expect(err()).toBe('');
  });

  it('prints the diagnostics of an AslValidationError and returns 2', async () => {
    const { io, err } = captureIo();
    const diagnostic = {
      code: 'MISSING_TRANSITION_TARGET',
      severity: 'error' as const,
      path: '/States/A/Next',
      message: "Missing 'Next' target: B",
    };

    const code = await reportError(new AslValidationError([diagnostic]), [], io);

    expect(code).toBe(2);
    expect(err()).toContain('/States/A/Next');
    expect(err()).toContain('MISSING_TRANSITION_TARGET');
  });

  it.each([
    { name: 'a plain Error', error: new TypeError('x is undefined') },
    { name: 'an InternalError', error: new InternalError('yargs gave no command') },
    { name: 'a thrown string', error: 'weird' },
  ])('reports $name as a bug with an issue link and returns 70', async ({ error }) => {
    const { io, err } = captureIo();

    const code = await reportError(error, ['exec'], io);

    expect(code).toBe(70);
    expect(err()).toContain('This is a bug in step-cli');
    expect(err()).toContain('https://github.com/step-dev/step/issues/new');
  });
});
