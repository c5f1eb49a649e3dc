import type { RuleReporter, ScopeFacts } from '../scopeFacts.js';

/**
 * Fills `scope.outer` of every nested scope with the variables assigned in its enclosing scopes.
 *
 * @remarks
 * The owning Parallel/Map state's own Assign and Catch Assign run after the inner scope ends, so they do not
 * count; a distributed Map processor sees no outer variable at all.
 * @internal
 */
export function collectOuterVariables(scopes: readonly ScopeFacts[]): void {
  for (const scope of scopes) {
    if (scope.parent === undefined || scope.distributed) continue;
    let child: ScopeFacts = scope;
    for (let s: ScopeFacts | undefined = scope.parent; s !== undefined; child = s, s = s.parent) {
      for (const [state, vars] of s.assigns) {
        if (state !== child.owner) for (const v of vars) scope.outer.add(v);
      }
      if (s.distributed) break;
    }
  }
}

/**
 * "A variable assigned in an inner scope cannot have the same name as one assigned in an outer scope."
 * @internal
 */
export function checkVariableShadowing(scope: ScopeFacts, report: RuleReporter): void {
  for (const [name, pointers] of scope.assignPointers) {
    if (!scope.outer.has(name)) continue;
    for (const pointer of pointers) {
      report.error(
        'SCHEMA_VALIDATION_FAILED',
        pointer,
        `A variable assigned in an inner scope cannot have the same name as one assigned in an outer scope: '${name}'`,
        { variable: name },
      );
    }
  }
}
