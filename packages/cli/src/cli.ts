import { createRequire } from 'node:module';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import bootstrapCommand from './commands/bootstrap.js';
import deployCommand from './commands/deploy.js';
import deployerPolicyCommand from './commands/deployerPolicy.js';
import execCommand from './commands/exec.js';
import graphCommand from './commands/graph.js';
import jsonCommand from './commands/json.js';
import localCommand from './commands/local.js';
import packageCommand from './commands/package.js';
import validateCommand from './commands/validate.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';

/** Exit code for a bug in step-cli (BSD `EX_SOFTWARE`). */
const EXIT_INTERNAL = 70;
/** Exit code for bad usage or invalid input. */
const EXIT_USAGE = 2;

const ISSUE_URL = 'https://github.com/step-dev/step/issues/new';
/** The version of this package, read from its package.json (one level above both src/ and dist/). */
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** A usage error reported by yargs (unknown option, missing argument, failed `.check`). */
class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Build the `step-cli` yargs instance with every command registered.
 *
 * @remarks
 * Nothing runs until you parse. Command handlers load their implementation lazily, so `--help` stays fast.
 * Usage errors are thrown (not printed) so that {@link runCli} can report them with exit code 2.
 */
export function createCli(): Argv {
  const cli = yargs()
    .scriptName('step-cli')
    .usage('$0 <command> [options]\n\nValidate, graph, run and deploy AWS Step Functions state machines.')
    .command(validateCommand)
    .command(graphCommand)
    .command(execCommand)
    .command(jsonCommand)
    .command(packageCommand)
    .command(bootstrapCommand)
    .command(deployCommand)
    .command(deployerPolicyCommand)
    .command(localCommand)
    .demandCommand(1, 'Name a command, for example: step-cli validate flow.asl.json')
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw error ?? new UsageError(message ?? 'Invalid arguments');
    })
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .epilogue('Docs: https://github.com/step-dev/step/tree/main/packages/cli#readme');
  return cli.wrap(Math.min(100, cli.terminalWidth()));
}

/**
 * Run step-cli with `args` (no `node` or script path) and return the exit code.
 *
 * @remarks
 * The one place that turns failures into exit codes: an `ExitError` prints its message and returns its
 * `exitCode`; an `AslValidationError` prints its diagnostics and returns 2; a usage error prints the
 * message and a `--help` hint and returns 2; anything else is a bug: stack, "this is a bug", issue link, 70.
 * Never calls `process.exit`.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    let helpOutput = '';
    await createCli().parseAsync(
      markStdin(args),
      { io },
      (_error: Error | undefined, _argv: unknown, output: string) => {
        helpOutput = output;
      },
    );
    if (helpOutput) io.stdout.write(helpOutput.endsWith('\n') ? helpOutput : `${helpOutput}\n`);
    return 0;
  } catch (error) {
    return reportError(error, args, io);
  }
}

/** Commands whose file arguments accept `-` for standard input. */
const STDIN_COMMANDS = new Set(['validate', 'graph', 'exec']);
/** Same value as `STDIN` of run/loadDefinitionSource.ts (not imported: that module loads lazily). */
const STDIN_NAME = '<stdin>';

/** yargs drops a bare `-`, so name it for the commands that read standard input. */
function markStdin(args: readonly string[]): string[] {
  const command = args.find((a) => !a.startsWith('-'));
  return command !== undefined && STDIN_COMMANDS.has(command)
    ? args.map((a) => (a === '-' ? STDIN_NAME : a))
    : [...args];
}

/**
 * Print a failure the way step-cli reports it and return the exit code (see {@link runCli}).
 *
 * @internal
 */
export async function reportError(error: unknown, args: readonly string[], io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    const command = args.find((a) => !a.startsWith('-'));
    io.stderr.write(`${error.message}\nRun "step-cli ${command ? `${command} ` : ''}--help" for usage.\n`);
    return EXIT_USAGE;
  }
  const { isStepError, formatDiagnostic } = await import('@step/asl');
  if (isStepError(error)) {
    if (error.name === 'ExitError' && 'exitCode' in error && typeof error.exitCode === 'number') {
      if (error.message) io.stderr.write(error.message.endsWith('\n') ? error.message : `${error.message}\n`);
      return error.exitCode;
    }
    if (error.name === 'AslValidationError' && 'diagnostics' in error && Array.isArray(error.diagnostics)) {
      io.stderr.write('Invalid state machine definition; fix these:\n');
      for (const d of error.diagnostics as Parameters<typeof formatDiagnostic>[0][])
        io.stderr.write(`  ${formatDiagnostic(d)}\n`);
      return EXIT_USAGE;
    }
  }
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  io.stderr.write(
    `${stack}\n\nThis is a bug in step-cli, not in your state machine. Please open an issue with the command you ran and the output above:\n${ISSUE_URL}\n`,
  );
  return EXIT_INTERNAL;
}
