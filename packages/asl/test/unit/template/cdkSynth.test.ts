import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validate } from '@step/asl';
import { loadStateMachine } from '@step/asl/template';
import type { LoadedStateMachine } from '@step/asl/template';
import { FIXTURES_DIR } from '../../helpers/paths.js';

// Cloud assemblies written by aws-cdk-lib itself (fixtures/templates/CDK-SYNTH.md says how), not by hand.
const cwd = path.join(FIXTURES_DIR, 'templates');

function loaded(assembly: string, machine: string): LoadedStateMachine {
  const result = loadStateMachine(assembly, { cwd, machine });
  if (!result.ok) throw new Error(`expected a machine: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

interface TaskState {
  Resource: string;
  Parameters: Record<string, unknown>;
}

describe.each(['cdk-synth', 'cdk-app-synth'])('the cloud assembly %s, as CDK synthesised it', (assembly) => {
  it('lists both stacks’ machines by logical id, construct path and name when none is chosen', () => {
    // Act
    const result = loadStateMachine(assembly, { cwd });
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toMatchObject([
      { code: 'STATE_MACHINE_AMBIGUOUS', params: { machines: ['OrderFlowA028A46E', 'ReportFlow66219D80'] } },
    ]);
    expect(result.diagnostics[0]?.message).toContain(
      '"OrdersStack/OrderFlowA028A46E" (CDK path "OrdersStack/OrderFlow/Resource")',
    );
    expect(result.diagnostics[0]?.message).toContain('name "nightly-report"');
  });

  it.each(['OrderFlow', 'OrdersStack/OrderFlow', 'OrdersStack/OrderFlow/Resource', 'OrderFlowA028A46E'])(
    'finds the chainable machine by %s',
    (machine) => {
      expect(loaded(assembly, machine).machine).toMatchObject({
        logicalId: 'OrderFlowA028A46E',
        stackName: 'OrdersStack',
        cdkPath: 'OrdersStack/OrderFlow/Resource',
      });
    },
  );

  it('resolves the Fn::Join DefinitionString of a chainable definition into a valid definition', () => {
    // Act
    const result = loaded(assembly, 'OrderFlow');
    // Assess
    expect(result.file).toBe(path.join(assembly, 'OrdersStack.template.json'));
    expect(result.origin.pointer).toBe('/Resources/OrderFlowA028A46E/Properties/DefinitionString');
    const definition = JSON.parse(result.definition) as { States: Record<string, TaskState>; TimeoutSeconds: number };
    // Ref AWS::Partition, Fn::GetAtt of the function, Ref of the table and of the queue, in the stack's env.
    expect(definition.States.Validate?.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(definition.States.Validate?.Parameters.FunctionName).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:ValidateOrderFn5D750F97',
    );
    expect(definition.States.Save?.Parameters.TableName).toBe('OrdersA9B65338');
    expect(definition.States.Review?.Resource).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    expect(definition.States.Review?.Parameters.QueueUrl).toBe(
      'https://sqs.us-east-1.amazonaws.com/123456789012/ReviewsAA74421E',
    );
    expect(definition.TimeoutSeconds).toBe(300);
    expect(validate(result.definition)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('fills DefinitionSubstitutions of a string definition and finds it by StateMachineName', () => {
    // Act
    const result = loaded(assembly, 'nightly-report');
    // Assess
    expect(result.machine).toMatchObject({
      logicalId: 'ReportFlow66219D80',
      cdkPath: 'ReportsStack/ReportFlow/Resource',
    });
    expect(JSON.parse(result.definition)).toEqual({
      StartAt: 'Build',
      States: {
        Build: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:BuildReportFn91365439',
          Next: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 60, End: true },
      },
    });
  });
});

it('without the stacks’ metadata files, still finds the machines by logical id and name, with no construct path', () => {
  // Arrange: plain app.synth() output keeps the construct paths only in the *.metadata.json files; remove them.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'step-cdk-'));
  try {
    cpSync(path.join(cwd, 'cdk-app-synth'), dir, { recursive: true });
    for (const stack of ['OrdersStack', 'ReportsStack']) rmSync(path.join(dir, `${stack}.metadata.json`));
    // Act
    const byId = loadStateMachine(dir, { machine: 'OrderFlowA028A46E' });
    const byName = loadStateMachine(dir, { machine: 'nightly-report' });
    const byPath = loadStateMachine(dir, { machine: 'OrdersStack/OrderFlow' });
    // Assess
    expect(byId).toMatchObject({ ok: true, machine: { logicalId: 'OrderFlowA028A46E' } });
    expect(byId.ok && byId.machine.cdkPath).toBeUndefined();
    expect(byName).toMatchObject({ ok: true, machine: { logicalId: 'ReportFlow66219D80' } });
    expect(byPath).toMatchObject({ ok: false, diagnostics: [{ code: 'STATE_MACHINE_NOT_FOUND' }] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
