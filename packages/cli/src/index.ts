// The step-cli entry point: bin/step.js imports this module, which runs the CLI on process.argv.
// Importing it has that side effect, so the package exports no library entry ("."), only the bin.
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';

process.exitCode = await runCli(hideBin(process.argv));
