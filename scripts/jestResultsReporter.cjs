// A jest reporter that records each package's totals in <repo>/.jest-results/<package>.json,
// so `.ci/run` can print one `N passed, M failed` line for the whole workspace.
const fs = require('node:fs');
const path = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const repo = path.resolve(__dirname, '..');
    const dir = path.join(repo, '.jest-results');
    fs.mkdirSync(dir, { recursive: true });
    const name = path.relative(repo, this.rootDir).replace(/[\\/]/g, '__') || 'root';
    const failedSuites = results.testResults.filter((r) => r.testExecError).length;
    fs.writeFileSync(
      path.join(dir, `${name}.json`),
      JSON.stringify({
        package: name,
        passed: results.numPassedTests,
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }) + '\n',
    );
  }
}
module.exports = JestResultsReporter;
