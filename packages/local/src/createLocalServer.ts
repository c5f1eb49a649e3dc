import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { applySeed, checkSeed, readSeedFile } from './applySeed.js';
import type { LocalSeed } from './applySeed.js';
import { createItemReader, createResourceInvoker, createResultWriter } from './createResourceInvoker.js';
import { DynamoDbService } from './dynamodb/DynamoDbService.js';
import { AwsServiceError } from './AwsServiceError.js';
import { checkRequestSource, corsHeaders } from './checkRequestSource.js';
import { LocalServerError } from './errors.js';
import { BodyTooLarge, header, parseSigV4Scope, readBody } from './http.js';
import type { LocalRequest, LocalResponse } from './http.js';
import { LambdaRuntime } from './LambdaRuntime.js';
import type { TimerFn } from './LambdaRuntime.js';
import { LambdaService } from './LambdaService.js';
import { LocalStore } from './LocalStore.js';
import { errorResponse, internalFailure } from './protocol/errorResponse.js';
import { createAwsSdkInvoker } from '@step/integrations';
import type { ResourceInvoker } from '@step/interpreter';
import { EventsService } from './events/EventsService.js';
import { resolveIntegrationSettings } from './resolveIntegrationSettings.js';
import type { IntegrationSettings } from './resolveIntegrationSettings.js';
import { bodyLimitFor, checkJsonDepth } from './quotas.js';
import { S3Service } from './S3Service.js';
import { SfnService } from './SfnService.js';
import { loadMockConfig } from './sfn/loadMockConfig.js';
import { isValidScale } from './sfn/timeControl.js';
import type { TimeMode } from './sfn/timeControl.js';
import type { MockConfigFile } from '@step/interpreter';
import { SnsService } from './sns/SnsService.js';
import { SqsService } from './sqs/SqsService.js';
import { StsService } from './StsService.js';

/**
 * Options of {@link createLocalServer}.
 *
 * @example
 * ```ts
 * const options: LocalServerOptions = { port: 0, dataDir: '/tmp/step-local', seed: './local-seed.json' };
 * ```
 */
export interface LocalServerOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Loopback address to listen on: `127.0.0.1` (default), `::1` or `localhost`. Anything else is refused. */
  host?: string;
  /** Where resources persist across restarts; without it nothing is kept (memory only). */
  dataDir?: string;
  /** A seed (object) or the path of a seed file (JSON) applied at start. */
  seed?: LocalSeed | string;
  /**
   * An AWS Step Functions Local MockConfigFile (an object, or the path of its JSON file, read and validated once at
   * start). `StartExecution` with `stateMachineArn#TestCase` runs that test case of `StateMachines.<machine name>`:
   * its mocked Task states return or throw the mocked responses instead of calling the service.
   */
  mockConfig?: MockConfigFile | string;
  /**
   * How executions spend time in Waits, retry back-off, heartbeats and timeouts (default `real`): `skip` runs
   * them on a simulated clock, `{ scale: 0.01 }` at 100 times the speed. An execution picks its own with
   * `?time=skip|real|scale=N` at the end of the state machine ARN. The history keeps the simulated timestamps.
   */
  time?: TimeMode;
  /** Receives notices about requests that worked but look like a mistake (a mocked state the machine lacks); default: `log`. */
  warn?: (message: string) => void;
  /** Account id in every ARN and in STS answers; default the seed's, else `000000000000`. */
  accountId?: string;
  /**
   * Origins (`scheme://host[:port]`, exactly as browsers send them in `Origin`) whose web pages may call the
   * server; default none. Every other browser request is refused with AWS's 403 `AccessDenied`.
   */
  allowOrigins?: readonly string[];
  /**
   * Receives each problem found in the data directory at start (a corrupt, empty or wrong-shape record, a missing
   * body), named by its path relative to the data directory; the rest is served and nothing is deleted. Also
   * receives writes the disk refused while no request waited for them (an execution's end or events).
   * Default: `log`.
   */
  report?: (message: string) => void;
  /** Receives one line per request (`POST states StartExecution 200`) and server notices. */
  log?: (line: string) => void;
  /** Receives each line a Lambda function writes (stdout and stderr), with the function's name; default: dropped. */
  functionLog?: (functionName: string, line: string) => void;
  /**
   * Invocations of one function that run at once (default: the number of CPUs, at least 2); more wait their turn.
   * Cold starts are CPU-bound, so queueing on warm environments is faster than starting one per call.
   */
  lambdaConcurrency?: number;
  /**
   * Where Task states that are not local Lambda functions or S3 send their AWS SDK calls (DynamoDB, SQS, SNS,
   * EventBridge, `aws-sdk:*`). Default: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, else this server's own
   * built-in services; options win over the environment (see the README, "Service integrations").
   */
  integrations?: IntegrationSettings;
  /**
   * Schedules Lambda timeouts; tests inject one so a timeout costs no real time.
   * @internal
   */
  lambdaTimer?: TimerFn;
}

