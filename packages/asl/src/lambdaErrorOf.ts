/**
 * What the AWS Lambda Node.js runtime reports for a value a handler threw (or rejected with).
 *
 * @example
 * ```ts
 * const payload: LambdaErrorPayload = { errorType: 'string', errorMessage: 'boom', trace: [] };
 * ```
 */
export interface LambdaErrorPayload {
  /** `error.name` for an Error; `typeof` the value otherwise; `handled` when the value cannot be read. */
  errorType: string;
  errorMessage: string;
  /** The stack lines (`[]` for a value that is not an Error; absent for `handled`). */
  trace?: string[];
}

const UNREADABLE =
  'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack';

function isErrorLike(value: unknown): value is { name: string; message: string; stack: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; message?: unknown; stack?: unknown };
  return (
    typeof v.name === 'string' &&
    v.name !== '' &&
    typeof v.message === 'string' &&
    v.message !== '' &&
    typeof v.stack === 'string' &&
    v.stack !== ''
  );
}

/**
 * The `errorType`, `errorMessage` and `trace` the AWS Lambda Node.js runtime (aws-lambda-nodejs-runtime-interface-client,
 * `toRapidResponse`) reports for a thrown value, so that a local run fails a task exactly as Lambda does.
 *
 * @remarks
 * Pure. An `Error` (or an object with non-empty string `name`, `message` and `stack`) gives its name and message; any other
 * value gives `typeof value` and `String(value)`: a string `'boom'` is `string`/`boom`, `42` is `number`/`42`, an object is
 * `object`/`[object Object]`. `undefined`, `null` and values whose conversion throws give `handled` with the runtime's
 * fixed message. The runtime escapes DEL (0x7F) as `%7F` in Error fields; so does this.
 *
 * @example
 * ```ts
 * import { lambdaErrorOf } from '@step/asl';
 *
 * lambdaErrorOf('out of stock'); // { errorType: 'string', errorMessage: 'out of stock', trace: [] }
 * lambdaErrorOf(undefined).errorType; // 'handled'
 * ```
 */
export function lambdaErrorOf(thrown: unknown): LambdaErrorPayload {
  try {
    if (thrown instanceof Error || isErrorLike(thrown)) {
      const { name, message, stack } = thrown as Error;
      const escape = (text: string): string => text.replaceAll('\x7F', '%7F');
      return { errorType: escape(name), errorMessage: escape(message), trace: escape(String(stack ?? '')).split('\n') };
    }
    if (thrown === undefined || thrown === null) return { errorType: 'handled', errorMessage: UNREADABLE };
    return { errorType: typeof thrown, errorMessage: (thrown as { toString(): string }).toString(), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: UNREADABLE };
  }
}
