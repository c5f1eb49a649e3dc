import type { RuleReporter, ScopeFacts } from '../scopeFacts.js';

/**
 * `MISSING_END_STATE`: a scope needs at least one terminal state (End: true, Succeed or Fail).
 *
 * @remarks
 * Returns false when it reported, so the caller skips the reachability rule (AWS does not report
 * unreachable states for a scope with no terminal state).
 * @internal
 */
export function checkTerminalState(scope: ScopeFacts, report: RuleReporter): boolean {
  if (scope.names.size === 0 || scope.terminals > 0) return true;
  report.error('MISSING_END_STATE', scope.pointer, 'Workflow has no terminal state');
  return false;
}
