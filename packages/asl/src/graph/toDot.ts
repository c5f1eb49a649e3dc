import type { Definition } from '../types.js';
import { buildGraph } from './buildGraph.js';
import type { GraphEdge, GraphNode, GraphScope, StateGraph } from './types.js';

/**
 * Options of {@link toDot}.
 *
 * @example
 * ```ts
 * const options: ToDotOptions = { title: 'checkout.asl.json' };
 * ```
 */
export interface ToDotOptions {
  /** Graph label shown on top. */
  title?: string;
}

/**
 * Renders a definition as Graphviz DOT.
 *
 * @remarks
 * Deterministic (same input, same bytes). Choice states are diamonds, Succeed/Fail double boxes;
 * Catch edges are red and dashed, labelled by their errors; Choice defaults are dashed and labelled `Default`;
 * Parallel branches and Map processors are clusters; unreachable states are gray and dashed.
 *
 * @example
 * ```ts
 * fs.writeFileSync('machine.dot', toDot(definition, { title: 'Checkout' }));
 * // dot -Tsvg machine.dot > machine.svg
 * ```
 */
export function toDot(definition: Definition, options: ToDotOptions = {}): string {
  const graph = buildGraph(definition);
  const lines: string[] = [];
  lines.push(`digraph ${quote(options.title ?? 'StateMachine')} {`);
  if (options.title !== undefined) lines.push(`  label=${quote(options.title)};`, '  labelloc=t;');
  lines.push(
    '  rankdir=TB;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  );
  lines.push('  "__start__" [shape=circle, style=filled, fillcolor=black, label="", width=0.2];');
  const root = graph.scopes[0];
  if (root !== undefined) emitScope(graph, root, lines, '  ');
  if (root?.startAt !== undefined && root.states.includes(root.startAt))
    lines.push(`  "__start__" -> ${quote(root.startAt)};`);
  for (const e of graph.edges) lines.push(`  ${edgeLine(e)}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function emitScope(graph: StateGraph, scope: GraphScope, lines: string[], indent: string): void {
  const byId = new Map(graph.nodes.filter((n) => n.scope === scope.id).map((n) => [n.id, n]));
  for (const id of scope.states) {
    const node = byId.get(id);
    if (node !== undefined) lines.push(`${indent}${nodeLine(node)}`);
  }
  for (const child of graph.scopes) {
    if (child.owner === undefined || !scope.states.includes(child.owner) || !isDirectChild(graph, scope, child))
      continue;
    const label = child.kind === 'branch' ? `${child.owner} branch ${child.index ?? 0}` : `${child.owner} processor`;
    lines.push(`${indent}subgraph ${quote(`cluster_${child.id}`)} {`);
    lines.push(`${indent}  label=${quote(label)};`, `${indent}  style=dashed;`, `${indent}  color=gray40;`);
    emitScope(graph, child, lines, `${indent}  `);
    lines.push(`${indent}}`);
  }
}

/** A child scope's pointer starts with the owner state's pointer, which lives in `scope`. */
function isDirectChild(graph: StateGraph, scope: GraphScope, child: GraphScope): boolean {
  const owner = graph.nodes.find((n) => n.id === child.owner && n.scope === scope.id);
  return owner !== undefined && child.id.startsWith(`${owner.pointer}/`);
}

function nodeLine(node: GraphNode): string {
  const attrs = [`label=${quote(`${node.id}\n(${node.type})`)}`];
  const composite = node.type === 'Parallel' || node.type === 'Map';
  // Each attribute is written once: Graphviz keeps only the last of duplicates.
  let style = node.type === 'Choice' ? '' : composite ? 'rounded,bold' : undefined;
  let color = node.type === 'Succeed' ? 'darkgreen' : node.type === 'Fail' ? 'red' : undefined;
  if (node.type === 'Choice') attrs.push('shape=diamond');
  if (node.type === 'Succeed' || node.type === 'Fail') attrs.push('peripheries=2');
  if (!node.reachable) {
    style = node.type === 'Choice' ? 'dashed' : composite ? 'rounded,bold,dashed' : 'rounded,dashed';
    color = 'gray50';
  }
  if (style !== undefined) attrs.push(`style=${quote(style)}`);
  if (color !== undefined) attrs.push(`color=${color}`);
  if (!node.reachable) attrs.push('fontcolor=gray50', 'tooltip="unreachable"');
  return `${quote(node.id)} [${attrs.join(', ')}];`;
}

function edgeLine(e: GraphEdge): string {
  const attrs: string[] = [];
  if (e.label !== undefined && e.label !== '') attrs.push(`label=${quote(e.label)}`);
  switch (e.kind) {
    case 'default':
      attrs.push('style=dashed');
      break;
    case 'catch':
      attrs.push('style=dashed', 'color=red', 'fontcolor=red');
      break;
    case 'branch':
    case 'processor':
      attrs.push('style=dotted', 'arrowhead=empty');
      break;
    default:
      break;
  }
  if (!e.resolved) attrs.push('color=red', 'penwidth=2');
  const target = e.resolved ? quote(e.to) : quote(`missing: ${e.to}`);
  return `${quote(e.from)} -> ${target}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
