// A jest reporter that records each package's totals in <repo>/.jest-results/node-<major>/<package>.json,
// so `.ci/run` can print the totals per Node version (it runs the tests on several) and one
// `N passed, M failed` line for the whole run.
const fs = require('node:fs');
const path = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const repo = path.resolve(__dirname, '..');
    const dir = path.join(repo, '.jest-results', `node-${process.versions.node.split('.')[0]}`);
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
