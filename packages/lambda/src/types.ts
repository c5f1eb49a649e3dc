/**
 * The AWS Lambda `Context` object, redefined locally so that `@types/aws-lambda` is not a dependency.
 *
 * @remarks
 * Structurally compatible with `Context` from `@types/aws-lambda`; every field is optional except the ones the
 * Node runtime always sets.
 *
 * @example
 * ```ts
 * import type { LambdaContextLike } from '@step/lambda';
 * const remaining = (context: LambdaContextLike) => context.getRemainingTimeInMillis();
 * ```
 */
export interface LambdaContextLike {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop?: boolean;
  identity?: unknown;
  clientContext?: unknown;
  getRemainingTimeInMillis(): number;
}

/**
 * What a task handler receives besides its input.
 *
 * @example
 * ```ts
 * import type { LambdaTaskContext } from '@step/lambda';
 * const log = (context: LambdaTaskContext) => console.log(context.taskName, context.lambdaContext.awsRequestId);
 * ```
 */
export interface LambdaTaskContext {
  /** The `Task` of the envelope (the TaskFn state's name); `undefined` for the default handler. */
  taskName: string | undefined;
  /** The Lambda context (a local stand-in when the machine runs through `@step/interpreter`). */
  lambdaContext: LambdaContextLike;
  /** The whole event as the Lambda received it. */
  event: unknown;
}

/**
 * A task handler: takes the state's input and returns its result (JSON-serialisable), sync or async.
 *
 * @remarks
 * A thrown error fails the task with the error's `name` as the Step Functions error and its message as cause.
 *
 * @example
 * ```ts
 * import type { LambdaTaskHandler } from '@step/lambda';
 * const hello: LambdaTaskHandler<{ Greeting?: string }> = (input) => ({ ...input, Greeting: input.Greeting || 'Hello World' });
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers declare their own input type
export type LambdaTaskHandler<I = any, O = unknown> = (input: I, context: LambdaTaskContext) => O | Promise<O>;

/**
 * A map of task handlers by TaskFn state name.
 *
 * @example
 * ```ts
 * import type { LambdaTaskHandlers } from '@step/lambda';
 * const handlers: LambdaTaskHandlers = { Hello: () => ({ Greeting: 'Hello World' }) };
 * ```
 */
export type LambdaTaskHandlers = Record<string, LambdaTaskHandler>;

/**
 * Validates a handler's input before the handler runs.
 *
 * @remarks
 * One of: a type guard (`false` rejects the input), a function returning a list of problems (empty = valid), a
 * Standard Schema (`~standard`, implemented by zod, valibot, arktype...), or an object with `parse(input)` that
 * returns the typed input or throws.
 *
 * @example
 * ```ts
 * import type { InputValidator } from '@step/lambda';
 * const isOrder: InputValidator<{ id: string }> = (v): v is { id: string } =>
 *   typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
 * ```
 */
export type InputValidator<I> =
  | ((input: unknown) => input is I)
  | ((input: unknown) => readonly string[])
  | StandardSchemaLike<I>
  | { parse(input: unknown): I };

/**
 * The part of the Standard Schema v1 interface (https://standardschema.dev) that input validation uses.
 *
 * @example
 * ```ts
 * import type { StandardSchemaLike } from '@step/lambda';
 * const isNumber: StandardSchemaLike<number> = {
 *   '~standard': { version: 1, vendor: 'demo', validate: (v) => (typeof v === 'number' ? { value: v } : { issues: [{ message: 'expected a number' }] }) },
 * };
 * ```
 */
export interface StandardSchemaLike<I> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResultLike<I> | Promise<StandardResultLike<I>>;
  };
}

/**
 * The result of a Standard Schema validation: the (possibly transformed) value, or the issues.
 *
 * @example
 * ```ts
 * import type { StandardResultLike } from '@step/lambda';
 * const failed: StandardResultLike<number> = { issues: [{ message: 'expected a number', path: ['n'] }] };
 * ```
 */
export type StandardResultLike<I> =
  | { readonly value: I; readonly issues?: undefined }
  | {
      readonly issues: readonly {
        readonly message: string;
        readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
      }[];
    };

/**
 * Options of {@link createDispatcher} and {@link createTaskHandler}.
 *
 * @example
 * ```ts
 * import type { DispatcherOptions } from '@step/lambda';
 * const options: DispatcherOptions = { defaultHandler: (event) => ({ ignored: event }) };
 * ```
 */
export interface DispatcherOptions {
  /** Receives the whole event when it has no `Task` field (the Go original's `""` handler). */
  defaultHandler?: LambdaTaskHandler;
}

/**
 * The dispatcher returned by {@link createDispatcher}: takes the Lambda event (and context) and returns the result.
 *
 * @example
 * ```ts
 * import { createDispatcher, type Dispatcher } from '@step/lambda';
 * const dispatch: Dispatcher = createDispatcher({ Hello: () => 'hi' });
 * ```
 */
export type Dispatcher = (event: unknown, context?: LambdaContextLike) => Promise<unknown>;

/**
 * An AWS Lambda handler in the async (Promise) style every Node runtime supports.
 *
 * @example
 * ```ts
 * import type { LambdaHandler } from '@step/lambda';
 * export const handler: LambdaHandler = async (event) => event;
 * ```
 */
export type LambdaHandler = (event: unknown, context: LambdaContextLike) => Promise<unknown>;
