/**
 * Kinds of graph edges: transitions (`next`, `choice`, `default`, `catch`) and scope entries (`branch`, `processor`).
 *
 * @example
 * ```ts
 * const kind: EdgeKind = 'catch';
 * ```
 */
export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'branch' | 'processor';

/**
 * A state in the graph. `id` is the state name (unique in a valid machine).
 *
 * @example
 * ```ts
 * const node: GraphNode = { id: 'A', type: 'Pass', scope: '', pointer: '/States/A', terminal: true, reachable: true };
 * ```
 */
export interface GraphNode {
  id: string;
  /** The state's `Type` (`Unknown` when missing). */
  type: string;
  /** Id of the scope (a JSON pointer; `''` is the machine). */
  scope: string;
  /** JSON pointer to the state. */
  pointer: string;
  /** End: true, Succeed or Fail. */
  terminal: boolean;
  /** Reached from its scope's StartAt. */
  reachable: boolean;
}

/**
 * A typed edge between two states.
 *
 * @example
 * ```ts
 * const edge: GraphEdge = { from: 'T', to: 'Recover', kind: 'catch', label: 'States.ALL', pointer: '/States/T/Catch/0/Next' };
 * ```
 */
export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Choice rule summary, Catch error names, `Default`, `branch N`. */
  label?: string;
  /** JSON pointer to the field that makes the edge. */
  pointer: string;
  /** false when `to` is not a state of the scope (a dangling target). */
  resolved: boolean;
}

/**
 * A set of states with its own StartAt: the machine, a Parallel branch or a Map processor.
 *
 * @example
 * ```ts
 * const root = graph.scopes[0]; // the machine: { id: '', kind: 'machine', startAt: 'A', ... }
 * ```
 */
export interface GraphScope {
  /** JSON pointer of the scope object; `''` is the machine. */
  id: string;
  kind: 'machine' | 'branch' | 'processor';
  /** The Parallel or Map state that owns the scope. */
  owner?: string;
  /** Branch index, for `branch` scopes. */
  index?: number;
  startAt: string | undefined;
  /** State ids in definition order. */
  states: string[];
  /** States reached from StartAt (breadth-first order). */
  reachable: string[];
  /** States that end the scope. */
  terminals: string[];
  /** Strongly connected components that loop (each sorted by definition order). */
  cycles: string[][];
}

/**
 * The whole machine as a graph: every state of every scope, and typed edges.
 *
 * @example
 * ```ts
 * const g: StateGraph = buildGraph(definition);
 * g.unreachable; // ['Orphan']
 * ```
 */
export interface StateGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  scopes: GraphScope[];
  /** Ids of states no path from their scope's StartAt reaches. */
  unreachable: string[];
}
