import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@step/asl';
import { toDot, toMermaid } from '@step/asl/graph';
import type { Definition } from '@step/asl';
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

  it('draws an island cycle nothing reaches, marks it unreachable, lists the errors and exits 2', async () => {
    // Prepare: S is the whole machine; A and B point at each other but nothing reaches them
    const island = {
      StartAt: 'S',
      States: { S: { Type: 'Succeed' }, A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    };

    // Act
    const dot = await runStep(['graph', '-'], undefined, JSON.stringify(island));
    const mermaid = await runStep(['graph', '-', '--format', 'mermaid'], undefined, JSON.stringify(island));

    // Assess
    expect(dot.code).toBe(2);
    expect(dot.stdout.trimEnd()).toBe(toDot(island as Definition, { title: 'stdin' }).trimEnd());
    expect(dot.stdout).toContain(
      '"A" [label="A\\n(Pass)", style="rounded,dashed", color=gray50, fontcolor=gray50, tooltip="unreachable"];',
    );
    expect(dot.stdout).toContain('"B" -> "A";');
    expect(dot.stderr).toContain(
      '<stdin>#/States/A: State "A" is not reachable. [line 1, column 49] (MISSING_TRANSITION_TARGET)\n',
    );
    expect(dot.stderr).toContain(
      '<stdin>#/States/B: State "B" is not reachable. [line 1, column 80] (MISSING_TRANSITION_TARGET)\n',
    );
    expect(mermaid.code).toBe(2);
    expect(mermaid.stdout.trimEnd()).toBe(toMermaid(island as Definition).trimEnd());
    expect(mermaid.stdout).toContain('class n1,n2 unreachable');
  });

  it('draws a target that names no state as a missing node and exits 2', async () => {
    // Act
    const { code, stdout, stderr } = await runStep(['graph', 'dangling-next.asl.json']);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toContain('"A" -> "missing: B" [color=red, penwidth=2];');
    expect(stderr).toContain(
      "dangling-next.asl.json#/States/A/Next: Missing 'Next' target: B [line 4, column 28] (MISSING_TRANSITION_TARGET)",
    );
    expect(stderr).toContain('(MISSING_END_STATE)');
  });

  it('draws a TaskFn state of a machine with graph errors as the Task it expands to', async () => {
    // Prepare
    const def = { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true }, Orphan: { Type: 'Succeed' } } };

    // Act
    const { code, stdout } = await runStep(['graph', '-', '--format', 'mermaid'], undefined, JSON.stringify(def));

    // Assess
    expect(code).toBe(2);
    expect(stdout).toContain('n0["Hello (Task)"]');
    expect(stdout).toContain('class n1 unreachable');
  });

  it.each([
    {
      name: 'a schema error',
      file: 'unknown-field.asl.json',
      line: "unknown-field.asl.json#/States/A/Colour: Field 'Colour' is not supported",
    },
    { name: 'text that is not JSON', file: 'truncated.asl.json', line: '(INVALID_JSON_DESCRIPTION)' },
  ])('exits 2 without drawing for $name, listing the diagnostics', async ({ file, line }) => {
    // Act
    const { code, stdout, stderr } = await runStep(['graph', file]);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Cannot draw "${file}"`);
    expect(stderr).toContain(line);
  });

  it('exits 2 naming a file that does not exist', async () => {
    const { code, stdout, stderr } = await runStep(['graph', 'nope.asl.json']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"nope.asl.json": no such file');
  });

  it('exits 2 for an unknown --format', async () => {
    const { code, stderr } = await runStep(['graph', 'hello.asl.json', '--format', 'svg']);

    expect(code).toBe(2);
    expect(stderr).toContain('Invalid values');
  });
});
