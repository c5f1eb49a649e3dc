import { createHash, randomUUID } from 'node:crypto';
import { readZip } from '@step/lambda/build';
import { AwsServiceError } from './AwsServiceError.js';
import { header, jsonResponse, parseJsonBody, safeDecode } from './http.js';
import type { LocalRequest, LocalResponse } from './http.js';
import type { InvocationResult, LambdaRuntime } from './LambdaRuntime.js';
import type { LocalStore } from './LocalStore.js';
import { errorResponse } from './protocol/errorResponse.js';
import { QUOTAS } from './quotas.js';
import { declaredUnzippedSize } from './runtime/declaredUnzippedSize.js';
import { EventQueue } from './runtime/EventQueue.js';
import { describeWriteFailure } from './store/describeWriteFailure.js';
import { sweepOrphans } from './store/sweepOrphans.js';

/**
 * The configuration of a local function, in Lambda's `FunctionConfiguration` shape (the fields Step uses).
 * @internal
 */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment: { Variables: Record<string, string> };
  RevisionId: string;
  State: 'Active';
  LastUpdateStatus: 'Successful';
  PackageType: 'Zip';
  Architectures: string[];
  TracingConfig: { Mode: 'PassThrough' };
}

interface LocalFunction {
  config: FunctionConfiguration;
  tags: Record<string, string>;
  versions: FunctionConfiguration[];
  /** Aliases by name (absent in data written before aliases existed). */
  aliases?: Record<string, AliasConfiguration>;
}

interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RevisionId: string;
}

/**
 * What a function definition needs to be created (the seed and `CreateFunction` both use it).
 * @internal
 */
export interface CreateFunctionInput {
  FunctionName: string;
  Role: string;
  Handler: string;
  Runtime?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Tags?: Record<string, string>;
  zip: Buffer;
}

/**
 * The result of {@link LambdaService.invoke}: the payload bytes and whether the function failed.
 * @internal
 */
export interface LambdaInvokeResult {
  payload: string;
  /** Lambda's log tail: START, the function's output, END and REPORT lines. */
  log: string;
  /** `Unhandled` when the function threw (the payload is then `{errorType, errorMessage, trace}`). */
  functionError: 'Unhandled' | undefined;
  executedVersion: string;
}

const ROLE = /^arn:aws[\w-]*:iam::\d{12}:role\/?[\w+=,.@\-/]+$/;
const NAME = /^[a-zA-Z0-9-_]{1,64}$/;

