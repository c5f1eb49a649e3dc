import type { JsonValue } from '@step/asl';
import type { Clock, TaskContext } from '@step/interpreter';
import type { ParsedResource } from './parseResource.js';
import type { SdkClients } from './sdk/SdkClients.js';

/**
 * One Task call as an integration receives it.
 * @internal
 */
export interface IntegrationCall {
  /** The resource as the interpreter passed it (a function name for `lambda:invoke`). */
  resource: string;
  parsed: ParsedResource;
  /** The effective parameters (for `lambda:invoke` as the interpreter hands it over: the Payload). */
  params: JsonValue;
  context: TaskContext;
  clients: SdkClients;
  /** Paces `.sync` polling. */
  clock: Clock;
  pollIntervalMs: number;
}
