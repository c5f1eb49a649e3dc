export { buildGraph } from './buildGraph.js';
export { toDot } from './toDot.js';
export type { ToDotOptions } from './toDot.js';
export { toMermaid } from './toMermaid.js';
export type { ToMermaidOptions } from './toMermaid.js';
export type { EdgeKind, GraphEdge, GraphNode, GraphScope, StateGraph } from './types.js';
