import type { RuleReporter, ScopeFacts } from '../scopeFacts.js';

/**
 * `MISSING_TRANSITION_TARGET` for unreachable states: a breadth-first search from StartAt over the scope's
 * resolved transitions; every state it does not reach is reported, islands of states that point at each
 * other included. Fills `scope.reached`.
 * @internal
 */
export function checkReachability(scope: ScopeFacts, startAt: string, report: RuleReporter): void {
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  for (let i = 0; i < queue.length; i++) {
    const next = scope.adjacency.get(queue[i] as string);
    if (next === undefined) continue;
    for (const n of next) {
      if (!reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
    }
  }
  if (reached.size < scope.names.size) {
    for (const [name, pointer] of scope.names) {
      if (!reached.has(name))
        report.error('MISSING_TRANSITION_TARGET', pointer, `State "${name}" is not reachable.`, { name });
    }
  }
  scope.reached = reached;
}
