/**
 * A transition recorded while walking a scope's states (Next, Default, Choices[i].Next, Catch[i].Next).
 * @internal
 */
export interface ScopeEdge {
  from: string;
  to: string;
  pointer: string;
}

/**
 * What the structural walk learned about one scope (the machine, a Parallel branch or a Map processor);
 * the semantic rules in `rules/` read it.
 * @internal
 */
export interface ScopeFacts {
  /** JSON pointer of the scope object; `''` is the machine. */
  pointer: string;
  /** State name → JSON pointer of the state. */
  names: Map<string, string>;
  edges: ScopeEdge[];
  /** How many states end the scope (plus states too broken to tell). */
  terminals: number;
  /** Variables assigned by each state (state-level, rule-level and Catch Assign). */
  assigns: Map<string, string[]>;
  /** Where each variable name is assigned in this scope. */
  assignPointers: Map<string, string[]>;
  /** Variables read by each state, with where. */
  reads: Map<string, { name: string; pointer: string }[]>;
  parent: ScopeFacts | undefined;
  /** The Parallel or Map state (in `parent`) that owns this scope. */
  owner: string | undefined;
  /** Variables assigned in enclosing scopes (filled by {@link collectOuterVariables}). */
  outer: Set<string>;
  /** A distributed Map processor: child executions see no outer variables. */
  distributed: boolean;
  /** Resolved transitions (filled by the transition-target rule). */
  adjacency: Map<string, string[]>;
  /** States reached from StartAt, when the scope's graph is sound enough to tell. */
  reached: Set<string> | undefined;
}

/**
 * Where rules report their findings.
 * @internal
 */
export interface RuleReporter {
  error(code: string, path: string, message: string, params?: Record<string, unknown>): void;
  warn(code: string, path: string, message: string, params?: Record<string, unknown>): void;
}
