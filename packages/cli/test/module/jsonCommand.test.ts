import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { AslValidationError, validate } from '@step/asl';
import jsonCommand from '../../src/commands/json.js';
import { ExitError } from '../../src/errors.js';
import type { CliIo } from '../../src/io.js';
import { renderMachineJson } from '../../src/module/renderMachineJson.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const TEMPLATE = 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}';
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:hello';

async function runJson(args: string[]): Promise<{ stdout: string; error?: unknown }> {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true },
    cwd: fixtures,
    env: {},
  };
  try {
    await yargs()
      .command(jsonCommand)
      .strict()
      .exitProcess(false)
      .fail(false)
      .parseAsync(['json', ...args], { io });
    return { stdout };
  } catch (error) {
    return { stdout, error };
  }
}

describe('step-cli json', () => {
  it('prints the deployable definition of a module, TaskFn expanded with the Resource template', async () => {
    // Act
    const { stdout, error } = await runJson(['machine.ts']);

    // Assess
    expect(error).toBeUndefined();
    const definition = JSON.parse(stdout) as { States: Record<string, unknown> };
    expect(definition.States.Hello).toEqual({
      Type: 'Task',
      Resource: TEMPLATE,
      Parameters: { Task: 'Hello', 'Input.$': '$' },
      Next: 'Done',
    });
    expect(validate(definition).ok).toBe(true);
    expect(stdout).toMatch(/^\{\n {2}"/);
  });

  it('fills the Resource with --lambda-arn, and the result is valid ASL', async () => {
    const { stdout } = await runJson(['machine.ts', '--lambda-arn', ARN, '--compact']);

    const definition = JSON.parse(stdout) as { States: { Hello: { Resource: string } } };
    expect(definition.States.Hello.Resource).toBe(ARN);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(validate(stdout).ok).toBe(true);
  });

  it.each([
    { file: 'nope.ts', message: /Cannot load the machine module ".*nope.ts": the file does not exist/ },
    { file: 'handlerOnly.ts', message: /exports no "machine"/ },
    {
      file: 'mismatched.ts',
      message: /TaskFn state "Hello" has no handler.*handler "Goodbye" matches no TaskFn state/,
    },
  ])('fails with exit code 2 for $file', async ({ file, message }) => {
    const { stdout, error } = await runJson([file]);

    expect(stdout).toBe('');
    expect(error).toBeInstanceOf(ExitError);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a --lambda-arn that is not a Lambda function ARN with exit code 2', async () => {
    const { stdout, error } = await runJson(['machine.ts', '--lambda-arn', 'hello']);

    expect(stdout).toBe('');
    expect(error).toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('"hello" is not a Lambda function ARN') as string,
    });
  });

  it('lets an invalid definition through as AslValidationError so the CLI prints its diagnostics', async () => {
    const error = await renderMachineJson({ file: 'invalid.ts', cwd: fixtures }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AslValidationError);
  });
});
