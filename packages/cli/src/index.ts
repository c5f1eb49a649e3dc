// The step-cli entry point: bin/step.js imports this module, which runs the CLI on process.argv.
// Importing it has that side effect, so the package exports no library entry ("."), only the bin.
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';

// The AWS SDK prints a nine-line NodeVersionSupportWarning on Node 20 the first time a client is built, in the
// middle of every bootstrap and deploy. It speaks of the SDK's future releases, not of the user's deploy; Step
// announces its own Node support in its changelog. So the binary turns it off for its own process, unless the user
// set the variable (docs/decisions/010-ci-node-matrix.md). Library users of @step/deployer keep the SDK's default.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await runCli(hideBin(process.argv));
