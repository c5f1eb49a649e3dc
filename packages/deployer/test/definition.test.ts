import { readFileSync } from 'node:fs';
import { assertValid } from '@step/asl';
import { buildGraph, toMermaid } from '@step/asl/graph';
import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import { DEPLOYER_DEFINITION } from '../src/deployerDefinition.js';
import { createMockedClients } from './helpers/mockedClients.js';
import { FakeAws } from './helpers/FakeAws.js';

const fileText = readFileSync(new URL('../asl/deployer.asl.json', import.meta.url), 'utf8');

describe('the deployer definition', () => {
  it('is the checked-in asl/deployer.asl.json', () => {
    expect(DEPLOYER_DEFINITION).toEqual(JSON.parse(fileText));
  });

  it('is valid ASL', () => {
    expect(() => assertValid(fileText)).not.toThrow();
  });

  it('has no unreachable states', () => {
    // Act
    const graph = buildGraph(assertValid(fileText));

    // Assess
    expect(graph.unreachable).toEqual([]);
  });

  it('has the original states and ends', () => {
    expect(Object.keys(DEPLOYER_DEFINITION.States).sort()).toEqual(
      [
        'Deploy',
        'FailureClean',
        'FailureDirty',
        'Lock',
        'ReleaseLockFailure',
        'Success',
        'Validate',
        'ValidateResources',
      ].sort(),
    );
  });

  it('has one handler per TaskFn state', () => {
    // Prepare
    const handlers = createDeployerHandlers({
      clients: createMockedClients(new FakeAws()),
      region: 'us-east-1',
      accountId: '111111111111',
    });

    // Act
    const taskFns = Object.entries(DEPLOYER_DEFINITION.States)
      .filter(([, s]) => s.Type === 'TaskFn')
      .map(([name]) => name);

    // Assess
    expect(Object.keys(handlers).sort()).toEqual(taskFns.sort());
  });

  it('keeps the original error when ReleaseLockFailure gives up', () => {
    expect(DEPLOYER_DEFINITION.States.ReleaseLockFailure.Catch[0]?.ResultPath).toBe('$.cleanup_error');
  });

  it('is drawn in the README as Mermaid from @step/asl', () => {
    // Prepare
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

    // Act
    const mermaid = toMermaid(assertValid(fileText));

    // Assess: the README's one Mermaid block is exactly what @step/asl draws today
    const blocks = [...readme.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(blocks).toEqual([mermaid.trim()]);
  });
});
