#!/usr/bin/env node
import { runCoverageCli } from '../dist/cli/runCoverageCli.js';

process.exitCode = await runCoverageCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
