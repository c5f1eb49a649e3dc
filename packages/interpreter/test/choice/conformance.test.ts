import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChoiceRule, JsonValue } from '@step/asl';
import { compileChoiceRule } from '../../src/choice/index.js';
import { testPathCompiler } from '../intrinsics/testPathCompiler.js';

// The recorded `choice_operators` cases all use one template: a Choice state `CheckValues` whose rules lead to
// `ConditionTrue` or `ConditionFalse` (the Default), each a Pass that outputs `{"TestResult.$": <its name>}`.
// Evaluating the rules directly checks every recorded operator outcome without the engine.
const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/conformance/cases');

interface RecordedCase {
  id: string;
  definition: {
    Comment?: string;
    StartAt: string;
    States: Record<string, { Type: string; Choices?: ChoiceRule[]; Default?: string }>;
  };
  input: JsonValue;
  expected: { status: string; output?: { 'TestResult.$'?: string } };
}

const cases: RecordedCase[] = readdirSync(CASES)
  .filter((file) => file.startsWith('v2.choice_operators.'))
  .map((file) => JSON.parse(readFileSync(path.join(CASES, file), 'utf8')) as RecordedCase);

describe('recorded choice_operators cases', () => {
  it('finds the recorded cases, all built on the base template', () => {
    expect(cases.length).toBeGreaterThan(250);
    expect(cases.every((c) => c.definition.Comment === 'BASE_TEMPLATE')).toBe(true);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, recorded) => {
    // Prepare
    const state = recorded.definition.States[recorded.definition.StartAt];
    const rules = (state?.Choices ?? []).map((rule) => ({
      next: (rule as { Next: string }).Next,
      matches: compileChoiceRule(rule, testPathCompiler),
    }));
    const scope = { input: recorded.input, context: {}, variables: {} };

    // Act
    const next = rules.find((rule) => rule.matches(scope))?.next ?? state?.Default;

    // Assess
    expect(recorded.expected.status).toBe('SUCCEEDED');
    expect(next).toBe(recorded.expected.output?.['TestResult.$']);
  });
});
