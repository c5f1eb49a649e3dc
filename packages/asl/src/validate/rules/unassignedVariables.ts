import type { RuleReporter, ScopeFacts } from '../scopeFacts.js';

const MAX_ROUNDS = 1000;

/**
 * `UNASSIGNED_VARIABLE` (warning): a variable read that no path from StartAt can have assigned before the
 * state runs, found by a forward "may be assigned" dataflow over the scope's transitions. Variables of
 * enclosing scopes count as assigned.
 * @internal
 */
export function checkUnassignedVariables(scope: ScopeFacts, report: RuleReporter): void {
  const reached = scope.reached;
  if (reached === undefined || scope.reads.size === 0) return;
  const assignedIn = new Map<string, Set<string>>();
  for (const name of reached) assignedIn.set(name, new Set());
  let changed = true;
  for (let round = 0; changed && round < MAX_ROUNDS; round++) {
    changed = false;
    for (const name of reached) {
      const out = new Set(assignedIn.get(name));
      for (const v of scope.assigns.get(name) ?? []) out.add(v);
      for (const succ of scope.adjacency.get(name) ?? []) {
        const target = assignedIn.get(succ) as Set<string>;
        for (const v of out) {
          if (!target.has(v)) {
            target.add(v);
            changed = true;
          }
        }
      }
    }
  }
  for (const [name, reads] of scope.reads) {
    const available = assignedIn.get(name);
    if (available === undefined) continue;
    for (const r of reads) {
      if (available.has(r.name) || scope.outer.has(r.name)) continue;
      report.warn(
        'UNASSIGNED_VARIABLE',
        r.pointer,
        `Variable '$${r.name}' is read here but no path from StartAt assigns it before this state`,
        {
          variable: r.name,
        },
      );
    }
  }
}
