/**
 * Replays recorded AWS executions (../shared/conformance/cases) whose JSONata states this module can evaluate on
 * its own: linear chains of Pass, Choice, Succeed and Fail states and a final inline Map of plain Pass states.
 * The full engine runs every case elsewhere; here the point is the values and the exact cause texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '@step/asl';
import {
  compileJsonataCondition,
  compileJsonataItems,
  compileJsonataString,
  compileJsonataTemplate,
  QueryEvaluationFailure,
} from '../../src/jsonata/index.js';
import type { JsonataScope } from '../../src/jsonata/index.js';

const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance/cases');

type Json = Record<string, JsonValue>;
interface RecordedCase {
  id: string;
  definition: Json;
  input: JsonValue;
  expected: { status: string; output?: JsonValue; error?: string; cause?: string };
  features: string[];
}
interface Outcome {
  status: string;
  output?: JsonValue;
  error?: string;
  cause?: string;
}

function isSupported(c: RecordedCase): boolean {
  if (!c.features.includes('JSONata')) return false;
  if (JSON.stringify(c.definition).includes('$states.context')) return false;
  const states = Object.values(c.definition.States as Json) as Json[];
  return states.every((s) => {
    if ((s.QueryLanguage ?? c.definition.QueryLanguage) !== 'JSONata') return false;
    if (['Pass', 'Choice', 'Succeed', 'Fail'].includes(s.Type as string)) return true;
    // A Map that reads its items with an ItemReader needs S3: the conformance suite runs those.
    if (s.Type !== 'Map' || s.ItemReader !== undefined) return false;
    const processor = (s.ItemProcessor ?? {}) as Json;
    const inner = Object.values((processor.States ?? {}) as Json) as Json[];
    return (
      s.End === true &&
      s.Output === undefined &&
      s.Assign === undefined &&
      inner.length === 1 &&
      inner[0]!.Type === 'Pass' &&
      inner[0]!.Output === undefined &&
      inner[0]!.Assign === undefined
    );
  });
}

/** Runs the chain with this module's evaluators only; events: Pass/Choice take two ids (entered, exited). */
async function replay(c: RecordedCase): Promise<Outcome> {
  const states = c.definition.States as Record<string, Json>;
  let name = c.definition.StartAt as string;
  let input = c.input;
  let variables: Record<string, JsonValue> = {};
  let eventId = 2;
  try {
    for (;;) {
      const state = states[name]!;
      const scope: JsonataScope = { states: { input, context: {} }, variables };
      switch (state.Type) {
        case 'Fail': {
          const error =
            state.Error === undefined
              ? undefined
              : await compileJsonataString(state.Error, 'Error')(scope, name, eventId);
          const cause =
            state.Cause === undefined
              ? undefined
              : await compileJsonataString(state.Cause, 'Cause')(scope, name, eventId);
          return { status: 'FAILED', error, cause };
        }
        case 'Succeed':
          return {
            status: 'SUCCEEDED',
            output:
              state.Output === undefined
                ? input
                : await compileJsonataTemplate(state.Output, 'Output')(scope, name, eventId),
          };
        case 'Map':
          return { status: 'SUCCEEDED', output: await compileJsonataItems(state.Items)(scope, name, eventId) };
        case 'Choice': {
          let next = state.Default as string | undefined;
          let output = state.Output;
          for (const rule of state.Choices as Json[]) {
            if (await compileJsonataCondition(rule.Condition as string | boolean, 'Condition')(scope, name, eventId)) {
              next = rule.Next as string;
              output = rule.Output ?? output;
              break;
            }
          }
          if (output !== undefined) input = await compileJsonataTemplate(output, 'Output')(scope, name, eventId);
          name = next!;
          break;
        }
        default: {
          const [assigned, output] = await Promise.all([
            state.Assign === undefined ? {} : compileJsonataTemplate(state.Assign, 'Assign')(scope, name, eventId),
            state.Output === undefined ? input : compileJsonataTemplate(state.Output, 'Output')(scope, name, eventId),
          ]);
          variables = { ...variables, ...(assigned as Json) };
          input = output;
          if (state.End === true) return { status: 'SUCCEEDED', output: input };
          name = state.Next as string;
        }
      }
      eventId += 2;
    }
  } catch (e) {
    if (e instanceof QueryEvaluationFailure) return { status: 'FAILED', error: e.error, cause: e.failureCause };
    throw e;
  }
}

const cases = readdirSync(CASES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(path.join(CASES, file), 'utf8')) as RecordedCase)
  .filter(isSupported);

describe('recorded AWS executions of JSONata states', () => {
  it('finds the recorded cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.id, c] as const))('replays %s', async (_id, recorded) => {
    // Act
    const outcome = await replay(recorded);

    // Assess
    const { status, output, error, cause } = recorded.expected;
    expect(outcome).toEqual(status === 'SUCCEEDED' ? { status, output } : { status, error, cause });
  });
});
