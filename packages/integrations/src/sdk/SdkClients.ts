import type { JsonValue } from '@step/asl';
import { UnsupportedIntegrationError } from '../errors.js';
import { loadClientModule } from './loadClientModule.js';
import type { SdkModule } from './loadClientModule.js';
import type { ServiceInfo } from './resolveService.js';
import { toSdkInput } from './toSdkInput.js';
import { toTaskFailure } from './toTaskFailure.js';
import type { ErrorNaming } from './toTaskFailure.js';

/**
 * The part of an AWS SDK v3 client the invoker uses; any `new XxxClient(...)` is one.
 *
 * @example
 * ```ts
 * const clients: Record<string, SdkClient> = { s3: new S3Client({ forcePathStyle: true }) };
 * ```
 */
export interface SdkClient {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  config?: { serviceId?: string };
}

/**
 * Client settings shared by every client the invoker builds.
 *
 * @example
 * ```ts
 * const config: SdkClientSettings = { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' };
 * ```
 */
export interface SdkClientSettings {
  /** Region of every client; default the SDK's own (`AWS_REGION`, profile). */
  region?: string;
  /** Credentials (or a provider) of every client; default the SDK's chain. */
  credentials?: unknown;
  /** One endpoint for every service (an emulator); default the SDK's own (`AWS_ENDPOINT_URL`, profile). */
  endpoint?: string;
  /** Endpoints by service (`s3`, `sqs`, `sfn`, `eventbridge`, `lambda`, `dynamodb`, `sns`...); they win over `endpoint`. */
  endpoints?: Readonly<Record<string, string>>;
  /** More client configuration for every client built, e.g. `{ forcePathStyle: true }` for an S3 emulator. */
  clientConfig?: Readonly<Record<string, unknown>>;
  /** Ready-made clients by service (same keys as `endpoints`), e.g. for tests; they are used as given. */
  clients?: Readonly<Record<string, SdkClient>>;
}

/**
 * One SDK call's raw outcome, with what is needed to present it.
 */
export interface SdkCallResult {
  output: Record<string, unknown>;
  /** The command's output schema, for {@link fromSdkOutput}; `undefined` for clients without schemas. */
  outputSchema: unknown;
}

type CommandClass = new (input: unknown) => { schema?: unknown };

/**
 * Builds (once per service) and calls the AWS SDK v3 clients of the services a machine uses.
 *
 * @remarks
 * A client comes from `clients[service]` when given, else is built from the package's client class with
 * `region`, `credentials`, `endpoints[service] ?? endpoint` and `clientConfig`; anything left unset comes from
 * the SDK's own configuration (`AWS_REGION`, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, profiles).
 */
export class SdkClients {
  private readonly settings: SdkClientSettings;
  private readonly built = new Map<string, SdkClient>();

  constructor(settings: SdkClientSettings) {
    this.settings = settings;
  }

  /** The client package of a service (imported once). */
  module(info: ServiceInfo, resource: string): Promise<SdkModule> {
    return loadClientModule(info.packageName, resource);
  }

  /** The client of a service: the injected one, or one built from the package. */
  client(info: ServiceInfo, mod: SdkModule): SdkClient {
    const given = this.settings.clients?.[info.service];
    if (given !== undefined) return given;
    let client = this.built.get(info.service);
    if (client === undefined) {
      const name = Object.keys(mod).find(
        (k) => k !== '__Client' && k.endsWith('Client') && typeof mod[k] === 'function',
      );
      const Client = mod[name ?? ''] as (new (config: Record<string, unknown>) => SdkClient) | undefined;
      if (Client === undefined)
        throw new UnsupportedIntegrationError(info.packageName, 'the package exports no client class');
      const { region, credentials, endpoint, endpoints, clientConfig } = this.settings;
      const url = endpoints?.[info.service] ?? endpoint;
      client = new Client({
        ...clientConfig,
        ...(region === undefined ? {} : { region }),
        ...(credentials === undefined ? {} : { credentials }),
        ...(url === undefined ? {} : { endpoint: url }),
      });
      this.built.set(info.service, client);
    }
    return client;
  }

  /**
   * Sends `<Action>Command` with the parameters mapped to the command input; a failed call rejects with a
   * {@link TaskFailure} named per `naming` (see {@link toTaskFailure}).
   */
  async call(
    info: ServiceInfo,
    action: string,
    params: JsonValue,
    signal: AbortSignal,
    resource: string,
    naming: (client: SdkClient) => ErrorNaming,
  ): Promise<SdkCallResult> {
    const mod = await this.module(info, resource);
    const commandName = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
    const Command = mod[commandName] as CommandClass | undefined;
    if (typeof Command !== 'function') {
      throw new UnsupportedIntegrationError(
        resource,
        `${info.packageName} has no ${commandName}; check the action's spelling against the service's API reference`,
      );
    }
    const schema = new Command({}).schema as unknown[] | undefined;
    const input = toSdkInput(params, Array.isArray(schema) ? schema[4] : undefined);
    const client = this.client(info, mod);
    let output: Record<string, unknown> | undefined;
    try {
      output = (await client.send(new Command(input) as never, { abortSignal: signal })) as
        Record<string, unknown> | undefined;
    } catch (e) {
      if (signal.aborted) throw e;
      throw toTaskFailure(e, mod, naming(client));
    }
    return { output: output ?? {}, outputSchema: Array.isArray(schema) ? schema[5] : undefined };
  }
}
