import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCoverageReport, type CoverageReport } from './createCoverageReport.js';
import { formatCoverageText } from './formatCoverageText.js';
import { readCoverageDir } from './readCoverageDir.js';
import { toCoverageHtml } from './toCoverageHtml.js';
import { toCoverageMermaid } from './toCoverageMermaid.js';

/**
 * A report format: `text` (`coverage.txt`), `json` (`coverage.json`, the {@link CoverageReport}), `mermaid`
 * (one `<name>-<hash>.mmd` per machine) and `html` (`index.html`).
 *
 * @example
 * ```ts
 * const formats: CoverageFormat[] = ['text', 'html'];
 * ```
 */
export type CoverageFormat = 'text' | 'json' | 'mermaid' | 'html';

/**
 * Every report format, the default of {@link writeCoverageReports}.
 *
 * @example
 * ```ts
 * writeCoverageReports('step-coverage', { formats: COVERAGE_FORMATS.filter((f) => f !== 'html') });
 * ```
 */
export const COVERAGE_FORMATS: readonly CoverageFormat[] = ['text', 'json', 'mermaid', 'html'];

/**
 * Merges the coverage files of `dir` and writes the reports there; returns the report, its text summary and
 * the files written.
 *
 * @example
 * ```ts
 * const { text } = writeCoverageReports('step-coverage');
 * process.stdout.write(text);
 * ```
 */
export function writeCoverageReports(
  dir: string,
  options: { formats?: readonly CoverageFormat[] } = {},
): { report: CoverageReport; text: string; files: string[] } {
  const formats = options.formats ?? COVERAGE_FORMATS;
  const machines = readCoverageDir(dir);
  const report = createCoverageReport(machines);
  const text = formatCoverageText(report);
  const files: string[] = [];
  const write = (name: string, content: string): void => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    files.push(file);
  };
  mkdirSync(dir, { recursive: true });
  if (formats.includes('text')) write('coverage.txt', text);
  if (formats.includes('json')) write('coverage.json', JSON.stringify(report, null, 2) + '\n');
  if (formats.includes('mermaid')) {
    for (const m of machines) write(`${m.name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${m.hash}.mmd`, toCoverageMermaid(m));
  }
  if (formats.includes('html')) write('index.html', toCoverageHtml(report, machines));
  return { report, text, files };
}
