import path from 'node:path';
import { TemplateError, validate } from '@step/asl';
import { fromTemplate, loadStateMachine, toTemplateDiagnostics } from '@step/asl/template';
import type { LoadedStateMachine } from '@step/asl/template';
import { FIXTURES_DIR } from '../../helpers/paths.js';

const cwd = path.join(FIXTURES_DIR, 'templates');

function loaded(file: string, machine?: string): LoadedStateMachine {
  const result = loadStateMachine(file, { cwd, ...(machine === undefined ? {} : { machine }) });
  if (!result.ok) throw new Error(`expected a machine: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

describe('loadStateMachine', () => {
  describe('a CDK cloud assembly (cdk.out)', () => {
    it('reads a DefinitionString built with Fn::Join, Fn::GetAtt of the Lambda and DefinitionSubstitutions', () => {
      // Act
      const result = loaded('cdk.out', 'OrderFlow');
      // Assess
      expect(result.file).toBe(path.join('cdk.out', 'OrdersStack.template.json'));
      expect(result.machine).toMatchObject({
        logicalId: 'OrderFlow8A4B1C2D',
        stackName: 'OrdersStack',
        cdkPath: 'OrdersStack/OrderFlow/Resource',
      });
      expect(result.origin).toEqual({
        property: 'DefinitionString',
        pointer: '/Resources/OrderFlow8A4B1C2D/Properties/DefinitionString',
      });
      const definition = JSON.parse(result.definition) as {
        States: Record<string, { Resource: string; Parameters: Record<string, string> }>;
      };
      expect(definition.States.Charge?.Resource).toBe('arn:aws:states:::lambda:invoke');
      expect(definition.States.Charge?.Parameters.FunctionName).toBe(
        'arn:aws:lambda:us-east-1:123456789012:function:ChargeFn3D4C5B6A',
      );
      expect(definition.States.Notify?.Parameters.QueueUrl).toBe(
        'https://sqs.us-east-1.amazonaws.com/123456789012/OrdersQueue9F8E7D6C',
      );
      expect(validate(result.definition).ok).toBe(true);
    });

    it.each([
      'OrderFlow8A4B1C2D',
      'OrdersStack/OrderFlow8A4B1C2D',
      'OrdersStack/OrderFlow',
      'OrdersStack/OrderFlow/Resource',
    ])('finds the machine by %s', (machine) => {
      expect(loaded('cdk.out', machine).machine.logicalId).toBe('OrderFlow8A4B1C2D');
    });

    it("takes the region and account from the stack's environment", () => {
      // Act
      const result = loaded('cdk.out', 'nightly-report');
      // Assess
      expect(result.machine.logicalId).toBe('ReportFlowC0FFEE11');
      expect(JSON.parse(result.definition)).toMatchObject({ StartAt: 'Report' });
    });

    it('lists every machine of every stack when none is chosen', () => {
      // Act
      const result = loadStateMachine('cdk.out', { cwd });
      // Assess
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.diagnostics).toMatchObject([
        {
          code: 'STATE_MACHINE_AMBIGUOUS',
          path: '/Resources',
          params: { machines: ['OrderFlow8A4B1C2D', 'ReportFlowC0FFEE11'] },
        },
      ]);
      expect(result.diagnostics[0]?.message).toContain(
        '"OrdersStack/OrderFlow8A4B1C2D" (CDK path "OrdersStack/OrderFlow/Resource")',
      );
      expect(result.diagnostics[0]?.message).toContain('--machine');
    });

    it('says what a folder without manifest.json is not', () => {
      // Act
      const result = loadStateMachine('sam', { cwd });
      // Assess
      expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'CLOUD_ASSEMBLY_INVALID' }] });
    });
  });

  describe('a SAM template', () => {
    it('reads DefinitionUri relative to the template, with DefinitionSubstitutions of !GetAtt, !Sub and !Ref', () => {
      // Act
      const result = loaded('sam/template.yaml', 'StockTradingStateMachine');
      // Assess
      expect(result.origin).toMatchObject({ property: 'DefinitionUri', uri: 'statemachine/stock_trader.asl.json' });
      expect(result.definitionFile).toBe(path.join('sam', 'statemachine', 'stock_trader.asl.json'));
      const definition = JSON.parse(result.definition) as {
        States: Record<string, { Resource: string; Parameters?: { TableName: string } }>;
      };
      expect(definition.States['Check Stock Value']?.Resource).toBe(
        'arn:aws:lambda:us-east-1:123456789012:function:StockCheckerFunction',
      );
      expect(definition.States['Buy Stock']?.Resource).toBe(
        'arn:aws:lambda:us-east-1:123456789012:function:stock-buyer',
      );
      expect(definition.States['Record Transaction']).toMatchObject({
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: 'TransactionTable' },
      });
      expect(result.diagnostics).toEqual([]);
    });

    it('reads an inline Definition with short-form tags, and ignores Policies and Events', () => {
      // Act
      const result = loaded('sam/template.yaml', 'GreetingStateMachine');
      // Assess
      expect(JSON.parse(result.definition)).toMatchObject({
        StartAt: 'Greet',
        States: {
          Greet: {
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:StockCheckerFunction',
            Parameters: { stage: 'dev', region: 'us-east-1' },
          },
        },
      });
    });

    it('points validation problems of an inline Definition at the template line', () => {
      // Prepare
      const result = loaded('sam/template.yaml', 'GreetingStateMachine');
      const broken = result.definition.replace('"Next": "Done"', '"Next": "Don"');
      // Act
      const { file, diagnostics } = toTemplateDiagnostics(result, validate(broken).diagnostics);
      // Assess
      expect(file).toBe(path.join('sam', 'template.yaml'));
      expect(diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'MISSING_TRANSITION_TARGET',
          path: '/Resources/GreetingStateMachine/Properties/Definition/States/Greet/Next',
          line: 61,
          column: 13,
        }),
      );
    });
  });

  describe('a CloudFormation template', () => {
    it('reads a DefinitionString built with !Sub and a variable map, Mappings, Conditions and parameters', () => {
      // Act
      const result = loadStateMachine('cfn/template.yaml', {
        cwd,
        machine: 'pipeline',
        parameters: { TopicSuffix: 'x', Env: 'prod' },
      });
      // Assess
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      expect(JSON.parse(result.definition)).toMatchObject({
        States: {
          Work: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:worker-prod', Retry: [{ MaxAttempts: 5 }] },
          Alert: { Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts-a', Subject: 'PROD alert' } },
        },
      });
    });

    it('reports DefinitionS3Location as unsupported locally, with the fix and the line', () => {
      // Act
      const result = loadStateMachine('cfn/template.yaml', { cwd, machine: 'Legacy' });
      // Assess
      expect(result).toMatchObject({
        ok: false,
        file: path.join('cfn', 'template.yaml'),
        diagnostics: [
          {
            code: 'DEFINITION_S3_UNSUPPORTED',
            path: '/Resources/Legacy/Properties/DefinitionS3Location',
            line: 63,
            column: 7,
          },
        ],
      });
      if (!result.ok) expect(result.diagnostics[0]?.message).toContain('.asl.json');
    });

    it('suggests the closest name for a misspelt machine', () => {
      // Act
      const result = loadStateMachine('cfn/template.yaml', { cwd, machine: 'Pipelin' });
      // Assess
      expect(result).toMatchObject({
        ok: false,
        diagnostics: [{ code: 'STATE_MACHINE_NOT_FOUND', params: { suggestion: 'Pipeline' } }],
      });
    });

    it('reports a missing file', () => {
      expect(loadStateMachine('nope.yaml', { cwd })).toMatchObject({
        ok: false,
        file: 'nope.yaml',
        diagnostics: [{ code: 'TEMPLATE_UNREADABLE' }],
      });
    });
  });
});

describe('fromTemplate', () => {
  it('returns the definition object', () => {
    expect(fromTemplate('cdk.out', { cwd, machine: 'ReportFlow' })).toEqual({
      StartAt: 'Report',
      States: { Report: { Type: 'Pass', Result: { ok: true }, End: true } },
    });
  });

  it('throws a TemplateError with the diagnostics', () => {
    // Act
    const act = (): unknown => fromTemplate('sam/template.yaml', { cwd });
    // Assess
    expect(act).toThrow(TemplateError);
    expect(act).toThrow(/choose one with --machine/);
  });
});
