import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStep } from '../helpers/runStep.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('step-cli json and package through runCli', () => {
  it('prints the deployable definition and exits 0', async () => {
    const { code, stdout, stderr } = await runStep(['json', 'machine.ts', '--compact'], fixtures);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toMatchObject({ StartAt: 'Hello', States: { Hello: { Type: 'Task' } } });
  });

  it.each([
    { file: 'mismatched.ts', stderr: /TaskFn state "Hello" has no handler/ },
    { file: 'invalid.ts', stderr: /Invalid state machine definition[\s\S]*\/StartAt/ },
    { file: 'nope.ts', stderr: /the file does not exist/ },
  ])('exits 2 with a message on stderr for $file', async ({ file, stderr }) => {
    const run = await runStep(['json', file], fixtures);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/this is a bug/i);
  });

  it.each([['json'], ['package']])('documents %s in --help with examples', async (command) => {
    const { code, stdout } = await runStep([command, '--help'], fixtures);

    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain(`step-cli ${command} src/machine.ts`);
  });
});
