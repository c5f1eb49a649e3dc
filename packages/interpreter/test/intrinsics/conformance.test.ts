import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIntrinsicCall, parseIntrinsic } from '@step/asl';
import type { JsonValue } from '@step/asl';
import { compileIntrinsic } from '../../src/intrinsics/index.js';
import { testPathCompiler } from './testPathCompiler.js';

// The recorded JSONPath `intrinsic_functions` cases are one Pass state whose Parameters hold `<key>.$` intrinsic
// calls; the expected output is the Parameters result. Evaluating the calls directly checks every recorded value
// without the engine. Cases whose output depends on the execution (context object, random, UUID) are left to the
// engine's conformance run and listed by id below.
const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance/cases');
const ENGINE_ONLY: Record<string, string> = {
  'v2.intrinsic_functions.test_generic.test_context_json_path':
    'reads $$.Execution and $$.StateMachine (recorded with placeholders)',
  'v2.intrinsic_functions.test_generic.test_nested_calls_1': 'reads $$.StateMachine.Name (recorded with placeholders)',
};

interface RecordedCase {
  id: string;
  definition: { StartAt: string; States: Record<string, { Type: string; Parameters?: Record<string, JsonValue> }> };
  input: JsonValue;
  expected: { status: string; output?: Record<string, JsonValue> };
}

const cases = readdirSync(CASES)
  .filter((file) => file.startsWith('v2.intrinsic_functions.'))
  .map((file) => JSON.parse(readFileSync(path.join(CASES, file), 'utf8')) as RecordedCase)
  .filter((c) => c.definition.States[c.definition.StartAt]?.Parameters !== undefined);

describe('recorded intrinsic_functions cases', () => {
  it('finds the recorded JSONPath cases', () => {
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases.filter((c) => ENGINE_ONLY[c.id] === undefined).map((c) => [c.id, c] as const))(
    '%s',
    (_id, recorded) => {
      // Prepare
      const parameters = recorded.definition.States[recorded.definition.StartAt]?.Parameters ?? {};
      const scope = { input: recorded.input, context: { Execution: { Input: recorded.input } }, variables: {} };

      // Act
      const output: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(parameters)) {
        if (key.endsWith('.$') && typeof value === 'string' && isIntrinsicCall(value)) {
          const parsed = parseIntrinsic(value);
          if (!parsed.ok) throw new Error(parsed.message);
          output[key.slice(0, -2)] = compileIntrinsic(parsed.call, testPathCompiler, key)(
            scope,
            Math.random,
            () => 'uuid',
          );
        } else {
          output[key] = value;
        }
      }

      // Assess
      expect(recorded.expected.status).toBe('SUCCEEDED');
      expect(output).toEqual(recorded.expected.output);
    },
  );
});