function lambdaDate(ms = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/**
 * Splits a function name, partial ARN or full ARN into its name and qualifier.
 * @internal
 */
export function parseFunctionName(text: string): { name: string; qualifier: string | undefined } {
  const parts = text.split(':');
  if (text.startsWith('arn:')) return { name: parts[6] ?? '', qualifier: parts[7] };
  if (parts[1] === 'function') return { name: parts[2] ?? '', qualifier: parts[3] };
  return { name: parts[0]!, qualifier: parts[1] };
}

/**
 * The local Lambda (REST-JSON): functions, versions, tags, and `Invoke` through {@link LambdaRuntime}.
 * @internal
 */
export class LambdaService {
  readonly #store: LocalStore;
  readonly #runtime: LambdaRuntime;
  readonly #getS3Object: (bucket: string, key: string) => Buffer;
  readonly #accountId: string;
  readonly #endpoint: () => string;
  readonly #functions = new Map<string, LocalFunction>();
  /** `Event` invocations: bounded per function, on one environment fewer than the function's concurrency. */
  readonly #events: EventQueue;

  constructor(options: {
    store: LocalStore;
    runtime: LambdaRuntime;
    getS3Object: (bucket: string, key: string) => Buffer;
    accountId: string;
    endpoint: () => string;
    /** Receives what the start found in the data directory (files named relative to it); default: dropped. */
    report?: (message: string) => void;
  }) {
    this.#store = options.store;
    this.#runtime = options.runtime;
    this.#getS3Object = options.getS3Object;
    this.#accountId = options.accountId;
    this.#endpoint = options.endpoint;
    this.#events = new EventQueue({
      slots: options.runtime.concurrency - 1,
      capacity: QUOTAS.lambdaEventQueueLength,
    });
    let unreadable = false;
    for (const file of this.#store.list('lambda/functions')) {
      const fn = this.#store.readJson<LocalFunction>(`lambda/functions/${file}`);
      if (fn !== undefined) this.#functions.set(fn.config.FunctionName, fn);
      else unreadable = true;
    }
    // A zip no function or version names was written for a create or update whose record never was. While a
    // record cannot be read it may name any zip, so nothing is removed then.
    const zips = new Set<string>();
    for (const fn of this.#functions.values())
      for (const c of [fn.config, ...fn.versions])
        zips.add(`${Buffer.from(c.CodeSha256, 'base64').toString('hex')}.zip`);
    if (!unreadable) {
      sweepOrphans(
        this.#store,
        {
          folder: 'lambda/code',
          owner: (file) => (/^[0-9a-f]{64}\.zip$/.test(file) ? file : undefined),
          isReferenced: (file) => zips.has(file),
          what: 'a code zip no function or version names',
        },
        options.report ?? ((): void => undefined),
      );
    }
  }

  /** Whether a function exists. */
  has(name: string): boolean {
    return this.#functions.has(parseFunctionName(name).name);
  }

  /** Creates a function; throws `ResourceConflictException` when it exists. */
  createFunction(input: CreateFunctionInput, region: string): FunctionConfiguration {
    if (!NAME.test(input.FunctionName)) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${input.FunctionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      );
    }
    if (!ROLE.test(input.Role)) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${input.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
      );
    }
    if (this.#functions.has(input.FunctionName)) {
      throw new AwsServiceError('ResourceConflictException', `Function already exist: ${input.FunctionName}`, 409);
    }
    checkLimits(input);
    checkZip(input.zip);
    const config: FunctionConfiguration = {
      FunctionName: input.FunctionName,
      FunctionArn: `arn:aws:lambda:${region}:${this.#accountId}:function:${input.FunctionName}`,
      Runtime: input.Runtime ?? 'nodejs20.x',
      Role: input.Role,
      Handler: input.Handler,
      CodeSize: 0,
      Description: input.Description ?? '',
      Timeout: input.Timeout ?? 3,
      MemorySize: input.MemorySize ?? 128,
      LastModified: lambdaDate(),
      CodeSha256: '',
      Version: '$LATEST',
      Environment: { Variables: { ...(input.Environment?.Variables ?? {}) } },
      RevisionId: randomUUID(),
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      TracingConfig: { Mode: 'PassThrough' },
    };
    this.#setCode(config, input.zip);
    const fn: LocalFunction = { config, tags: { ...(input.Tags ?? {}) }, versions: [] };
    this.#save(fn);
    this.#functions.set(config.FunctionName, fn);
    return config;
  }

  /** Replaces a function's tags with the given ones merged in (the seed uses it). */
  tagFunction(name: string, tags: Record<string, string>): void {
    this.#commit(this.#function(name), (draft) => Object.assign(draft.tags, tags));
  }

  /**
   * Invokes a function synchronously (RequestResponse) and returns its payload, as `lambda:Invoke` does.
   * Throws `ResourceNotFoundException` when the function or qualifier does not exist.
   */
  async invoke(functionName: string, payload: unknown, qualifier?: string): Promise<LambdaInvokeResult> {
    const parsed = parseFunctionName(functionName);
    const config = this.#configFor(parsed.name, qualifier ?? parsed.qualifier);
    const requestId = randomUUID();
    if (!config.Runtime.startsWith('nodejs')) {
      const error = {
        errorType: 'Runtime.InvalidRuntime',
        errorMessage: `step-cli local runs Node.js functions only; "${config.FunctionName}" uses ${config.Runtime}`,
      };
      return { payload: JSON.stringify(error), log: '', functionError: 'Unhandled', executedVersion: config.Version };
    }
    const started = Date.now();
    const result: InvocationResult = await this.#runtime.invoke(
      {
        name: config.FunctionName,
        key: `${config.FunctionName}\u0000${config.Version}\u0000${config.RevisionId}`,
        codeSha256: Buffer.from(config.CodeSha256, 'base64').toString('hex'),
        zip: () => this.#code(config),
        handler: config.Handler,
        timeoutSeconds: config.Timeout,
        memorySize: config.MemorySize,
        environment: this.#environment(config),
      },
      payload,
      {
        functionName: config.FunctionName,
        functionVersion: config.Version,
        invokedFunctionArn: config.FunctionArn,
        memoryLimitInMB: String(config.MemorySize),
        awsRequestId: requestId,
        logGroupName: `/aws/lambda/${config.FunctionName}`,
        logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[${config.Version}]${requestId.replace(/-/g, '')}`,
      },
    );
    const duration = Date.now() - started;
    const log =
      `START RequestId: ${requestId} Version: ${config.Version}\n${result.log ?? ''}` +
      `END RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, duration)} ms\tMemory Size: ${config.MemorySize} MB\n`;
    return result.ok
      ? { payload: result.payload, log, functionError: undefined, executedVersion: config.Version }
      : { payload: JSON.stringify(result.error), log, functionError: 'Unhandled', executedVersion: config.Version };
  }

  /** Answers one Lambda request. */
  async handle(req: LocalRequest): Promise<LocalResponse> {
    try {
      return await this.#route(req);
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('lambda', e, req);
    }
  }

  async #route(req: LocalRequest): Promise<LocalResponse> {
    const segments = req.rawPath
      .split('/')
      .slice(1)
      .map((s) => {
        const decoded = safeDecode(s);
        if (decoded === undefined)
          throw new AwsServiceError('ValidationException', `The request path "${req.rawPath}" is not a valid URI`, 400);
        return decoded;
      });
    const [version, collection, resource, sub, subName] = segments;
    const ok = (value: unknown, status = 200): LocalResponse =>
      jsonResponse(status, value, 'application/json', { 'x-amzn-requestid': req.requestId });
    if (collection === 'tags' && resource !== undefined) {
      const fn = this.#function(resource);
      if (req.method === 'GET') return ok({ Tags: fn.tags });
      if (req.method === 'POST') {
        const body = this.#body(req);
        const tags = asStringMap(body.Tags, 'tags');
        this.#commit(fn, (draft) => Object.assign(draft.tags, tags));
        return { status: 204 };
      }
      if (req.method === 'DELETE') {
        this.#commit(fn, (draft) => {
          for (const key of req.query.getAll('tagKeys')) delete draft.tags[key];
        });
        return { status: 204 };
      }
    }
    if (collection !== 'functions' || version === undefined) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `step-cli local does not implement ${req.method} ${req.path}`,
        404,
      );
    }
    if (resource === undefined || resource === '') {
      if (req.method === 'POST') return ok(this.#create(req), 201);
      if (req.method === 'GET') {
        return ok({ Functions: [...this.#functions.values()].map((f) => f.config) });
      }
    }
    const name = resource ?? '';
    const qualifier = req.query.get('Qualifier') ?? undefined;
    if (sub === 'aliases') {
      const [answer, status] = this.#aliasRequest(req, name, subName);
      return status === 204 ? { status } : ok(answer, status);
    }
    switch (`${req.method} ${sub ?? ''}`) {
      case 'GET ': {
        const fn = this.#function(name);
        const config = this.#configFor(fn.config.FunctionName, qualifier ?? parseFunctionName(name).qualifier);
        const sha = Buffer.from(config.CodeSha256, 'base64').toString('hex');
        return ok({
          Configuration: config,
          Code: { RepositoryType: 'S3', Location: `${this.#endpoint()}/_step/lambda-code/${sha}.zip` },
          Tags: fn.tags,
        });
      }
      case 'GET configuration':
        return ok(this.#configFor(parseFunctionName(name).name, qualifier ?? parseFunctionName(name).qualifier));
      case 'DELETE ': {
        const fn = this.#function(name);
        const rel = `lambda/functions/${fn.config.FunctionName}.json`;
        try {
          this.#store.remove(rel);
        } catch (e) {
          throw diskFailure(rel, e);
        }
        this.#functions.delete(fn.config.FunctionName);
        this.#runtime.retire(`${fn.config.FunctionName}\u0000`);
        return { status: 204 };
      }
      case 'PUT code':
        return ok(this.#updateCode(name, this.#body(req)));
      case 'PUT configuration':
        return ok(this.#updateConfiguration(name, this.#body(req)));
      case 'POST versions':
        return ok(this.#publish(name, this.#body(req)), 201);
      case 'GET versions': {
        const fn = this.#function(name);
        return ok({ Versions: [fn.config, ...fn.versions] });
      }
      case 'POST invocations':
        return this.#invokeRequest(req, name, qualifier);
      default:
        throw new AwsServiceError(
          'UnknownOperationException',
          `step-cli local does not implement ${req.method} ${req.path}`,
          404,
        );
    }
  }

  async #invokeRequest(req: LocalRequest, name: string, qualifier: string | undefined): Promise<LocalResponse> {
    const type = header(req.headers, 'x-amz-invocation-type') ?? 'RequestResponse';
    let event: unknown = {};
    if (req.body.length > 0) {
      try {
        event = JSON.parse(req.body.toString('utf8'));
      } catch (e) {
        throw new AwsServiceError(
          'InvalidRequestContentException',
          `Could not parse request body into json: ${(e as Error).message}`,
          400,
        );
      }
    }
    const config = this.#configFor(parseFunctionName(name).name, qualifier ?? parseFunctionName(name).qualifier);
    const base = { 'x-amzn-requestid': req.requestId, 'x-amz-executed-version': config.Version };
    if (type === 'DryRun') return { status: 204, headers: base };
    if (type === 'Event') {
      // Queued, as Lambda's asynchronous invocation; a failure only shows in the function's log.
      const queued = this.#events.offer(config.FunctionName, () =>
        this.invoke(config.FunctionName, event, config.Version),
      );
      if (!queued) {
        throw new AwsServiceError(
          'TooManyRequestsException',
          `Rate Exceeded. step-cli local queues at most ${QUOTAS.lambdaEventQueueLength} Event invocations of "${config.FunctionName}"; retry later, or invoke with RequestResponse.`,
          429,
        );
      }
      return { status: 202, headers: base };
    }
    if (type !== 'RequestResponse') {
      throw new AwsServiceError('InvalidParameterValueException', `Unsupported invocation type: ${type}`);
    }
    const result = await this.invoke(config.FunctionName, event, config.Version);
    const headers: Record<string, string> = { ...base, 'content-type': 'application/json' };
    if (result.functionError !== undefined) headers['x-amz-function-error'] = result.functionError;
    if (header(req.headers, 'x-amz-log-type') === 'Tail') {
      const tail = Buffer.from(result.log);
      headers['x-amz-log-result'] = tail.subarray(Math.max(0, tail.length - 4096)).toString('base64');
    }
    return { status: 200, headers, body: result.payload };
  }

  #body(req: LocalRequest): Record<string, unknown> {
    const body = parseJsonBody(req.body);
    if (body === undefined)
      throw new AwsServiceError('InvalidRequestContentException', 'Could not parse request body into json');
    return body;
  }

  #create(req: LocalRequest): FunctionConfiguration {
    const body = this.#body(req);
    const code = (body.Code ?? {}) as Record<string, unknown>;
    const name = requireString(body.FunctionName, 'functionName');
    const env = body.Environment as { Variables?: unknown } | undefined;
    const config = this.createFunction(
      {
        FunctionName: name,
        Role: requireString(body.Role, 'role'),
        Handler: requireString(body.Handler, 'handler'),
        ...(typeof body.Runtime === 'string' ? { Runtime: body.Runtime } : {}),
        ...(typeof body.Description === 'string' ? { Description: body.Description } : {}),
        ...(typeof body.Timeout === 'number' ? { Timeout: body.Timeout } : {}),
        ...(typeof body.MemorySize === 'number' ? { MemorySize: body.MemorySize } : {}),
        Environment: { Variables: asStringMap(env?.Variables, 'environment') },
        Tags: asStringMap(body.Tags, 'tags'),
        zip: this.#zipFrom(code),
      },
      req.region,
    );
    if (body.Publish === true) this.#publish(name, {});
    return config;
  }

  #zipFrom(code: Record<string, unknown>): Buffer {
    if (typeof code.ZipFile === 'string') return Buffer.from(code.ZipFile, 'base64');
    if (typeof code.S3Bucket === 'string' && typeof code.S3Key === 'string') {
      try {
        return this.#getS3Object(code.S3Bucket, code.S3Key);
      } catch (e) {
        if (e instanceof AwsServiceError) {
          throw new AwsServiceError(
            'InvalidParameterValueException',
            `Error occurred while GetObject. S3 Error Code: ${e.code}. S3 Error Message: ${e.message}`,
          );
        }
        throw e;
      }
    }
    if (typeof code.ImageUri === 'string') {
      throw new AwsServiceError(
        'InvalidParameterValueException',
        'step-cli local runs zip functions only; ImageUri is not supported',
      );
    }
    throw new AwsServiceError('InvalidParameterValueException', 'Please provide a source for function code.');
  }

  #updateCode(name: string, body: Record<string, unknown>): FunctionConfiguration {
    const fn = this.#function(name);
    this.#checkRevision(fn, body.RevisionId);
    const zip = this.#zipFrom(body);
    checkZip(zip);
    if (body.DryRun === true) return fn.config;
    // The zip is on disk (its own file, written atomically) before the record that names it.
    return this.#commit(fn, (draft) => {
      this.#setCode(draft.config, zip);
      this.#touch(draft);
      if (body.Publish === true) this.#addVersion(draft, {});
      return draft.config;
    });
  }

  #updateConfiguration(name: string, body: Record<string, unknown>): FunctionConfiguration {
    const fn = this.#function(name);
    this.#checkRevision(fn, body.RevisionId);
    checkLimits({
      ...(typeof body.Timeout === 'number' ? { Timeout: body.Timeout } : {}),
      ...(typeof body.MemorySize === 'number' ? { MemorySize: body.MemorySize } : {}),
    });
    return this.#commit(fn, (draft) => this.#configure(draft, body));
  }

  #configure(fn: LocalFunction, body: Record<string, unknown>): FunctionConfiguration {
    const c = fn.config;
    if (body.Role !== undefined) {
      const role = requireString(body.Role, 'role');
      if (!ROLE.test(role))
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value '${role}' at 'role' failed to satisfy constraint`,
        );
      c.Role = role;
    }
    if (typeof body.Handler === 'string') c.Handler = body.Handler;
    if (typeof body.Runtime === 'string') c.Runtime = body.Runtime;
    if (typeof body.Description === 'string') c.Description = body.Description;
    if (typeof body.Timeout === 'number') c.Timeout = body.Timeout;
    if (typeof body.MemorySize === 'number') c.MemorySize = body.MemorySize;
    const env = body.Environment as { Variables?: unknown } | undefined;
    if (env !== undefined) c.Environment = { Variables: asStringMap(env.Variables, 'environment') };
    this.#touch(fn);
    return c;
  }

  #publish(name: string, body: Record<string, unknown>): FunctionConfiguration {
    const fn = this.#function(name);
    this.#checkRevision(fn, body.RevisionId);
    return this.#commit(fn, (draft) => this.#addVersion(draft, body));
  }

  #addVersion(fn: LocalFunction, body: Record<string, unknown>): FunctionConfiguration {
    const latest = fn.versions.at(-1);
    if (
      latest !== undefined &&
      latest.CodeSha256 === fn.config.CodeSha256 &&
      latest.RevisionId === fn.config.RevisionId
    ) {
      return latest;
    }
    const version = String(fn.versions.length + 1);
    const published: FunctionConfiguration = {
      ...structuredClone(fn.config),
      Version: version,
      FunctionArn: `${fn.config.FunctionArn}:${version}`,
      Description: typeof body.Description === 'string' ? body.Description : fn.config.Description,
    };
    fn.versions.push(published);
    return published;
  }

  #checkRevision(fn: LocalFunction, revision: unknown): void {
    if (typeof revision === 'string' && revision !== fn.config.RevisionId) {
      throw new AwsServiceError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
      );
    }
  }

  #touch(fn: LocalFunction): void {
    fn.config.LastModified = lambdaDate();
    fn.config.RevisionId = randomUUID();
    this.#runtime.retire(`${fn.config.FunctionName}\u0000$LATEST\u0000`);
  }

  /** Writes the zip (atomically, a file named by its SHA-256) and points `config` at it. */
  #setCode(config: FunctionConfiguration, zip: Buffer): void {
    const sha = createHash('sha256').update(zip).digest();
    const rel = `lambda/code/${sha.toString('hex')}.zip`;
    try {
      this.#store.writeBlob(rel, zip);
    } catch (e) {
      throw diskFailure(rel, e);
    }
    config.CodeSha256 = sha.toString('base64');
    config.CodeSize = zip.length;
    this.#codeCache.set(sha.toString('hex'), zip);
  }

  /**
   * Changes a function through a copy that is written first: memory takes the change only once the disk has it
   * (a refused write answers `500 ServiceException` and leaves the function as it was).
   */
  #commit<R>(fn: LocalFunction, change: (draft: LocalFunction) => R): R {
    const draft = structuredClone(fn);
    const result = change(draft);
    this.#save(draft);
    Object.assign(fn, draft);
    return result;
  }

  readonly #codeCache = new Map<string, Buffer>();

  /** The zip of a function version, by SHA-256 hex (for the code download route). */
  codeByHash(hex: string): Buffer | undefined {
    return this.#codeCache.get(hex) ?? this.#store.readBlob(`lambda/code/${hex}.zip`);
  }

  #code(config: FunctionConfiguration): Buffer {
    const hex = Buffer.from(config.CodeSha256, 'base64').toString('hex');
    const zip = this.codeByHash(hex);
    if (zip === undefined)
      throw new Error(`the code of ${config.FunctionName} (${hex}) is missing from the data directory`);
    return zip;
  }

  #environment(config: FunctionConfiguration): Record<string, string> {
    const region = config.FunctionArn.split(':')[3] ?? 'us-east-1';
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: config.FunctionName,
      AWS_LAMBDA_FUNCTION_VERSION: config.Version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.FunctionName}`,
      AWS_ACCESS_KEY_ID: 'ASIASTEPLOCALLAMBDA0',
      AWS_SECRET_ACCESS_KEY: 'step-local',
      AWS_SESSION_TOKEN: 'step-local',
      AWS_ENDPOINT_URL: this.#endpoint(),
      _HANDLER: config.Handler,
      // Node 20 is a supported Lambda runtime; keep the SDK's upgrade notice out of every function's log.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...config.Environment.Variables,
    };
  }

  #function(name: string): LocalFunction {
    const { name: plain } = parseFunctionName(name);
    const fn = this.#functions.get(plain);
    if (fn === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:us-east-1:${this.#accountId}:function:${plain}`,
        404,
      );
    }
    return fn;
  }

  /** Create/Get/Update/Delete/ListAliases; returns the body and the status. */
  #aliasRequest(req: LocalRequest, name: string, aliasName: string | undefined): [unknown, number] {
    const fn = this.#function(name);
    const aliases = (fn.aliases ??= {});
    const checkVersion = (v: unknown): string => {
      const version = requireString(v, 'functionVersion');
      if (version !== '$LATEST' && !fn.versions.some((x) => x.Version === version)) {
        throw new AwsServiceError(
          'ResourceNotFoundException',
          `Function not found: ${fn.config.FunctionArn}:${version}`,
          404,
        );
      }
      return version;
    };
    if (aliasName === undefined || aliasName === '') {
      if (req.method === 'GET') return [{ Aliases: Object.values(aliases) }, 200];
      const body = this.#body(req);
      const aliasNameIn = requireString(body.Name, 'name');
      if (aliases[aliasNameIn] !== undefined) {
        throw new AwsServiceError(
          'ResourceConflictException',
          `Alias already exists: ${fn.config.FunctionArn}:${aliasNameIn}`,
          409,
        );
      }
      const alias: AliasConfiguration = {
        AliasArn: `${fn.config.FunctionArn}:${aliasNameIn}`,
        Name: aliasNameIn,
        FunctionVersion: checkVersion(body.FunctionVersion),
        Description: typeof body.Description === 'string' ? body.Description : '',
        RevisionId: randomUUID(),
      };
      this.#commit(fn, (draft) => ((draft.aliases ??= {})[aliasNameIn] = alias));
      return [alias, 201];
    }
    const alias = aliases[aliasName];
    if (alias === undefined)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Alias not found: ${fn.config.FunctionArn}:${aliasName}`,
        404,
      );
    if (req.method === 'GET') return [alias, 200];
    if (req.method === 'DELETE') {
      this.#commit(fn, (draft) => delete draft.aliases?.[aliasName]);
      return [{}, 204];
    }
    const body = this.#body(req);
    const version = body.FunctionVersion === undefined ? undefined : checkVersion(body.FunctionVersion);
    const updated = this.#commit(fn, (draft) => {
      const next = draft.aliases![aliasName]!;
      if (version !== undefined) next.FunctionVersion = version;
      if (typeof body.Description === 'string') next.Description = body.Description;
      next.RevisionId = randomUUID();
      return next;
    });
    return [updated, 200];
  }

  #configFor(name: string, qualifier: string | undefined): FunctionConfiguration {
    const fn = this.#function(name);
    const alias = qualifier === undefined ? undefined : fn.aliases?.[qualifier];
    if (alias !== undefined) qualifier = alias.FunctionVersion;
    if (qualifier === undefined || qualifier === '$LATEST') return fn.config;
    const version = fn.versions.find((v) => v.Version === qualifier);
    if (version === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Function not found: ${fn.config.FunctionArn}:${qualifier}`,
        404,
      );
    }
    return version;
  }

  #save(fn: LocalFunction): void {
    const rel = `lambda/functions/${fn.config.FunctionName}.json`;
    try {
      this.#store.writeJson(rel, fn);
    } catch (e) {
      throw diskFailure(rel, e);
    }
  }
}

