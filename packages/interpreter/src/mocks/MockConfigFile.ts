import type { JsonValue } from '@step/asl';

/**
 * One mocked response: the task returns `Return`, or fails with `Throw.Error`/`Throw.Cause`. A `Cause` given as
 * JSON rather than text is serialised as the integration would report it (see `formatMockedCause`).
 *
 * @example
 * ```ts
 * const ok: MockedResponse = { Return: { StatusCode: 200, Payload: { ok: true } } };
 * const ko: MockedResponse = { Throw: { Error: 'Lambda.ServiceException', Cause: 'boom' } };
 * ```
 */
export type MockedResponse =
  { Return: JsonValue; Throw?: undefined } | { Throw: { Error: string; Cause?: JsonValue }; Return?: undefined };

/**
 * The AWS Step Functions Local MockConfigFile: test cases per state machine map states to named responses, whose
 * `"0"`, `"1-2"`, ... keys give the response of each successive call.
 *
 * @example
 * ```ts
 * const file: MockConfigFile = {
 *   StateMachines: { Checkout: { TestCases: { HappyPath: { Charge: 'ChargeOk' } } } },
 *   MockedResponses: { ChargeOk: { '0': { Return: { charged: true } } } },
 * };
 * ```
 */
export interface MockConfigFile {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<string, Record<string, MockedResponse>>;
}
