import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as root from '@step/asl';
import type { Definition } from '@step/asl';
import { buildGraph, toDot, toMermaid } from '@step/asl/graph';
import { FIXTURES_DIR } from '../helpers/paths.js';

const GRAPH_DIR = path.join(FIXTURES_DIR, 'graph');
const read = (name: string): string => readFileSync(path.join(GRAPH_DIR, name), 'utf8');
const demo = JSON.parse(read('machine.asl.json')) as Definition;

function def(value: unknown): Definition {
  return value as Definition;
}

describe('toDot', () => {
  it('renders the demo machine exactly as the committed machine.dot', () => {
    expect(toDot(demo, { title: 'demo' })).toEqual(read('machine.dot'));
  });

  it('is deterministic', () => {
    expect(toDot(structuredClone(demo))).toEqual(toDot(demo));
  });

  it('marks a dangling target and escapes quotes', () => {
    // Act
    const dot = toDot(def({ StartAt: 'A "q"', States: { 'A "q"': { Type: 'Pass', Next: 'Gone' } } }));
    // Assess
    expect(dot).toContain('"A \\"q\\"" -> "missing: Gone" [color=red, penwidth=2];');
    expect(dot).toContain('digraph "StateMachine" {');
  });

  it('marks unreachable states of every type dashed and grey, each attribute once', () => {
    // Prepare: only S is reachable
    const orphans = {
      StartAt: 'S',
      States: {
        S: { Type: 'Succeed' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'S' }] },
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' } } }] },
        F: { Type: 'Fail' },
      },
    };
    // Act
    const dot = toDot(def(orphans));
    // Assess
    expect(dot).toContain('"S" [label="S\\n(Succeed)", peripheries=2, color=darkgreen];');
    expect(dot).toContain(
      '"C" [label="C\\n(Choice)", shape=diamond, style="dashed", color=gray50, fontcolor=gray50, tooltip="unreachable"];',
    );
    expect(dot).toContain(
      '"P" [label="P\\n(Parallel)", style="rounded,bold,dashed", color=gray50, fontcolor=gray50, tooltip="unreachable"];',
    );
    expect(dot).toContain(
      '"F" [label="F\\n(Fail)", peripheries=2, style="rounded,dashed", color=gray50, fontcolor=gray50, tooltip="unreachable"];',
    );
  });

  it('has one home, @step/asl/graph, and is not on the root entry point', () => {
    expect(Object.keys(root)).toEqual(expect.not.arrayContaining(['buildGraph', 'toDot', 'toMermaid']));
  });
});

