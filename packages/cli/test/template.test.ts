import path from 'node:path';
import { FIXTURES, runStep } from './helpers/runStep.js';

const cwd = path.join(FIXTURES, 'templates');

describe('state machines from templates', () => {
  describe('validate', () => {
    it('checks the state machine of a CDK cloud assembly', async () => {
      // Act
      const run = await runStep(['validate', 'cdk.out'], cwd);
      // Assess
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        `${path.join('cdk.out', 'FlowStack.template.json')} (DefinitionString of "FlowE1F2A3B4"): valid\n`,
      );
      expect(run.code).toBe(0);
    });

    it('points problems of an inline Definition at the template pointer and line, with the suggestion', async () => {
      // Act
      const run = await runStep(['validate', 'sam/template.yaml', '--machine', 'BrokenStateMachine'], cwd);
      // Assess
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `${path.join('sam', 'template.yaml')}#/Resources/BrokenStateMachine/Properties/Definition/States/Start/Next: Missing 'Next' target: Chrage; did you mean "Charge"? [line 24, column 13] (MISSING_TRANSITION_TARGET)`,
      );
    });

    it('lists the state machines to choose from when none is named (exit 2)', async () => {
      // Act
      const run = await runStep(['validate', 'sam/template.yaml'], cwd);
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'has 2 state machines: "OrderStateMachine", "BrokenStateMachine"; choose one with --machine',
      );
      expect(run.stderr).not.toContain('This is a bug');
    });

    it('suggests the closest machine for a misspelt --machine', async () => {
      // Act
      const run = await runStep(['validate', 'sam/template.yaml', '--state-machine', 'OrderStateMachin'], cwd);
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('has no state machine "OrderStateMachin"');
      expect(run.stderr).toContain('did you mean "OrderStateMachine"?');
    });

    it('refuses --machine for an ASL file', async () => {
      // Act
      const run = await runStep(['validate', '../hello.asl.json', '--machine', 'X'], cwd);
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('drop --machine');
    });

    it('refuses a --parameter that is not Name=Value', async () => {
      // Act
      const run = await runStep(['validate', 'cdk.out', '--parameter', 'Stage'], cwd);
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--parameter "Stage" is not Name=Value');
    });
  });

  describe('exec', () => {
    it('runs a SAM state machine read through DefinitionUri, mocked by its logical id', async () => {
      // Act
      const run = await runStep(
        [
          'exec',
          'sam/template.yaml',
          '--machine',
          'OrderStateMachine',
          '--mock-config',
          'sam/mocks.json',
          '--test-case',
          'HappyPath',
          '--json',
        ],
        cwd,
      );
      // Assess
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        status: 'SUCCEEDED',
        output: { charged: 42 },
        path: ['Charge', 'Done'],
      });
      expect(run.code).toBe(0);
    });

    it('reports an invalid inline Definition with template pointers (exit 2)', async () => {
      // Act
      const run = await runStep(['exec', 'sam/template.yaml', '--machine', 'BrokenStateMachine'], cwd);
      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('#/Resources/BrokenStateMachine/Properties/Definition/States/Start/Next');
    });
  });

  describe('json', () => {
    it('prints the definition a CDK app synthesises, its Lambda as a stable fake ARN', async () => {
      // Act
      const run = await runStep(['json', 'cdk.out', '--machine', 'Flow', '--compact'], cwd);
      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        StartAt: 'Hello',
        States: {
          Hello: {
            End: true,
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:HelloFnD7A3B2C1',
          },
        },
      });
    });

    it('prints an ASL file with its TaskFn states expanded', async () => {
      // Act
      const run = await runStep(
        ['json', 'taskfn.asl.json', '--lambda-arn', 'arn:aws:lambda:eu-west-1:111122223333:function:hello'],
        cwd,
      );
      // Assess
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        StartAt: 'Hello',
        States: {
          Hello: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:hello',
            Parameters: { Task: 'Hello', 'Input.$': '$' },
            End: true,
          },
        },
      });
    });
  });

  describe('graph', () => {
    it('draws the state machine of a template, titled by its logical id', async () => {
      // Act
      const run = await runStep(['graph', 'sam/template.yaml', '--machine', 'OrderStateMachine'], cwd);
      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('OrderStateMachine');
      expect(run.stdout).toContain('"Charge" -> "Done"');
    });
  });
});