/** Lambda's answer when the server cannot write its data directory (the change is not applied). */
function diskFailure(rel: string, e: unknown): AwsServiceError {
  return new AwsServiceError('ServiceException', `step-cli local ${describeWriteFailure(rel, e)}`, 500);
}

function checkZip(zip: Buffer): void {
  // Before reading the entries: a zip bomb is refused without inflating a byte.
  if ((declaredUnzippedSize(zip) ?? 0) > QUOTAS.lambdaUnzippedCodeBytes) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `Unzipped size must be smaller than ${QUOTAS.lambdaUnzippedCodeBytes} bytes`,
    );
  }
  try {
    readZip(zip);
  } catch (e) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `Could not unzip uploaded file. Please check your file, then try to upload again. (${(e as Error).message})`,
    );
  }
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function asStringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: '${field}' must be a map of strings`,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') {
      throw new AwsServiceError('ValidationException', `1 validation error detected: '${field}.${k}' must be a string`);
    }
    out[k] = v;
  }
  return out;
}

/** Refuses a Timeout or MemorySize outside Lambda's quotas, with Lambda's ValidationException text. */
function checkLimits(input: { Timeout?: number; MemorySize?: number }): void {
  const check = (value: number | undefined, field: string, { min, max }: { min: number; max: number }): void => {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      const bound = value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value ${bound}`,
      );
    }
  };
  check(input.Timeout, 'timeout', QUOTAS.lambdaTimeoutSeconds);
  check(input.MemorySize, 'memorySize', QUOTAS.lambdaMemorySizeMb);
}