describe('toMermaid', () => {
  it('renders the demo machine exactly as the committed machine.mmd', () => {
    expect(toMermaid(demo)).toEqual(read('machine.mmd'));
  });

  it('draws a dangling target as a missing node', () => {
    // Act
    const mmd = toMermaid(def({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Gone' } } }));
    // Assess
    expect(mmd).toContain('n0 --> m0');
    expect(mmd).toContain('m0["missing: Gone"]:::missing');
  });

  it('adds the classes and link styles of its styling hook, counting the start arrow as link 0', () => {
    // Prepare
    const definition = def({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } });

    // Act
    const mmd = toMermaid(definition, {
      classDefs: { hit: 'fill:#dfd' },
      nodeClass: (node) => (node.id === 'A' ? 'hit' : undefined),
      edgeStyle: (edge) => (edge.kind === 'next' ? 'stroke:#2a2' : undefined),
    });

    // Assess
    expect(mmd).toContain('  classDef hit fill:#dfd\n  class n0 hit\n  linkStyle 1 stroke:#2a2\n');
    expect(mmd.startsWith(toMermaid(definition).replace(/\n$/, ''))).toBe(true);
  });

  it('escapes quotes in labels', () => {
    expect(toMermaid(def({ StartAt: 'A"', States: { 'A"': { Type: 'Succeed' } } }))).toContain(
      'n0(["A#quot; (Succeed)"])',
    );
  });
});

describe('buildGraph', () => {
  it('types every edge of the demo machine', () => {
    // Act
    const g = buildGraph(demo);
    // Assess
    expect(g.edges.map((e) => `${e.from}-${e.kind}->${e.to}${e.label !== undefined ? ` [${e.label}]` : ''}`)).toEqual([
      'Check-choice->Charge [$.n > 10]',
      'Check-default->Fanout [Default]',
      'Charge-next->Fanout',
      'Charge-catch->Failed [Payment.Declined, States.Timeout]',
      'Fanout-next->Done',
      'Fanout-branch->Left [branch 0]',
      'Fanout-branch->Items [branch 1]',
      'Items-processor->Each [processor]',
    ]);
    expect(g.unreachable).toEqual(['Orphan']);
    expect(g.scopes.map((s) => [s.id, s.kind, s.owner, s.terminals])).toEqual([
      ['', 'machine', undefined, ['Done', 'Failed', 'Orphan']],
      ['/States/Fanout/Branches/0', 'branch', 'Fanout', ['Left']],
      ['/States/Fanout/Branches/1', 'branch', 'Fanout', ['Items']],
      ['/States/Fanout/Branches/1/States/Items/ItemProcessor', 'processor', 'Items', ['Each']],
    ]);
  });

  it('finds an island cycle that StartAt does not reach', () => {
    // Act
    const g = buildGraph(
      def({
        StartAt: 'S',
        States: { S: { Type: 'Succeed' }, A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
      }),
    );
    // Assess
    expect(g.unreachable).toEqual(['A', 'B']);
    expect(g.scopes[0]?.cycles).toEqual([['A', 'B']]);
  });

  it('finds self-loops and reachable cycles', () => {
    // Act
    const g = buildGraph(
      def({
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Next: 'B' },
          B: {
            Type: 'Choice',
            Choices: [
              { Condition: '{% $x %}', Next: 'A' },
              { Variable: '$.a', IsPresent: false, Next: 'S' },
            ],
            Default: 'C',
          },
          C: { Type: 'Wait', Seconds: 1, Next: 'C' },
          S: { Type: 'Succeed' },
        },
      }),
    );
    // Assess
    expect(g.scopes[0]?.cycles).toEqual([['A', 'B'], ['C']]);
    expect(g.edges.filter((e) => e.kind === 'choice').map((e) => e.label)).toEqual(['$x', '$.a IsPresent false']);
  });

  it.each([
    [
      {
        And: [
          { Variable: '$.a', NumericEquals: 1 },
          { Variable: '$.b', StringEquals: 'x' },
        ],
      },
      '($.a == 1) && ($.b == "x")',
    ],
    [{ Or: [{ Variable: '$.a', BooleanEqualsPath: '$.b' }] }, '($.a == $.b)'],
    [{ Not: { Variable: '$.t', TimestampGreaterThan: '2020-01-01T00:00:00Z' } }, '!($.t > "2020-01-01T00:00:00Z")'],
    [{ Variable: '$.s', StringMatches: 'a*' }, '$.s StringMatches "a*"'],
    [{ Variable: '$.n', IsNumeric: true }, '$.n IsNumeric'],
    [{ Condition: true }, 'true'],
    [
      { Variable: '$.a', StringEquals: 'a very long value that goes on and on and on' },
      '$.a == "a very long value that goes o...',
    ],
    [{ Comment: 'only a comment' }, 'rule'],
    [{ Not: 3 }, 'Not'],
    [{ And: 3 }, 'And'],
    [{ And: [3] }, '?'],
  ])('labels the rule %j as %j', (rule, label) => {
    const g = buildGraph(
      def({
        StartAt: 'C',
        States: { C: { Type: 'Choice', Choices: [{ ...rule, Next: 'S' }] }, S: { Type: 'Succeed' } },
      }),
    );
    expect(g.edges[0]?.label).toBe(label);
  });

  it('tolerates malformed definitions', () => {
    // Act
    const g = buildGraph(
      def({
        StartAt: 3,
        States: {
          A: 'not a state',
          B: {
            Choices: [3],
            Catch: [null, { Next: 'A' }],
            Branches: [3, { StartAt: 'Q', States: {} }],
            Iterator: { States: 3 },
          },
        },
      }),
    );
    // Assess
    expect(g.nodes.map((n) => [n.id, n.type])).toEqual([
      ['A', 'Unknown'],
      ['B', 'Unknown'],
    ]);
    expect(g.edges).toEqual([
      { from: 'B', to: 'A', kind: 'catch', label: '', pointer: '/States/B/Catch/1/Next', resolved: true },
    ]);
    expect(g.scopes).toHaveLength(3);
    expect(toDot(def({}))).toContain('"__start__"');
    expect(toMermaid(def({ States: 1 }))).toContain('flowchart TD');
  });
});

describe('buildGraph on large machines', () => {
  it('handles a 20,000-state chain and a loop over it without deep recursion', () => {
    // Prepare
    const States: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) States[`S${i}`] = { Type: 'Pass', Next: i === 19_999 ? 'Check' : `S${i + 1}` };
    States.Check = {
      Type: 'Choice',
      Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'S0' }],
      Default: 'Done',
    };
    States.Done = { Type: 'Succeed' };
    // Act
    const g = buildGraph(def({ StartAt: 'S0', States }));
    // Assess
    expect(g.unreachable).toEqual([]);
    expect(g.scopes[0]?.cycles).toHaveLength(1);
    expect(g.scopes[0]?.cycles[0]).toHaveLength(20_001);
  });
});
