import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toDot, toMermaid, validate } from '@step/asl';
import { FIXTURES, runStep } from './helpers/runStep.js';

function definitionOf(file: string) {
  const result = validate(readFileSync(path.join(FIXTURES, file), 'utf8'));
  if (!result.ok) throw new Error(`fixture ${file} is invalid`);
  return result.definition;
}

describe('step-cli graph', () => {
  it('prints Graphviz DOT by default, titled with the file name', async () => {
    // Act
    const { code, stdout } = await runStep(['graph', 'hello.asl.json']);

    // Assess
    expect(code).toBe(0);
    expect(stdout.trimEnd()).toBe(toDot(definitionOf('hello.asl.json'), { title: 'hello.asl.json' }).trimEnd());
    expect(stdout).toContain('Greet');
  });

  it('uses --title for the DOT title', async () => {
    const { stdout } = await runStep(['graph', 'hello.asl.json', '--title', 'Greeter']);

    expect(stdout.trimEnd()).toBe(toDot(definitionOf('hello.asl.json'), { title: 'Greeter' }).trimEnd());
  });

  it('prints Mermaid with --format mermaid', async () => {
    const { code, stdout } = await runStep(['graph', 'fail.asl.json', '--format', 'mermaid']);

    expect(code).toBe(0);
    expect(stdout.trimEnd()).toBe(toMermaid(definitionOf('fail.asl.json')).trimEnd());
    expect(stdout).toContain('Boom');
  });

  it('draws a machine module', async () => {
    const { code, stdout } = await runStep(['graph', 'greeter.machine.ts', '--format', 'mermaid']);

    expect(code).toBe(0);
    expect(stdout).toContain('Greet');
  }, 30_000);

  it('draws a definition read from standard input, titled "stdin"', async () => {
    const definition = readFileSync(path.join(FIXTURES, 'fail.asl.json'), 'utf8');

    const { code, stdout } = await runStep(['graph', '-'], undefined, definition);

    expect(code).toBe(0);
    expect(stdout.trimEnd()).toBe(toDot(definitionOf('fail.asl.json'), { title: 'stdin' }).trimEnd());
  });

  it('exits 2 listing the diagnostics of an invalid definition', async () => {
    const { code, stdout, stderr } = await runStep(['graph', 'dangling-next.asl.json']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('dangling-next.asl.json#/States/A/Next');
  });

  it('exits 2 for an unknown --format', async () => {
    const { code, stderr } = await runStep(['graph', 'hello.asl.json', '--format', 'svg']);

    expect(code).toBe(2);
    expect(stderr).toContain('Invalid values');
  });
});
