import type { MachineCoverageData } from './CoverageData.js';
import type { CoverageReport } from './createCoverageReport.js';
import { toCoverageMermaid } from './toCoverageMermaid.js';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A self-describing HTML page of a coverage report: the metrics table, and per machine its coloured graph and
 * the list of what was not covered. The graph is drawn by Mermaid, loaded from a CDN when the page is opened.
 *
 * @example
 * ```ts
 * writeFileSync('step-coverage/index.html', toCoverageHtml(report, machines));
 * ```
 */
export function toCoverageHtml(report: CoverageReport, machines: readonly MachineCoverageData[]): string {
  const rows = report.machines
    .map((m) => {
      const c = (x: { pct: number; covered: number; total: number }) => `<td>${x.pct.toFixed(2)}% (${x.covered}/${x.total})</td>`;
      return `<tr><td><a href="#${escapeHtml(m.machine)}">${escapeHtml(m.name)}</a></td><td>${m.executions}</td>${c(m.metrics.states)}${c(m.metrics.transitions)}${c(m.metrics.retriers)}</tr>`;
    })
    .join('\n');
  const sections = report.machines
    .map((m) => {
      const data = machines.find((d) => d.machine === m.machine);
      const graph = data === undefined ? '' : `<pre class="mermaid">\n${escapeHtml(toCoverageMermaid(data))}</pre>`;
      const missed = [
        ...m.states.filter((s) => s.count === 0).map((s) => `state ${s.name} (${s.pointer})`),
        ...m.transitions.filter((t) => t.count === 0).map((t) => `transition ${t.from} → ${t.to} (${t.kind}${t.label === undefined ? '' : `: ${t.label}`}) ${t.pointer}`),
        ...m.retriers.filter((r) => r.count === 0).map((r) => `retrier ${r.state} [${r.errorEquals.join(', ')}] ${r.pointer}`),
      ];
      const list = missed.length === 0 ? '<p>Everything covered.</p>' : `<ul>${missed.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
      return `<section id="${escapeHtml(m.machine)}"><h2>${escapeHtml(m.name)} <small>${escapeHtml(m.hash)}</small></h2>${graph}<h3>Not covered</h3>${list}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>State machine coverage</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}small{color:#888}</style>
</head>
<body>
<h1>State machine coverage</h1>
<table>
<tr><th>machine</th><th>runs</th><th>states</th><th>transitions</th><th>retriers</th></tr>
${rows}
</table>
${sections}
<script type="module">import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs'; mermaid.initialize({ startOnLoad: true });</script>
</body>
</html>
`;
}
