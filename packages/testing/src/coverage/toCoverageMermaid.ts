import { toMermaid } from '@step/asl/graph';
import type { MachineCoverageData } from './CoverageData.js';

const COVERED = 'fill:#d9f2d9,stroke:#2a8a2a';
const UNCOVERED = 'fill:#f9d6d6,stroke:#c62828';

/**
 * The machine's Mermaid flowchart (`@step/asl`'s `toMermaid`) coloured by coverage: visited states green,
 * others red; taken transitions thick green, others dashed red.
 *
 * @example
 * ```ts
 * writeFileSync('orders.mmd', toCoverageMermaid(readCoverageDir('step-coverage')[0]!));
 * ```
 */
export function toCoverageMermaid(machine: MachineCoverageData): string {
  return toMermaid(machine.definition, {
    classDefs: { covered: COVERED, uncovered: UNCOVERED },
    nodeClass: (node) => ((machine.hits.states[node.pointer] ?? 0) > 0 ? 'covered' : 'uncovered'),
    edgeStyle: (edge) =>
      (machine.hits.transitions[edge.pointer]?.count ?? 0) > 0
        ? 'stroke:#2a8a2a,stroke-width:3px'
        : 'stroke:#c62828,stroke-width:1px,stroke-dasharray:4 4',
  });
}
