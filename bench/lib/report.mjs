// Formats the benchmark results as aligned text tables; also lists what failed (wrong output = failure).

const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n)
    ? '-'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (r) => (r?.ok ? fmt(r.medianMs, r.medianMs < 100 ? 1 : 0) : 'FAILED');
const mb = (r) => (r?.peakRssMb === undefined ? '-' : fmt(r.peakRssMb, 0));

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (align[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport({ executions, coldStarts = [], validations, runs, node, cpus, date, seconds }) {
  const failures = [];
  const out = [];
  out.push(
    `Step benchmark  ${date}  node ${node}, ${cpus} CPUs  (construction + execution, median of ${runs} runs after 1 warm-up; each tool/workload in its own process)`,
  );
  out.push('');

  if (executions.length > 0) {
    const rows = [];
    for (const { workload, ours, theirs } of executions) {
      const transitions = ours?.ok && ours.transitions ? ours.transitions : workload.transitions;
      if (!ours?.ok) failures.push(`ours / ${workload.name}: ${ours?.error}`);
      if (ours?.ok && ours.transitions !== undefined && ours.transitions !== workload.transitions) {
        failures.push(
          `ours / ${workload.name}: entered ${ours.transitions} states, a correct run enters ${workload.transitions}`,
        );
      }
      const theirsUnsupported = workload.jsonata && theirs && !theirs.ok;
      if (theirs && !theirs.ok && !workload.jsonata)
        failures.push(`aws-local-stepfunctions / ${workload.name}: ${theirs.error}`);
      const usPer = (r) => (r?.ok ? fmt((r.medianMs * 1000) / transitions, 1) : '-');
      const perSec = (r) => (r?.ok ? fmt(transitions / (r.medianMs / 1000)) : '-');
      rows.push([
        workload.name,
        fmt(transitions),
        ms(ours),
        theirs ? (theirsUnsupported ? 'n/a*' : ms(theirs)) : '-',
        ours?.ok && theirs?.ok ? `${fmt(theirs.medianMs / ours.medianMs, 1)}x` : '-',
        usPer(ours),
        theirsUnsupported ? '-' : usPer(theirs),
        perSec(ours),
        theirsUnsupported ? '-' : perSec(theirs),
        mb(ours),
        theirsUnsupported ? '-' : mb(theirs),
      ]);
    }
    out.push('Executions: ours = @step/interpreter, theirs = aws-local-stepfunctions 3.0.0');
    out.push(
      table(
        [
          'workload',
          'states',
          'ours ms',
          'theirs ms',
          'speed-up',
          'µs/state ours',
          'theirs',
          'states/s ours',
          'theirs',
          'peak MB ours',
          'theirs',
        ],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    if (executions.some(({ workload, theirs }) => workload.jsonata && theirs && !theirs.ok)) {
      out.push(
        '* aws-local-stepfunctions 3.0.0 has no JSONata support: it runs the definition but its output is wrong.',
      );
    }
    const pairs = [];
    for (const { workload, ours } of executions.filter((e) => e.workload.jsonata)) {
      const base = executions.find(
        (e) => e.workload.file === workload.file.replace('.jsonata', '') && !e.workload.jsonata,
      );
      if (base?.ours?.ok && ours?.ok)
        pairs.push([base.workload.name, ms(base.ours), ms(ours), `${fmt(ours.medianMs / base.ours.medianMs, 2)}x`]);
    }
    if (pairs.length > 0) {
      out.push('');
      out.push('Query languages (ours): the same workload written in JSONPath and in JSONata');
      out.push(table(['workload', 'JSONPath ms', 'JSONata ms', 'JSONata / JSONPath'], pairs, ['l', 'r', 'r', 'r']));
    }
    out.push('');
  }

  if (coldStarts.length > 0) {
    const ours = coldStarts[0]?.report;
    const rows = coldStarts.map(({ tool, report }, i) => {
      if (!report.ok) failures.push(`cold start / ${tool}: ${report.error}`);
      return [tool, ms(report), i > 0 && ours?.ok && report.ok ? `${fmt(report.medianMs / ours.medianMs, 1)}x` : '-'];
    });
    out.push('CLI cold start: one node process per execution of a 2-state machine (startup included), wall time');
    out.push(table(['command', 'ms', 'ours faster by'], rows, ['l', 'r', 'r']));
    out.push('');
  }

  if (validations.length > 0) {
    const names = {
      ours: '@step/asl validate',
      'asl-service': 'amazon-states-language-service 1.16.1',
      'asl-validator': 'asl-validator 4.0.0',
    };
    const rows = [];
    let oursMs;
    for (const { tool, count, runs: n, report } of validations) {
      if (!report.ok) failures.push(`validate / ${tool}: ${report.error}`);
      const perDef = report.ok ? report.medianMs / count : undefined;
      if (tool === 'ours') oursMs = perDef;
      rows.push([
        names[tool] ?? tool,
        fmt(count),
        String(n),
        ms(report),
        perDef === undefined ? '-' : fmt(perDef, perDef < 1 ? 3 : 1),
        perDef === undefined ? '-' : fmt(1000 / perDef),
        report.ok ? `${report.invalid} (expected ${count / 10})` : 'FAILED',
        tool !== 'ours' && perDef !== undefined && oursMs ? `${fmt(perDef / oursMs, 0)}x` : '-',
        mb(report),
      ]);
    }
    out.push('Validation of generated definitions (every 10th invalid: a dangling Next), JSON text in');
    out.push(
      table(
        [
          'validator',
          'definitions',
          'runs',
          'total ms',
          'ms/def',
          'defs/s',
          'invalid found',
          'ours faster by',
          'peak MB',
        ],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    const aslValidator = validations.find((v) => v.tool === 'asl-validator');
    if (aslValidator) {
      out.push(
        `asl-validator takes ~200 ms per definition, so it validates only the first ${aslValidator.count} definitions, ` +
          `${aslValidator.runs} runs; compare ms/def.`,
      );
    }
    out.push('');
  }
  out.push(`Total benchmark time: ${fmt(seconds, 0)} s`);
  if (failures.length > 0) out.push(`FAILED: ${failures.length} wrong or failed run(s), listed on stderr.`);
  return { text: `${out.join('\n')}\n`, failures };
}