/**
 * A running `step-cli local` server.
 *
 * @example
 * ```ts
 * const server = await createLocalServer();
 * console.log(server.url); // http://127.0.0.1:38211
 * await server.close();
 * ```
 */
export interface LocalServer {
  /** The endpoint to give the AWS SDK (`endpoint`) or the AWS CLI (`--endpoint-url`). */
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  /** Resolves when an execution started through the API has ended (no polling needed in tests). */
  waitForExecution(executionArn: string): Promise<void>;
  /** Resolves when every execution running now has ended (immediately when none runs). */
  idle(): Promise<void>;
  /** Stops executions and Lambda workers, closes connections and the port. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Starts the loopback-only stand-in for the AWS APIs Step uses: S3, Lambda, Step Functions and STS, and the
 * services workflows call (SQS, SNS, EventBridge), on one port.
 *
 * @remarks
 * Requests are routed as AWS routes them: by the SigV4 credential scope's service (`s3`, `lambda`, `states`,
 * `sts`, `sqs`, `sns`, `events`), then by `X-Amz-Target`, path and body for unsigned requests. Signatures are not
 * checked. Bad requests get AWS-shaped errors (`ValidationException`, `NoSuchKey`, ...) and the server keeps
 * serving. State machines run on `@step/interpreter`; their Task states call the local Lambda functions and S3
 * in process, and every other integration through the AWS SDK (`@step/integrations`), by default against this
 * server's own services (see {@link LocalServerOptions.integrations}).
 * Throws {@link LocalServerError} for a non-loopback host or a port in use, and `LocalSeedError` for a bad seed.
 *
 * @example
 * ```ts
 * import { SFNClient, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
 * const server = await createLocalServer({ seed: { buckets: ['releases'] } });
 * const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * await sfn.send(new ListStateMachinesCommand({}));
 * await server.close();
 * ```
 */
export async function createLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new LocalServerError(
      `Host "${host}" is not a loopback address. step-cli local listens on 127.0.0.1, ::1 or localhost only.`,
    );
  }
  let seed: LocalSeed | undefined;
  let baseDir = process.cwd();
  if (typeof options.seed === 'string') ({ seed, baseDir } = readSeedFile(options.seed));
  else if (options.seed !== undefined) seed = checkSeed(options.seed);
  const accountId = options.accountId ?? seed?.accountId ?? '000000000000';
  const log = options.log ?? ((): void => undefined);
  const mockConfig = options.mockConfig === undefined ? undefined : loadMockConfig(options.mockConfig);
  const time = options.time ?? 'real';
  if (time !== 'real' && time !== 'skip' && !(typeof time === 'object' && isValidScale(time.scale))) {
    throw new LocalServerError(
      `The time option is ${JSON.stringify(time)}; use 'real', 'skip' or { scale: <number above 0> } (e.g. { scale: 0.01 }).`,
    );
  }

  const store = new LocalStore(options.dataDir);
  const tempDir = options.dataDir === undefined ? mkdtempSync(path.join(os.tmpdir(), 'step-local-')) : undefined;
  const runtime = new LambdaRuntime(path.join(options.dataDir ?? tempDir!, 'runtime'), {
    ...(options.lambdaTimer === undefined ? {} : { timer: options.lambdaTimer }),
    ...(options.functionLog === undefined ? {} : { onLog: options.functionLog }),
    ...(options.lambdaConcurrency === undefined ? {} : { concurrency: options.lambdaConcurrency }),
  });
  let url = '';
  const s3 = new S3Service(store, accountId, options.report ?? log);
  const sts = new StsService(accountId);
  const dynamodb = new DynamoDbService(store, accountId, options.report ?? log);
  const lambda = new LambdaService({
    store,
    runtime,
    getS3Object: (b, k) => s3.getObject(b, k),
    accountId,
    endpoint: () => url,
    report: options.report ?? log,
  });
  const sqs = new SqsService({ store, accountId, endpoint: () => url });
  const sns = new SnsService({ store, accountId, sqs });
  const events = new EventsService({ store, accountId, sqs });
  // Built on first use: the endpoint default is this server's URL, known once it listens.
  let sdk: ResourceInvoker | undefined;
  const callSdk: ResourceInvoker = (resource, input, context) =>
    (sdk ??= createAwsSdkInvoker(resolveIntegrationSettings(options.integrations ?? {}, process.env, url)))(
      resource,
      input,
      context,
    );
  const sfn = new SfnService({
    store,
    accountId,
    invoke: createResourceInvoker({ lambda, s3, sdk: callSdk }),
    itemReader: createItemReader(s3),
    resultWriter: createResultWriter(s3),
    ...(mockConfig === undefined ? {} : { mockConfig }),
    time,
    warn: options.warn ?? log,
    report: options.report ?? log,
  });
  const cleanup = async (): Promise<void> => {
    // Stop executions first, then end the Lambda workers so that no task waits for a function's timeout.
    sfn.stopAll();
    sqs.close();
    await runtime.close();
    await sfn.waitForAll();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    if (seed !== undefined) applySeed(seed, { s3, lambda, sfn, sqs, sns, dynamodb, accountId, baseDir });
  } catch (e) {
    await cleanup();
    throw e;
  }

  const route = async (req: LocalRequest): Promise<LocalResponse> => {
    if (req.method === 'GET' && req.path.startsWith('/_step/lambda-code/')) {
      const zip = lambda.codeByHash(path.basename(req.path, '.zip'));
      return zip === undefined
        ? { status: 404, body: 'no such code' }
        : { status: 200, headers: { 'content-type': 'application/zip' }, body: zip };
    }
    if (req.method === 'GET' && req.path === '/_step/sns/messages') return sns.listPublished(req);
    if (req.method === 'GET' && req.path === '/_step/events/events') return events.listEvents(req);
    switch (req.service) {
      case 'states':
        return sfn.handle(req);
      case 'lambda':
        return lambda.handle(req);
      case 'sts':
        return sts.handle(req);
      case 's3':
        return s3.handle(req);
      case 'sqs':
        return sqs.handle(req);
      case 'sns':
        return sns.handle(req);
      case 'events':
        return events.handle(req);
      case 'dynamodb':
        return dynamodb.handle(req);
      default:
        return {
          status: 400,
          headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnrecognizedClientException' },
          body: JSON.stringify({
            __type: 'UnrecognizedClientException',
            message: `step-cli local serves s3, lambda, states, sts, sqs, sns, events and dynamodb; this request is for "${req.service}"`,
          }),
        };
    }
  };

  const allowOrigins = options.allowOrigins ?? [];
  const onRequest = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    let service = 'unknown';
    const method = incoming.method ?? 'GET';
    try {
      const rawUrl = incoming.url ?? '/';
      const q = rawUrl.indexOf('?');
      const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
      const scope = parseSigV4Scope(header(incoming.headers, 'authorization'), query);
      const targetService = serviceOfTarget(header(incoming.headers, 'x-amz-target'));
      const isStates = targetService === 'states';
      service = isStates ? 'states' : (scope?.service ?? targetService ?? guessService(incoming, rawPath));
      // Refused before the body is read: a web page (cross-site request or DNS rebinding) never reaches a service.
      const source = checkRequestSource(incoming.headers, { port: listeningPort, allowOrigins });
      if (!source.ok) {
        log(`${method} ${service} ${rawPath} 403 ${source.message}`);
        const code = service === 's3' || service === 'sts' ? 'AccessDenied' : 'AccessDeniedException';
        const refusal = errorResponse(service, new AwsServiceError(code, source.message, 403), { method, requestId });
        send(res, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
        return;
      }
      const cors = source.corsOrigin === undefined ? {} : corsHeaders(source.corsOrigin, incoming.headers);
      if (method === 'OPTIONS' && source.corsOrigin !== undefined) {
        send(res, { status: 200, headers: cors });
        return;
      }
      // The limit comes from the route, before the body is read: an oversized body is refused, never buffered whole.
      const limit = bodyLimitFor(service, method, rawPath, incoming.headers);
      let body: Buffer;
      try {
        body = await readBody(incoming, limit.bytes);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        log(`${method} ${service} ${rawPath} ${e.message}`);
        refuseBody(incoming, res, errorResponse(service, limit.refuse(e.received), { method, requestId }));
        return;
      }
      const tooDeep = checkJsonDepth(service, body);
      if (tooDeep !== undefined) {
        log(`${method} ${service} ${rawPath} ${tooDeep.status} ${tooDeep.message}`);
        send(res, errorResponse(service, tooDeep, { method, requestId }));
        return;
      }
      if (!isStates && scope === undefined && service === 's3' && isQueryForm(incoming, body)) service = 'sts';
      let decodedPath = rawPath;
      try {
        decodedPath = decodeURIComponent(rawPath);
      } catch {
        // keep the raw path; the service answers the bad key
      }
      const answer = await route({
        method: incoming.method ?? 'GET',
        path: decodedPath,
        rawPath,
        query,
        headers: incoming.headers,
        body,
        region: scope?.region ?? 'us-east-1',
        service,
        accessKeyId: scope?.accessKeyId,
        hostname: (header(incoming.headers, 'host') ?? '').replace(/:\d+$/, ''),
        requestId,
      });
      const target = header(incoming.headers, 'x-amz-target');
      log(`${incoming.method} ${service} ${target ?? rawPath} ${answer.status}`);
      send(res, { ...answer, headers: { ...answer.headers, ...cors } });
    } catch (e) {
      log(`${incoming.method} ${service} ${incoming.url} 500 ${(e as Error).stack ?? String(e)}`);
      try {
        send(res, errorResponse(service, internalFailure(service, e), { method, requestId }));
      } catch {
        // the client went away; nothing to answer
      }
    }
  };

  let listeningPort = -1;
  const server = createServer({ keepAlive: true }, (req, res) => void onRequest(req, res));
  server.on('clientError', (_err, socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await cleanup();
    const code = (e as NodeJS.ErrnoException).code;
    throw new LocalServerError(
      code === 'EADDRINUSE'
        ? `Port ${options.port} on ${host} is already in use. Pick another with --port, or --port 0 for a free one.`
        : `Cannot listen on ${host}:${options.port}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const { port } = server.address() as AddressInfo;
  listeningPort = port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    accountId,
    waitForExecution: (arn) => sfn.waitForExecution(arn),
    idle: () => sfn.waitForAll(),
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await cleanup();
        await closed;
      })()),
  };
}

/** The service of an `X-Amz-Target` header (JSON protocols), for requests with or without a signature. */
function serviceOfTarget(target: string | undefined): string | undefined {
  const prefix = target?.split('.')[0];
  return prefix === 'AWSStepFunctions'
    ? 'states'
    : prefix === 'AmazonSQS'
      ? 'sqs'
      : prefix === 'AWSEvents'
        ? 'events'
        : prefix === 'DynamoDB_20120810'
          ? 'dynamodb'
          : undefined;
}

function guessService(req: IncomingMessage, rawPath: string): string {
  if (/^\/20(15|17)-03-31\//.test(rawPath)) return 'lambda';
  return 's3';
}

/** An unsigned query-protocol request (STS): a form body with an `Action`. */
function isQueryForm(req: IncomingMessage, body: Buffer): boolean {
  const type = header(req.headers, 'content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') && /(^|&)Action=/.test(body.toString('utf8', 0, 2048));
}

/** Bytes of an oversized body discarded after the refusal, so that the client reads the answer; then the socket ends. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Answers a refused body; the rest of the body is read and dropped (never kept), so that a client still sending
 * sees the answer rather than a reset (`connection: close` would end the socket under the client's writes). Past
 * {@link MAX_DISCARD_BYTES} the socket is destroyed.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, answer: LocalResponse): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  send(res, answer);
}

function send(res: ServerResponse, answer: LocalResponse): void {
  if (answer.body instanceof Readable) {
    const stream = answer.body;
    res.writeHead(answer.status, answer.headers);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
    return;
  }
  const body =
    answer.body === undefined ? undefined : typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const headers: Record<string, string> = { ...answer.headers };
  if (headers['content-length'] === undefined) headers['content-length'] = String(body?.length ?? 0);
  res.writeHead(answer.status, headers);
  res.end(body);
}
