import { StepError } from '@step/asl';

/**
 * Thrown when an event names a task that has no registered handler.
 *
 * @remarks
 * Its `name` is `'UnknownTaskError'`, which the Lambda runtime reports as `errorType`, so a state machine can
 * `Retry`/`Catch` it with `"ErrorEquals": ["UnknownTaskError"]`. `taskName` is `undefined` when the event had no
 * `Task` field and no default handler is registered.
 *
 * @example
 * ```ts
 * import { UnknownTaskError } from '@step/lambda';
 * const error = new UnknownTaskError('Charge', ['Hello']);
 * error.knownTasks; // ['Hello']
 * ```
 */
export class UnknownTaskError extends StepError {
  /** The `Task` field of the event, or `undefined` when the event had none. */
  readonly taskName: string | undefined;
  /** The task names that do have a handler. */
  readonly knownTasks: readonly string[];

  constructor(taskName: string | undefined, knownTasks: readonly string[], options?: ErrorOptions) {
    const known = knownTasks.length === 0 ? 'none' : knownTasks.map((t) => `"${t}"`).join(', ');
    super(
      taskName === undefined
        ? `The event has no "Task" field and no default handler is registered (known tasks: ${known}). Send {"Task": "<state name>", "Input": ...} or pass a defaultHandler.`
        : `Task "${taskName}" has no handler (known tasks: ${known}). Register a handler named "${taskName}".`,
      options,
    );
    this.name = 'UnknownTaskError';
    this.taskName = taskName;
    this.knownTasks = knownTasks;
  }
}

/**
 * Thrown before a task handler runs when its input fails the handler's input validation.
 *
 * @remarks
 * Its `name` is `'InvalidTaskInputError'`, so Step Functions can `Catch` it; the message (the Step Functions
 * `Cause`) lists what is wrong.
 *
 * @example
 * ```ts
 * import { InvalidTaskInputError } from '@step/lambda';
 * const error = new InvalidTaskInputError('Charge', ['amount must be a number']);
 * error.issues; // ['amount must be a number']
 * ```
 */
export class InvalidTaskInputError extends StepError {
  /** The task whose input was rejected (`undefined` for the default handler). */
  readonly taskName: string | undefined;
  /** What is wrong with the input, one entry per problem. */
  readonly issues: readonly string[];

  constructor(taskName: string | undefined, issues: readonly string[], options?: ErrorOptions) {
    const subject = taskName === undefined ? 'The default handler' : `Task "${taskName}"`;
    super(
      `${subject} received invalid input: ${issues.join('; ')}. Fix the state's input or its InputPath/Parameters.`,
      options,
    );
    this.name = 'InvalidTaskInputError';
    this.taskName = taskName;
    this.issues = issues;
  }
}

/**
 * Thrown by `defineMachine` when the machine's TaskFn states and the handlers do not match one to one.
 *
 * @example
 * ```ts
 * import { MachineHandlersError } from '@step/lambda';
 * const error = new MachineHandlersError(['Hello'], ['Goodbye']);
 * error.missingHandlers; // ['Hello']
 * ```
 */
export class MachineHandlersError extends StepError {
  /** TaskFn states that have no handler. */
  readonly missingHandlers: readonly string[];
  /** Handlers that match no TaskFn state. */
  readonly extraHandlers: readonly string[];

  constructor(missingHandlers: readonly string[], extraHandlers: readonly string[], options?: ErrorOptions) {
    const parts: string[] = [];
    if (missingHandlers.length > 0) {
      parts.push(
        `TaskFn state${missingHandlers.length > 1 ? 's' : ''} ${quoteList(missingHandlers)} ha${missingHandlers.length > 1 ? 've' : 's'} no handler: add ${missingHandlers.length > 1 ? 'them' : 'it'} to "handlers"`,
      );
    }
    if (extraHandlers.length > 0) {
      parts.push(
        `handler${extraHandlers.length > 1 ? 's' : ''} ${quoteList(extraHandlers)} match${extraHandlers.length > 1 ? '' : 'es'} no TaskFn state: remove ${extraHandlers.length > 1 ? 'them' : 'it'} or add a state of Type "TaskFn" with that name`,
      );
    }
    super(`The machine and its handlers do not match: ${parts.join('; ')}.`, options);
    this.name = 'MachineHandlersError';
    this.missingHandlers = missingHandlers;
    this.extraHandlers = extraHandlers;
  }
}

/**
 * Thrown when a machine definition cannot be read (a missing file, bad JSON, a value that is not an object).
 *
 * @remarks
 * An invalid but readable definition throws `AslValidationError` from `@step/asl` instead.
 *
 * @example
 * ```ts
 * import { MachineDefinitionError } from '@step/lambda';
 * throw new MachineDefinitionError('Cannot read "flow.asl.json": file not found.');
 * ```
 */
export class MachineDefinitionError extends StepError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MachineDefinitionError';
  }
}

/**
 * Thrown by `loadMachineModule` when a module cannot be compiled, imported, or does not export a machine.
 *
 * @example
 * ```ts
 * import { MachineModuleError } from '@step/lambda';
 * const error = new MachineModuleError('flow.ts', 'it exports no "machine"');
 * error.file; // 'flow.ts'
 * ```
 */
export class MachineModuleError extends StepError {
  /** The module file. */
  readonly file: string;

  constructor(file: string, problem: string, options?: ErrorOptions) {
    super(`Cannot load the machine module "${file}": ${problem}.`, options);
    this.name = 'MachineModuleError';
    this.file = file;
  }
}

/**
 * Thrown by `buildLambdaZip` when the handler cannot be bundled.
 *
 * @example
 * ```ts
 * import { LambdaPackageError } from '@step/lambda';
 * const error = new LambdaPackageError('src/handler.ts', 'it exports no "handler"');
 * error.entry; // 'src/handler.ts'
 * ```
 */
export class LambdaPackageError extends StepError {
  /** The entry file that was being bundled. */
  readonly entry: string;

  constructor(entry: string, problem: string, options?: ErrorOptions) {
    super(`Cannot package "${entry}" as a Lambda: ${problem}.`, options);
    this.name = 'LambdaPackageError';
    this.entry = entry;
  }
}

/**
 * Thrown by `readZip` when the bytes are not a zip archive it can read safely: a bad signature, a size or offset
 * outside the archive, a CRC-32 mismatch, an unsupported feature (zip64, encryption, a compression method other
 * than store and deflate), or an entry name that is absolute or climbs out of the archive with `..`.
 *
 * @example
 * ```ts
 * import { ZipFormatError } from '@step/lambda';
 * const error = new ZipFormatError('its name climbs out of the archive', '../etc/passwd');
 * error.entry; // '../etc/passwd'
 * ```
 */
export class ZipFormatError extends StepError {
  /** The entry at fault, or `undefined` when the archive as a whole is at fault. */
  readonly entry: string | undefined;

  constructor(problem: string, entry?: string, options?: ErrorOptions) {
    super(
      entry === undefined
        ? `Cannot read the zip archive: ${problem}.`
        : `Cannot read the zip entry "${entry}": ${problem}.`,
      options,
    );
    this.name = 'ZipFormatError';
    this.entry = entry;
  }
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
