import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertValid, lambdaErrorOf, type Definition } from '@step/asl';
import type * as Interpreter from '@step/interpreter';
import type { Execution, ExecutionOptions, ExecutionResult, HistoryEvent, Machine } from '@step/interpreter';
import { createDispatcher } from './createDispatcher.js';
import { createLocalLambdaContext } from './createLocalLambdaContext.js';
import { MachineDefinitionError, MachineHandlersError } from './errors.js';
import { TASKFN_RESOURCE_TEMPLATE } from './lambdaResourceTemplate.js';
import type { Dispatcher, LambdaHandler, LambdaTaskHandler } from './types.js';

/**
 * Options of {@link defineMachine}.
 *
 * @example
 * ```ts
 * import type { DefineMachineOptions } from '@step/lambda';
 * const options: DefineMachineOptions = {
 *   definition: { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true } } },
 *   handlers: { Hello: () => ({ Greeting: 'Hello World' }) },
 * };
 * ```
 */
export interface DefineMachineOptions<H extends Record<string, LambdaTaskHandler> = Record<string, LambdaTaskHandler>> {
  /** The ASL: an object, JSON text, or a path / `file:` URL of a JSON file. `TaskFn` states are allowed. */
  definition: unknown;
  /** One handler per TaskFn state, keyed by state name. */
  handlers: H;
  /** Receives whole events that have no `Task` field. */
  defaultHandler?: LambdaTaskHandler;
}

/**
 * A machine and its task handlers, defined once: deploy its `handler` and `deployableDefinition()`, run it
 * locally with `run()`.
 *
 * @example
 * ```ts
 * import type { StepMachine } from '@step/lambda';
 * const names = (machine: StepMachine) => machine.taskNames;
 * ```
 */
export interface StepMachine {
  /** The validated definition, TaskFn states expanded to Task states (Resource = the template when absent). */
  readonly definition: Definition;
  /** The Lambda handler; export it as `handler`. */
  readonly handler: LambdaHandler;
  /** The dispatcher behind `handler` (context optional). */
  readonly dispatch: Dispatcher;
  /** Names of the TaskFn states, in definition order (nested states included). */
  readonly taskNames: readonly string[];
  /**
   * The definition to deploy. Without `lambdaArn`, TaskFn Resources keep the `{{aws_region}}`, `{{aws_account}}`,
   * `{{lambda_name}}` template for the deployer to fill in. With it, the standard template becomes `lambdaArn`,
   * other templated Resources get the placeholders filled from it, and concrete Resources stay as they are.
   * Throws `MachineDefinitionError` when `lambdaArn` is not a Lambda function ARN.
   */
  deployableDefinition(lambdaArn?: string): Definition;
  /**
   * Runs the machine locally through `@step/interpreter` with the real handlers: same envelope as Lambda, and a
   * handler error fails the task as a Lambda function error does (error = its name, cause = the error JSON).
   */
  run(options?: ExecutionOptions): Promise<ExecutionResult>;
  /**
   * Starts the machine locally as {@link StepMachine.run} does, and returns the running execution at once, so a
   * test can watch its events and answer its task tokens (`.waitForTaskToken`) with `sendTaskSuccess`.
   */
  start(options?: ExecutionOptions): MachineExecution;
  /** The interpreter options that route the TaskFn states to the local dispatcher. */
  executionOptions(): ExecutionOptions;
}

/**
 * One local execution started by {@link StepMachine.start}: the interpreter's `Execution` surface, available
 * before the interpreter has loaded (listeners added right after `start()` see every event after
 * `ExecutionStarted`, as with `Execution.onEvent`).
 *
 * @example
 * ```ts
 * import type { MachineExecution } from '@step/lambda';
 * const approve = (execution: MachineExecution, token: string) => execution.sendTaskSuccess(token, { approved: true });
 * ```
 */
export interface MachineExecution {
  /** Resolves when the execution ends, whatever the outcome. */
  readonly result: Promise<ExecutionResult>;
  /** Subscribes to history events as they happen; returns the unsubscribe function. */
  onEvent(listener: (event: HistoryEvent) => void): () => void;
  /** The history so far (empty until the interpreter has loaded). */
  history(): HistoryEvent[];
  /** Completes a `.waitForTaskToken` task (throws `TaskTokenError` for a token that is not waiting). */
  sendTaskSuccess(token: string, output: unknown): void;
  /** Fails a `.waitForTaskToken` task. */
  sendTaskFailure(token: string, error?: string, cause?: string): void;
  /** Resets a `.waitForTaskToken` task's heartbeat timer. */
  sendTaskHeartbeat(token: string): void;
  /** Stops the execution (status `ABORTED`); before the interpreter has loaded, it stops as soon as it starts. */
  stop(error?: string, cause?: string): void;
}

type JsonObject = Record<string, unknown>;

