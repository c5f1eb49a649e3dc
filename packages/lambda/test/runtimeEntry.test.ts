import * as root from '@step/lambda';
import * as runtime from '../src/runtime/index.js';
import { defineMachine } from '../src/runtime/defineMachine.js';
import { MachineDefinitionError, UnknownTaskError } from '@step/lambda';
import { TASKFN_RESOURCE_TEMPLATE } from '@step/asl';
import { TASKFN_RESOURCE_TEMPLATE as LAMBDA_COPY } from '../src/lambdaResourceTemplate.js';

describe('the step-lambda-runtime entry (what a Lambda bundle imports as "@step/lambda")', () => {
  it('exports the same values as the root entry', () => {
    expect(Object.keys(runtime).sort()).toEqual(Object.keys(root).sort());
  });

  it('shares every value with the root except defineMachine', () => {
    const differing = Object.keys(root).filter(
      (key) => (root as Record<string, unknown>)[key] !== (runtime as Record<string, unknown>)[key],
    );

    expect(differing).toEqual(['defineMachine']);
  });

  it("keeps its own copy of the TaskFn resource template equal to @step/asl's, the one public name", () => {
    // The runtime must not load the validator, so it cannot import the constant from @step/asl.
    expect(LAMBDA_COPY).toBe(TASKFN_RESOURCE_TEMPLATE);
    expect(Object.keys(root)).not.toContain('LAMBDA_RESOURCE_TEMPLATE');
  });
});

describe('defineMachine (runtime)', () => {
  const machine = defineMachine({
    definition: 'not even read: it was validated when the zip was built',
    handlers: { Hello: (input: { name?: string }) => ({ greeting: `Hello, ${input.name ?? 'World'}!` }) },
  });

  it('dispatches task envelopes to the handlers', async () => {
    // Act
    const output = await machine.dispatch({ Task: 'Hello', Input: { name: 'Ada' } });

    // Assess
    expect(output).toEqual({ greeting: 'Hello, Ada!' });
    await expect(machine.dispatch({ Task: 'Goodbye', Input: {} })).rejects.toBeInstanceOf(UnknownTaskError);
  });

  it.each([
    { what: 'definition', use: () => machine.definition },
    { what: 'taskNames', use: () => machine.taskNames },
    { what: 'deployableDefinition()', use: () => machine.deployableDefinition() },
    { what: 'executionOptions()', use: () => machine.executionOptions() },
  ])('says that $what is not available inside a Lambda bundle', ({ what, use }) => {
    expect(use).toThrow(MachineDefinitionError);
    expect(use).toThrow(`machine.${what} is not available inside a Lambda bundle`);
  });

  it('rejects run() the same way', async () => {
    await expect(machine.run()).rejects.toThrow('machine.run() is not available inside a Lambda bundle');
  });
});
