import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromTemplate } from '@step/asl/template';
import { defineMachine } from '@step/lambda';

const template = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'templates', 'template.yaml');

describe('defineMachine({ definition: fromTemplate(...) })', () => {
  it("runs a SAM machine whose Tasks use Step's envelope with the real handlers", async () => {
    // Prepare
    const machine = defineMachine({
      definition: fromTemplate(template),
      handlers: { Hello: (input: { name: string }) => ({ greeting: `Hello, ${input.name}` }) },
    });
    // Act
    const result = await machine.run({ input: { name: 'Ada' } });
    // Assess
    expect(machine.taskNames).toEqual(['Hello']);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'Hello, Ada' } });
  });
});