/**
 * Defines a state machine together with the handlers of its TaskFn states.
 *
 * @remarks
 * Checks at definition time that the ASL is valid (`AslValidationError` otherwise) and that TaskFn states and
 * handlers match one to one ({@link MachineHandlersError} names the missing and extra ones). A Task whose
 * Parameters are exactly `{"Task": "<its name>", "Input.$": "$"}` (an already expanded TaskFn) counts as a TaskFn.
 *
 * @example
 * ```ts
 * import { defineMachine } from '@step/lambda';
 * export const machine = defineMachine({
 *   definition: { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true } } },
 *   handlers: { Hello: (input: { Greeting?: string }) => ({ ...input, Greeting: input.Greeting || 'Hello World' }) },
 * });
 * export const handler = machine.handler;
 * ```
 */
export function defineMachine<H extends Record<string, LambdaTaskHandler>>(
  options: DefineMachineOptions<H>,
): StepMachine {
  const source = readDefinition(options.definition);
  const taskStates: JsonObject[] = [];
  const taskNames: string[] = [];
  let definition: Definition;
  if (source === undefined) {
    definition = assertValid(options.definition); // not JSON: let @step/asl report it
  } else {
    walkStates(source, (name, state) => {
      if (state.Type === 'TaskFn') {
        state.Resource ??= TASKFN_RESOURCE_TEMPLATE;
        taskNames.push(name);
      } else if (isExpandedTaskFn(name, state)) {
        taskNames.push(name);
      }
    });
    definition = assertValid(source);
  }
  walkStates(definition as unknown as JsonObject, (name, state) => {
    if (taskNames.includes(name) && state.Type === 'Task') taskStates.push(state);
  });

  const handlerNames = Object.keys(options.handlers);
  const missing = taskNames.filter((n) => !Object.hasOwn(options.handlers, n));
  const extra = handlerNames.filter((n) => !taskNames.includes(n));
  if (missing.length > 0 || extra.length > 0) throw new MachineHandlersError(missing, extra);

  const dispatch = createDispatcher(options.handlers, { defaultHandler: options.defaultHandler });
  const resources = [...new Set(taskStates.map((s) => s.Resource).filter((r): r is string => typeof r === 'string'))];

  const executionOptions = (): ExecutionOptions => {
    const byResource: NonNullable<ExecutionOptions['resources']> = {};
    for (const resource of resources) {
      const lambdaContext = { functionName: functionNameOf(resource) };
      byResource[resource] = async (input) => {
        // Exactly what Lambda does: the event arrives as JSON text and the result leaves as JSON text.
        const event: unknown = JSON.parse(JSON.stringify(input ?? null));
        const context = createLocalLambdaContext(lambdaContext);
        let result: unknown;
        try {
          result = await dispatch(event, context);
        } catch (error) {
          throw lambdaFunctionError(error, context.awsRequestId);
        }
        return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
      };
    }
    return { resources: byResource };
  };

  let compiled: Promise<Machine> | undefined;
  const startExecution = async (runOptions: ExecutionOptions): Promise<Execution> => {
    // Compiled once, on the first run: tests run the same machine many times.
    compiled ??= importInterpreter().then((interpreter) => interpreter.compileMachine(definition));
    const own = executionOptions();
    return (await compiled).start({ ...own, ...runOptions, resources: { ...own.resources, ...runOptions.resources } });
  };
  return {
    definition,
    handler: (event, context) => dispatch(event, context),
    dispatch,
    taskNames,
    deployableDefinition(lambdaArn?: string): Definition {
      const copy = structuredClone(definition) as unknown as JsonObject;
      if (lambdaArn !== undefined) {
        const values = placeholderValues(lambdaArn);
        walkStates(copy, (name, state) => {
          if (!taskNames.includes(name) || state.Type !== 'Task' || !isTemplate(state.Resource)) return;
          // The standard template becomes the ARN itself (qualifier included); any other template, such as
          // "arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:other", gets its placeholders filled in.
          state.Resource =
            state.Resource === undefined || state.Resource === TASKFN_RESOURCE_TEMPLATE
              ? lambdaArn
              : (state.Resource as string).replace(
                  /\{\{(aws_region|aws_account|lambda_name)\}\}/g,
                  (_m, key: string) => values[key] ?? '',
                );
        });
      }
      return copy as unknown as Definition;
    },
    async run(runOptions: ExecutionOptions = {}): Promise<ExecutionResult> {
      return (await startExecution(runOptions)).result;
    },
    start(runOptions: ExecutionOptions = {}): MachineExecution {
      return createMachineExecution(startExecution(runOptions));
    },
    executionOptions,
  };
}

