import type { Definition } from '@step/asl';
import { buildGraph, type GraphEdge, type GraphNode } from '@step/asl/graph';
import { runExecution, type HistoryEvent } from '@step/interpreter';
import { getVisits, type StateVisit } from '../history/getVisits.js';
import { createEmptyHits, type CoverageHits } from './CoverageData.js';
import { getAtPointer } from './getAtPointer.js';
import { matchesErrorEquals } from './matchesErrorEquals.js';

type Obj = Record<string, unknown>;

/**
 * What one execution exercised in its machine: the states it visited, the transitions it took (each `Next`,
 * Choice rule, `Default`, Catch with the error it caught, branch and processor entry) and the retriers that fired.
 *
 * @remarks
 * Derived from the history alone (see {@link getVisits}), so it needs no hook in the engine and works on
 * histories recorded on AWS. A Catch is the first catcher whose ErrorEquals matches the failed attempt's error;
 * a retry is credited to the first retrier matching the error that caused it (AWS's rule). When two Choice
 * rules (or a rule and `Default`) lead to the same state, the Choice is evaluated again on the input the
 * history recorded to find the rule that matched; a rule that reads variables cannot be evaluated that way and
 * is then credited to no transition (coverage is never overstated).
 *
 * @example
 * ```ts
 * const hits = await collectHits(definition, result.history());
 * hits.transitions['/States/Route/Default']; // { count: 1 } when the Default was taken
 * ```
 */
export async function collectHits(definition: Definition, history: readonly HistoryEvent[]): Promise<CoverageHits> {
  const hits = createEmptyHits();
  const graph = buildGraph(definition);
  const nodes = new Map<string, GraphNode>();
  for (const n of graph.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const edgesFrom = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = edgesFrom.get(e.from) ?? [];
    list.push(e);
    edgesFrom.set(e.from, list);
  }
  const take = (edge: GraphEdge | undefined, error?: string): void => {
    if (edge === undefined) return;
    const t = (hits.transitions[edge.pointer] ??= { count: 0 });
    t.count++;
    if (error !== undefined) {
      t.errors ??= {};
      t.errors[error] = (t.errors[error] ?? 0) + 1;
    }
  };
  for (const visit of getVisits(history)) {
    const node = nodes.get(visit.name);
    if (node === undefined) continue; // a history of another machine: nothing of this one to credit
    hits.states[node.pointer] = (hits.states[node.pointer] ?? 0) + 1;
    const state = getAtPointer(definition, node.pointer);
    const out = edgesFrom.get(visit.name) ?? [];
    if (visit.previous === undefined && visit.parent !== undefined) {
      // The first state of a branch or iteration: its Parallel or Map entered this scope.
      const entries = edgesFrom.get(visit.parent.name) ?? [];
      take(entries.find((e) => (e.kind === 'branch' || e.kind === 'processor') && e.to === visit.name));
    }
    creditRetries(hits, node, state, visit);
    if (visit.next === undefined) continue;
    const to = visit.next.name;
    if (visit.failed) {
      const error = visit.errors.at(-1) ?? '';
      const catchers = Array.isArray(state.Catch) ? (state.Catch as Obj[]) : [];
      const index = error === '' ? -1 : catchers.findIndex((c) => matchesErrorEquals(c.ErrorEquals, error));
      const chosen = index >= 0 && catchers[index]?.Next === to ? index : catchers.findIndex((c) => c.Next === to);
      take(out.find((e) => e.pointer === `${node.pointer}/Catch/${chosen}/Next`), error === '' ? undefined : error);
      continue;
    }
    const candidates = out.filter((e) => e.to === to && (e.kind === 'next' || e.kind === 'choice' || e.kind === 'default'));
    if (candidates.length === 1) take(candidates[0]);
    else if (candidates.length > 1) take(await evaluateChoice(definition, node, state, visit, candidates));
  }
  return hits;
}

function creditRetries(hits: CoverageHits, node: GraphNode, state: Obj, visit: StateVisit): void {
  const retriers = Array.isArray(state.Retry) ? (state.Retry as Obj[]) : [];
  // Every failed attempt but the last led to a retry.
  for (let i = 0; i < visit.attempts - 1; i++) {
    const error = visit.errors[i];
    if (error === undefined) break;
    const index = retriers.findIndex((r) => matchesErrorEquals(r.ErrorEquals, error));
    if (index < 0) continue;
    const pointer = `${node.pointer}/Retry/${index}`;
    hits.retriers[pointer] = (hits.retriers[pointer] ?? 0) + 1;
  }
}

/** Runs the Choice alone on the recorded input, each rule leading to its own end state, to learn which rule matched. */
async function evaluateChoice(
  definition: Definition,
  node: GraphNode,
  state: Obj,
  visit: StateVisit,
  candidates: GraphEdge[],
): Promise<GraphEdge | undefined> {
  const choices = Array.isArray(state.Choices) ? (state.Choices as Obj[]) : [];
  const ends: Obj = {};
  const probe: Obj = { ...state, Choices: choices.map((c, i) => ((ends[`rule ${i}`] = { Type: 'Succeed' }), { ...c, Next: `rule ${i}` })) };
  if (state.Default !== undefined) {
    probe.Default = 'default';
    ends.default = { Type: 'Succeed' };
  }
  delete probe.Assign;
  const probeDefinition = { QueryLanguage: definition.QueryLanguage, StartAt: visit.name, States: { [visit.name]: probe, ...ends } };
  try {
    const result = await runExecution(probeDefinition, { input: visit.input });
    const end = result.path[1];
    const pointer = end === 'default' ? `${node.pointer}/Default` : `${node.pointer}/Choices/${end?.slice('rule '.length) ?? ''}/Next`;
    return candidates.find((e) => e.pointer === pointer);
  } catch {
    return undefined;
  }
}
