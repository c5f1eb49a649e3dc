import type { Definition } from '../types.js';
import { buildGraph } from './buildGraph.js';
import type { GraphEdge, GraphNode, GraphScope, StateGraph } from './types.js';

/**
 * Options of {@link toMermaid}: a styling hook for tools that colour the graph (such as coverage reports).
 *
 * @example
 * ```ts
 * const options: ToMermaidOptions = {
 *   classDefs: { hot: 'fill:#fdd' },
 *   nodeClass: (node) => (node.id === 'Charge' ? 'hot' : undefined),
 *   edgeStyle: (edge) => (edge.kind === 'catch' ? 'stroke:#d00' : undefined),
 * };
 * ```
 */
export interface ToMermaidOptions {
  /** Extra `classDef` lines: class name to Mermaid style (`fill:#dfd,stroke:#2a2`). */
  classDefs?: Readonly<Record<string, string>>;
  /** A class to give a state's node (one of `classDefs`), or undefined for none. */
  nodeClass?: (node: GraphNode) => string | undefined;
  /** A `linkStyle` for an edge (`stroke:#2a2,stroke-width:2px`), or undefined for the default. */
  edgeStyle?: (edge: GraphEdge) => string | undefined;
}

/**
 * Renders a definition as a Mermaid flowchart.
 *
 * @remarks
 * Deterministic (same input, same bytes). Node ids are `n0`, `n1`... in definition order; Choice states are
 * rhombi, Succeed/Fail are stadiums; Choice defaults and Catch edges are dotted (`-.->`), Catch edges labelled
 * by their errors; Parallel branches and Map processors are subgraphs; unreachable states get class
 * `unreachable` (dashed), dangling targets class `missing`.
 *
 * @example
 * ```ts
 * const md = '```mermaid\n' + toMermaid(definition) + '```\n';
 * ```
 */
export function toMermaid(definition: Definition, options: ToMermaidOptions = {}): string {
  const graph = buildGraph(definition);
  const ids = new Map<GraphNode, string>();
  const idOf = new Map<string, string>();
  graph.nodes.forEach((n, i) => {
    ids.set(n, `n${i}`);
    if (!idOf.has(`${n.scope}\u0000${n.id}`)) idOf.set(`${n.scope}\u0000${n.id}`, `n${i}`);
  });
  const lines: string[] = ['flowchart TD', '  __start__(( ))'];
  const root = graph.scopes[0];
  if (root !== undefined) emitScope(graph, root, ids, lines, '  ');
  const scopeById = new Map<string, string>();
  for (const n of graph.nodes) if (!scopeById.has(n.id)) scopeById.set(n.id, n.scope);
  const scopeOfEdge = (e: GraphEdge): string => scopeById.get(e.from) ?? '';
  const scopeByStart = new Map<string, GraphScope>();
  for (const s of graph.scopes) if (s.id !== '') scopeByStart.set(`${s.id}/StartAt`, s);
  if (root?.startAt !== undefined && root.states.includes(root.startAt)) {
    lines.push(`  __start__ --> ${idOf.get(`\u0000${root.startAt}`) ?? 'missing'}`);
  }
  const missing: string[] = [];
  const linkStyles: string[] = [];
  // Mermaid numbers links in order of appearance: the start arrow (when drawn) is link 0.
  let link = lines.some((l) => l.startsWith('  __start__ -->')) ? 1 : 0;
  for (const e of graph.edges) {
    const fromScope = scopeOfEdge(e);
    const from = idOf.get(`${fromScope}\u0000${e.from}`) ?? 'missing';
    let to: string | undefined;
    if (e.kind === 'branch' || e.kind === 'processor') {
      const child = scopeByStart.get(e.pointer);
      to = child !== undefined ? idOf.get(`${child.id}\u0000${e.to}`) : undefined;
    } else if (e.resolved) {
      to = idOf.get(`${fromScope}\u0000${e.to}`);
    }
    if (to === undefined) {
      to = `m${missing.length}`;
      missing.push(`  ${to}[${label(`missing: ${e.to}`)}]:::missing`);
    }
    const arrow =
      e.kind === 'default' || e.kind === 'catch'
        ? '-.->'
        : e.kind === 'branch' || e.kind === 'processor'
          ? '==>'
          : '-->';
    const text = e.label !== undefined && e.label !== '' ? `|${label(e.label)}|` : '';
    lines.push(`  ${from} ${arrow}${text} ${to}`);
    const style = options.edgeStyle?.(e);
    if (style !== undefined) linkStyles.push(`  linkStyle ${link} ${style}`);
    link++;
  }
  lines.push(...missing);
  lines.push('  classDef unreachable stroke-dasharray: 5 5,color:#888,stroke:#888');
  lines.push('  classDef missing stroke:#d00,color:#d00');
  const unreachable = graph.nodes.filter((n) => !n.reachable).map((n) => ids.get(n) as string);
  if (unreachable.length > 0) lines.push(`  class ${unreachable.join(',')} unreachable`);
  if (options.nodeClass !== undefined) {
    for (const [name, style] of Object.entries(options.classDefs ?? {})) lines.push(`  classDef ${name} ${style}`);
    const byClass = new Map<string, string[]>();
    for (const n of graph.nodes) {
      const c = options.nodeClass(n);
      if (c === undefined) continue;
      const list = byClass.get(c) ?? [];
      list.push(ids.get(n) as string);
      byClass.set(c, list);
    }
    for (const [c, list] of byClass) lines.push(`  class ${list.join(',')} ${c}`);
  }
  lines.push(...linkStyles);
  return lines.join('\n') + '\n';
}

function emitScope(
  graph: StateGraph,
  scope: GraphScope,
  ids: Map<GraphNode, string>,
  lines: string[],
  indent: string,
): void {
  for (const node of graph.nodes) {
    if (node.scope === scope.id) lines.push(`${indent}${ids.get(node) as string}${shape(node)}`);
  }
  for (const child of graph.scopes) {
    if (child.owner === undefined || child.id === scope.id) continue;
    const owner = graph.nodes.find((n) => n.id === child.owner && n.scope === scope.id);
    if (owner === undefined || !child.id.startsWith(`${owner.pointer}/`)) continue;
    const title = child.kind === 'branch' ? `${child.owner} branch ${child.index ?? 0}` : `${child.owner} processor`;
    lines.push(`${indent}subgraph s${graph.scopes.indexOf(child)}[${label(title)}]`);
    emitScope(graph, child, ids, lines, `${indent}  `);
    lines.push(`${indent}end`);
  }
}

function shape(node: GraphNode): string {
  const text = label(`${node.id} (${node.type})`);
  if (node.type === 'Choice') return `{${text}}`;
  if (node.type === 'Succeed' || node.type === 'Fail') return `([${text}])`;
  return `[${text}]`;
}

function label(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}