/** Presents an execution that is still being started as one that is running. */
function createMachineExecution(started: Promise<Execution>): MachineExecution {
  let execution: Execution | undefined;
  const pending: ((e: Execution) => void)[] = [];
  const ready = started.then((e) => {
    execution = e;
    for (const f of pending.splice(0)) f(e);
    return e;
  });
  const whenStarted = (f: (e: Execution) => void): void => {
    if (execution === undefined) pending.push(f);
    else f(execution);
  };
  // A token is only known once the execution runs, so a call before that names a token that is not waiting.
  const running = (token: string): Execution => {
    if (execution !== undefined) return execution;
    const message = `Task token "${token}" is not waiting: the execution has not started yet. Answer a token once a handler or an event has given it to you.`;
    throw loadedInterpreter === undefined
      ? new MachineDefinitionError(message)
      : new loadedInterpreter.TaskTokenError(token, message);
  };
  return {
    result: ready.then((e) => e.result),
    onEvent(listener) {
      let off: (() => void) | undefined;
      let cancelled = false;
      whenStarted((e) => {
        if (!cancelled) off = e.onEvent(listener);
      });
      return () => {
        cancelled = true;
        off?.();
      };
    },
    history: () => execution?.history() ?? [],
    sendTaskSuccess: (token, output) => running(token).sendTaskSuccess(token, output),
    sendTaskFailure: (token, error, cause) => running(token).sendTaskFailure(token, error, cause),
    sendTaskHeartbeat: (token) => running(token).sendTaskHeartbeat(token),
    stop: (error, cause) => whenStarted((e) => e.stop(error, cause)),
  };
}

/**
 * The failure Step Functions records when a Lambda function throws: the error is the runtime's `errorType` and the
 * cause is the error payload as compact JSON, `{"errorMessage","errorType","requestId","stackTrace"}`, as
 * `step-cli local` reports it too. `errorType` and `errorMessage` follow the Node.js runtime for any thrown value
 * (`lambdaErrorOf` of `@step/asl`: a string is `string`/the string, `undefined` is `handled`...).
 */
function lambdaFunctionError(error: unknown, requestId: string): Error {
  const { errorType, errorMessage, trace } = lambdaErrorOf(error);
  const stackTrace = trace ?? [];
  const failure = new Error(JSON.stringify({ errorMessage, errorType, requestId, stackTrace }), { cause: error });
  failure.name = errorType;
  return failure;
}

/**
 * Loads the interpreter on first `run()`. The specifier is not a literal, so a Lambda bundle of a machine module
 * leaves the interpreter out (a Lambda only dispatches; it never runs the machine itself).
 */
async function importInterpreter(): Promise<typeof Interpreter> {
  const specifier = '@step/interpreter';
  loadedInterpreter ??= (await import(specifier)) as typeof Interpreter;
  return loadedInterpreter;
}

let loadedInterpreter: typeof Interpreter | undefined;

/** Returns a deep copy of the definition as an object, or undefined when it is text that is not JSON. */
function readDefinition(input: unknown): JsonObject | undefined {
  let value: unknown = input;
  if (input instanceof URL || (typeof input === 'string' && !/^\s*[[{]/.test(input))) {
    const file = input instanceof URL ? fileURLToPath(input) : input;
    try {
      value = readFileSync(file, 'utf8');
    } catch (error) {
      throw new MachineDefinitionError(
        `Cannot read the definition file "${file}": ${(error as Error).message}. Pass an existing JSON file, JSON text or an object.`,
        { cause: error },
      );
    }
  }
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MachineDefinitionError(
      `The definition must be an ASL object such as {"StartAt": ..., "States": {...}} (got ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : typeof value}).`,
    );
  }
  return structuredClone(value) as JsonObject;
}

/** Calls `visit` for every state at any depth (Parallel branches, Map ItemProcessor/Iterator), parents first. */
function walkStates(machine: JsonObject, visit: (name: string, state: JsonObject) => void): void {
  const states = machine.States;
  if (!isObject(states)) return;
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    visit(name, state);
    if (Array.isArray(state.Branches)) for (const b of state.Branches) if (isObject(b)) walkStates(b, visit);
    if (isObject(state.ItemProcessor)) walkStates(state.ItemProcessor, visit);
    if (isObject(state.Iterator)) walkStates(state.Iterator, visit);
  }
}

function isExpandedTaskFn(name: string, state: JsonObject): boolean {
  const p = state.Parameters;
  return state.Type === 'Task' && isObject(p) && Object.keys(p).length === 2 && p.Task === name && p['Input.$'] === '$';
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d+):function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?$/;

/** The `{{aws_region}}`, `{{aws_account}}` and `{{lambda_name}}` values of a Lambda function ARN. */
function placeholderValues(lambdaArn: string): Record<string, string> {
  const match = LAMBDA_ARN.exec(lambdaArn);
  if (match === null) {
    throw new MachineDefinitionError(
      `"${lambdaArn}" is not a Lambda function ARN. Pass one like "arn:aws:lambda:us-east-1:123456789012:function:my-function".`,
    );
  }
  return { aws_region: match[1]!, aws_account: match[2]!, lambda_name: match[3]! };
}

function isTemplate(resource: unknown): boolean {
  return resource === undefined || (typeof resource === 'string' && resource.includes('{{'));
}

function functionNameOf(resource: string): string {
  const match = /:function:([^:{}]+)/.exec(resource);
  return match?.[1] ?? 'step-local';
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
