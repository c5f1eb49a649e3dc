import { closestName } from '../closestName.js';
import type { RuleReporter, ScopeFacts } from '../scopeFacts.js';

/**
 * `MISSING_TRANSITION_TARGET`: every Next, Default, Choices[i].Next and Catch[i].Next names a state of the same
 * scope (AWS says `Next` for all of them). Fills `scope.adjacency` with the resolved edges.
 * @internal
 */
export function checkTransitionTargets(scope: ScopeFacts, report: RuleReporter): void {
  const adjacency = scope.adjacency;
  for (const e of scope.edges) {
    if (!scope.names.has(e.to)) {
      const suggestion = closestName(e.to, scope.names.keys());
      report.error(
        'MISSING_TRANSITION_TARGET',
        e.pointer,
        `Missing 'Next' target: ${e.to}`,
        suggestion === undefined ? { target: e.to } : { target: e.to, suggestion },
      );
      continue;
    }
    let list = adjacency.get(e.from);
    if (list === undefined) adjacency.set(e.from, (list = []));
    list.push(e.to);
  }
}
