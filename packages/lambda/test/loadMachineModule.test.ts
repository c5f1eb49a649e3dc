import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExecution } from '@step/interpreter';
import { MachineHandlersError } from '@step/lambda';
import { loadMachineModule, MachineModuleError } from '@step/lambda/build';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('loadMachineModule', () => {
  it('compiles a TypeScript module and returns its machine, definition and execution options', async () => {
    // Act
    const loaded = await loadMachineModule(path.join(fixtures, 'helloMachine.ts'));
    const result = await runExecution(loaded.definition, { ...loaded.executionOptions, input: { Greeting: '' } });

    // Assess
    expect(loaded.file).toBe(path.join(fixtures, 'helloMachine.ts'));
    expect(loaded.machine.taskNames).toEqual(['Hello']);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Greeting: 'Hello World' }, path: ['Hello'] });
  });

  it('removes the temporary compiled file', async () => {
    await loadMachineModule(path.join(fixtures, 'helloMachine.ts'));

    expect(readdirSync(fixtures).filter((f) => f.includes('.step-'))).toEqual([]);
  });

  it('accepts a JavaScript module whose default export is the machine', async () => {
    const loaded = await loadMachineModule(path.join(fixtures, 'jsMachine.mjs'));

    await expect(loaded.machine.run({ input: { a: 1 } })).resolves.toMatchObject({ output: { echoed: { a: 1 } } });
  });

  it('loads a module from a folder without node_modules, resolving @step/* from step itself', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'step-module-'));
    copyFileSync(path.join(fixtures, 'helloMachine.ts'), path.join(dir, 'machine.ts'));

    try {
      // Act
      const loaded = await loadMachineModule(path.join(dir, 'machine.ts'));

      // Assess
      await expect(loaded.machine.run({ input: {} })).resolves.toMatchObject({ output: { Greeting: 'Hello World' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes a StepError thrown while importing (handlers that do not match) through unchanged, and cleans up', async () => {
    const error = await loadMachineModule(path.join(fixtures, 'mismatchedMachine.ts')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MachineHandlersError);
    expect(readdirSync(fixtures).filter((f) => f.includes('.step-'))).toEqual([]);
  });

  it.each([
    { file: 'throwsOnImport.ts', message: /importing it failed: boom at import/ },
    { file: 'noExports.ts', message: /exports no "machine"/ },
    { file: 'nope.ts', message: /the file does not exist/ },
  ])('rejects $file with MachineModuleError', async ({ file, message }) => {
    const error = await loadMachineModule(path.join(fixtures, file)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MachineModuleError);
    expect((error as Error).message).toMatch(message);
  });
});
