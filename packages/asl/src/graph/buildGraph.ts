import { encodePointerToken } from '../pointer.js';
import { nullProto } from '../nullProto.js';
import type { Definition } from '../types.js';
import type { EdgeKind, GraphEdge, GraphNode, GraphScope, StateGraph } from './types.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds the state graph of a definition: nodes and typed edges for every scope, reachability, terminals
 * and cycles.
 *
 * @remarks
 * Pure and tolerant: works on any object shaped like a definition (missing fields are skipped), so it can
 * draw invalid machines too. Order follows the definition, so the result is deterministic.
 *
 * @example
 * ```ts
 * const g = buildGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } });
 * g.edges; // [{ from: 'A', to: 'B', kind: 'next', pointer: '/States/A/Next', resolved: true }]
 * ```
 */
export function buildGraph(definition: Definition): StateGraph {
  const graph: StateGraph = { nodes: [], edges: [], scopes: [], unreachable: [] };
  addScope(graph, definition as unknown as Obj, '', 'machine', undefined, undefined);
  return graph;
}

function addScope(
  graph: StateGraph,
  obj: Obj,
  pointer: string,
  kind: GraphScope['kind'],
  owner: string | undefined,
  index: number | undefined,
): GraphScope {
  const scope: GraphScope = {
    id: pointer,
    kind,
    startAt: typeof obj.StartAt === 'string' ? obj.StartAt : undefined,
    states: [],
    reachable: [],
    terminals: [],
    cycles: [],
  };
  if (owner !== undefined) scope.owner = owner;
  if (index !== undefined) scope.index = index;
  graph.scopes.push(scope);
  const states = isObj(obj.States) ? obj.States : {};
  const names = new Set(Object.keys(states));
  const edges: GraphEdge[] = [];
  const nodes: GraphNode[] = [];
  const children: (() => void)[] = [];
  const edge = (from: string, to: unknown, kind: EdgeKind, at: string, label?: string): void => {
    if (typeof to !== 'string') return;
    const e: GraphEdge = { from, to, kind, pointer: at, resolved: names.has(to) };
    if (label !== undefined) e.label = label;
    edges.push(e);
  };
  for (const name of names) {
    const state = states[name];
    const sp = `${pointer}/States/${encodePointerToken(name)}`;
    const s = isObj(state) ? state : {};
    const type = typeof s.Type === 'string' ? s.Type : 'Unknown';
    const terminal = type === 'Succeed' || type === 'Fail' || s.End === true;
    nodes.push({ id: name, type, scope: pointer, pointer: sp, terminal, reachable: false });
    scope.states.push(name);
    if (terminal) scope.terminals.push(name);
    edge(name, s.Next, 'next', `${sp}/Next`);
    if (Array.isArray(s.Choices)) {
      s.Choices.forEach((rule: unknown, i) => {
        if (isObj(rule)) edge(name, rule.Next, 'choice', `${sp}/Choices/${i}/Next`, describeRule(rule));
      });
    }
    edge(name, s.Default, 'default', `${sp}/Default`, 'Default');
    if (Array.isArray(s.Catch)) {
      s.Catch.forEach((c: unknown, i) => {
        if (isObj(c)) {
          const errors = Array.isArray(c.ErrorEquals)
            ? c.ErrorEquals.filter((x) => typeof x === 'string').join(', ')
            : '';
          edge(name, c.Next, 'catch', `${sp}/Catch/${i}/Next`, errors);
        }
      });
    }
    if (Array.isArray(s.Branches)) {
      s.Branches.forEach((b: unknown, i) => {
        if (!isObj(b)) return;
        children.push(() => {
          entryEdge(graph, name, b, 'branch', `branch ${i}`, `${sp}/Branches/${i}/StartAt`);
          addScope(graph, b, `${sp}/Branches/${i}`, 'branch', name, i);
        });
      });
    }
    const procKey = isObj(s.ItemProcessor) ? 'ItemProcessor' : isObj(s.Iterator) ? 'Iterator' : undefined;
    if (procKey !== undefined) {
      const proc = s[procKey] as Obj;
      children.push(() => {
        entryEdge(graph, name, proc, 'processor', 'processor', `${sp}/${procKey}/StartAt`);
        addScope(graph, proc, `${sp}/${procKey}`, 'processor', name, undefined);
      });
    }
  }
  // reachability
  const adjacency = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.resolved) continue;
    let list = adjacency.get(e.from);
    if (list === undefined) adjacency.set(e.from, (list = []));
    list.push(e.to);
  }
  if (scope.startAt !== undefined && names.has(scope.startAt)) {
    const seen = new Set([scope.startAt]);
    const queue = [scope.startAt];
    for (let i = 0; i < queue.length; i++) {
      for (const n of adjacency.get(queue[i] as string) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    scope.reachable = queue;
  }
  const reachable = new Set(scope.reachable);
  for (const n of nodes) {
    n.reachable = reachable.has(n.id);
    if (!n.reachable) graph.unreachable.push(n.id);
  }
  scope.cycles = findCycles(scope.states, adjacency);
  graph.nodes.push(...nodes);
  graph.edges.push(...edges);
  for (const c of children) c();
  return scope;
}

/** The edge from a Parallel/Map state to the StartAt of one of its scopes (when that state exists). */
function entryEdge(graph: StateGraph, from: string, scope: Obj, kind: EdgeKind, label: string, pointer: string): void {
  const startAt = scope.StartAt;
  if (
    typeof startAt === 'string' &&
    isObj(scope.States) &&
    Object.prototype.hasOwnProperty.call(scope.States, startAt)
  ) {
    graph.edges.push({ from, to: startAt, kind, label, pointer, resolved: true });
  }
}

/** Tarjan's strongly connected components (iterative); keeps those that loop (size > 1 or a self-edge). */
function findCycles(states: string[], adjacency: Map<string, string[]>): string[][] {
  const order = new Map(states.map((s, i) => [s, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of states) {
    if (index.has(root)) continue;
    const work: { v: string; next: number }[] = [{ v: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { v: string; next: number };
      const successors = adjacency.get(frame.v) ?? [];
      if (frame.next < successors.length) {
        const w = successors[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(frame.v) as number));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        const only = component[0] as string;
        if (component.length > 1 || (adjacency.get(only) ?? []).includes(only)) {
          component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
          cycles.push(component);
        }
      }
    }
  }
  cycles.sort((a, b) => (order.get(a[0] as string) ?? 0) - (order.get(b[0] as string) ?? 0));
  return cycles;
}

const SHORT_OPS: Readonly<Record<string, string>> = nullProto({
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
});

/** A short, human-readable summary of a Choice rule for edge labels. */
function describeRule(rule: Obj): string {
  if (typeof rule.Condition === 'string' || typeof rule.Condition === 'boolean') {
    const c = String(rule.Condition);
    const m = /^\{%\s*([\s\S]*?)\s*%\}$/.exec(c);
    return truncate(m?.[1] ?? c);
  }
  return truncate(describeJsonPathRule(rule));
}

function describeJsonPathRule(rule: Obj): string {
  for (const key of Object.keys(rule)) {
    const v = rule[key];
    if (key === 'And' || key === 'Or') {
      return Array.isArray(v)
        ? v.map((r) => (isObj(r) ? `(${describeJsonPathRule(r)})` : '?')).join(key === 'And' ? ' && ' : ' || ')
        : key;
    }
    if (key === 'Not') return isObj(v) ? `!(${describeJsonPathRule(v)})` : 'Not';
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign') continue;
    const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
    const m =
      /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
        key,
      );
    if (m !== null)
      return `${variable} ${SHORT_OPS[m[2] ?? 'Equals'] ?? '=='} ${typeof v === 'string' && m[3] === undefined ? JSON.stringify(v) : String(v)}`;
    if (key.startsWith('Is')) return `${variable} ${key}${v === false ? ' false' : ''}`;
    return `${variable} ${key} ${JSON.stringify(v)}`;
  }
  return 'rule';
}

function truncate(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
