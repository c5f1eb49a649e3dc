// An in-process stand-in for the parts of S3, Lambda, Step Functions and STS the deployer uses, with AWS's
// semantics where they matter for safety: S3 conditional writes and deletes (If-None-Match / If-Match, 412),
// NoSuchKey, ETags; Lambda tags, CodeSha256 (base64) and RevisionId preconditions; SFN definitions, roles, tags.
// Faults can be injected on any call. Used by the mocks-based tests through aws-sdk-client-mock (mockedClients.ts).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export type Service = 'S3' | 'Lambda' | 'SFN' | 'STS';

export interface CallRecord {
  service: Service;
  op: string;
  /** S3 key, function/state machine ARN, ... */
  target: string;
  region: string | undefined;
  account: string | undefined;
  roleArn: string | undefined;
}

export interface Fault {
  service: Service;
  op: string;
  /** Only calls whose target matches. */
  target?: RegExp;
  /** Fail this many matching calls (default: every one). */
  times?: number;
  /** Skip this many matching calls first. */
  skip?: number;
  /** Perform the call, then fail (e.g. a PutObject whose answer was lost). */
  after?: boolean;
  error?: Error;
}

export interface CallerIdentity {
  region: string | undefined;
  account: string | undefined;
  roleArn: string | undefined;
}

export function awsError(name: string, status: number, message = name): Error {
  const error = new Error(message);
  error.name = name;
  Object.assign(error, { $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
  return error;
}

interface S3Object {
  body: Buffer;
  etag: string;
  versionId: string;
}

interface FakeFunction {
  arn: string;
  tags: Record<string, string>;
  codeSha256: string;
  revisionId: string;
  updates: number;
  /** What GetFunction(Configuration) reports after an update (tests set `Failed` or `InProgress`). */
  settlesAs: 'Successful' | 'Failed' | 'InProgress';
  lastUpdateStatus: 'Successful' | 'Failed' | 'InProgress';
}

interface FakeStateMachine {
  arn: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  tags: Record<string, string>;
  revisionId: string;
  updates: number;
}

let revision = 0;
const nextRevision = (): string => `rev-${++revision}`;

export class FakeAws {
  readonly region: string;
  readonly account: string;
  readonly objects = new Map<string, S3Object>(); // `${bucket}/${key}`
  readonly functions = new Map<string, FakeFunction>();
  readonly stateMachines = new Map<string, FakeStateMachine>();
  readonly calls: CallRecord[] = [];
  readonly assumedRoles: string[] = [];
  private faults: (Fault & { seen: number; fired: number })[] = [];
  /** Runs before every call (after it is recorded): tests use it to change the world mid-deploy. */
  before: ((service: Service, op: string, input: Record<string, unknown>) => void) | undefined;
  private versions = 0;

  constructor(options: { region?: string; account?: string } = {}) {
    this.region = options.region ?? 'us-east-1';
    this.account = options.account ?? '111111111111';
  }

  // ---- set-up and inspection ------------------------------------------------------------------
  putObject(bucket: string, key: string, body: string | Buffer): void {
    const buf = Buffer.from(body);
    this.objects.set(`${bucket}/${key}`, { body: buf, etag: etagOf(buf), versionId: `v${++this.versions}` });
  }

  getObjectText(bucket: string, key: string): string | undefined {
    return this.objects.get(`${bucket}/${key}`)?.body.toString('utf8');
  }

  hasObject(bucket: string, key: string): boolean {
    return this.objects.has(`${bucket}/${key}`);
  }

  addFunction(arn: string, tags: Record<string, string>, code: Buffer = Buffer.from('old code')): void {
    this.functions.set(arn, {
      arn,
      tags,
      codeSha256: sha256Base64(code),
      revisionId: nextRevision(),
      updates: 0,
      settlesAs: 'Successful',
      lastUpdateStatus: 'Successful',
    });
  }

  addStateMachine(
    arn: string,
    options: { definition: string; roleArn: string; tags: Record<string, string>; type?: 'STANDARD' | 'EXPRESS' },
  ): void {
    this.stateMachines.set(arn, { arn, revisionId: nextRevision(), updates: 0, type: 'STANDARD', ...options });
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  // ---- dispatch -------------------------------------------------------------------------------
  async handle(service: Service, op: string, input: Record<string, unknown>, who: CallerIdentity): Promise<unknown> {
    const target = targetOf(service, input);
    this.calls.push({ service, op, target, ...who });
    // Let other concurrent executions interleave, as a network call would.
    await Promise.resolve();
    this.before?.(service, op, input);
    const fault = this.faults.find(
      (f) => f.service === service && f.op === op && (!f.target || f.target.test(target)) && shouldFire(f),
    );
    if (fault && !fault.after)
      throw fault.error ?? awsError('InternalError', 500, `injected fault on ${service}.${op}`);
    const result = this.perform(service, op, input, who);
    if (fault)
      throw fault.error ?? awsError('InternalError', 500, `injected fault on ${service}.${op} (after it took effect)`);
    return result;
  }

  private perform(service: Service, op: string, input: Record<string, unknown>, who: CallerIdentity): unknown {
    const key = `${service}.${op}`;
    switch (key) {
      case 'S3.GetObject':
        return this.s3Get(input);
      case 'S3.HeadObject': {
        const obj = this.s3Object(input);
        return { ETag: obj.etag, ContentLength: obj.body.length };
      }
      case 'S3.PutObject':
        return this.s3Put(input);
      case 'S3.DeleteObject':
        return this.s3Delete(input);
      case 'Lambda.ListTags':
        return { Tags: { ...this.fn(String(input.Resource)).tags } };
      case 'Lambda.GetFunction':
      case 'Lambda.GetFunctionConfiguration': {
        const fn = this.fn(String(input.FunctionName));
        const configuration = {
          FunctionArn: fn.arn,
          CodeSha256: fn.codeSha256,
          Version: '$LATEST',
          RevisionId: fn.revisionId,
          LastUpdateStatus: (fn.lastUpdateStatus =
            fn.lastUpdateStatus === 'InProgress' ? fn.settlesAs : fn.lastUpdateStatus),
        };
        return op === 'GetFunction' ? { Configuration: configuration, Tags: { ...fn.tags } } : configuration;
      }
      case 'Lambda.UpdateFunctionCode':
        return this.updateFunctionCode(input);
      case 'SFN.DescribeStateMachine': {
        const sm = this.sm(String(input.stateMachineArn));
        return {
          stateMachineArn: sm.arn,
          definition: sm.definition,
          roleArn: sm.roleArn,
          type: sm.type,
          revisionId: sm.revisionId,
        };
      }
      case 'SFN.UpdateStateMachine': {
        const sm = this.sm(String(input.stateMachineArn));
        if (typeof input.definition === 'string') sm.definition = input.definition;
        sm.revisionId = nextRevision();
        sm.updates++;
        return { updateDate: new Date(), revisionId: sm.revisionId };
      }
      case 'SFN.ListTagsForResource': {
        const sm = this.sm(String(input.resourceArn));
        return { tags: Object.entries(sm.tags).map(([k, value]) => ({ key: k, value })) };
      }
      case 'STS.GetCallerIdentity':
        return {
          Account: who.account ?? this.account,
          Arn: `arn:aws:iam::${who.account ?? this.account}:user/tester`,
          UserId: 'AIDATEST',
        };
      case 'STS.AssumeRole':
        this.assumedRoles.push(String(input.RoleArn));
        return {
          Credentials: {
            AccessKeyId: 'AKIA',
            SecretAccessKey: 'secret',
            SessionToken: 'token',
            Expiration: new Date(Date.now() + 3600_000),
          },
        };
      default:
        throw awsError('UnknownOperationException', 400, `FakeAws does not implement ${key}`);
    }
  }

  private s3Object(input: Record<string, unknown>): S3Object {
    const obj = this.objects.get(`${String(input.Bucket)}/${String(input.Key)}`);
    if (!obj) throw awsError('NoSuchKey', 404, 'The specified key does not exist.');
    return obj;
  }

  private s3Get(input: Record<string, unknown>): unknown {
    const obj = this.s3Object(input);
    return {
      Body: Readable.from([obj.body]),
      ETag: obj.etag,
      ContentLength: obj.body.length,
      VersionId: obj.versionId,
    };
  }

  private s3Put(input: Record<string, unknown>): unknown {
    const id = `${String(input.Bucket)}/${String(input.Key)}`;
    const existing = this.objects.get(id);
    if (input.IfNoneMatch === '*' && existing) {
      throw awsError('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');
    }
    if (typeof input.IfMatch === 'string') {
      if (!existing) throw awsError('NoSuchKey', 404);
      if (input.IfMatch !== '*' && input.IfMatch !== existing.etag) throw awsError('PreconditionFailed', 412);
    }
    const body = toBuffer(input.Body);
    const obj = { body, etag: etagOf(body), versionId: `v${++this.versions}` };
    this.objects.set(id, obj);
    return { ETag: obj.etag, VersionId: obj.versionId };
  }

  private s3Delete(input: Record<string, unknown>): unknown {
    const id = `${String(input.Bucket)}/${String(input.Key)}`;
    const existing = this.objects.get(id);
    if (typeof input.IfMatch === 'string') {
      if (!existing) throw awsError('NoSuchKey', 404);
      if (input.IfMatch !== '*' && input.IfMatch !== existing.etag) throw awsError('PreconditionFailed', 412);
    }
    this.objects.delete(id);
    return {};
  }

  private fn(nameOrArn: string): FakeFunction {
    const arn = nameOrArn.startsWith('arn:')
      ? nameOrArn
      : `arn:aws:lambda:${this.region}:${this.account}:function:${nameOrArn}`;
    const fn = this.functions.get(arn);
    if (!fn) throw awsError('ResourceNotFoundException', 404, `Function not found: ${arn}`);
    return fn;
  }

  private sm(arn: string): FakeStateMachine {
    const sm = this.stateMachines.get(arn);
    if (!sm) throw awsError('StateMachineDoesNotExist', 400, `State Machine Does Not Exist: '${arn}'`);
    return sm;
  }

  private updateFunctionCode(input: Record<string, unknown>): unknown {
    const fn = this.fn(String(input.FunctionName));
    if (typeof input.RevisionId === 'string' && input.RevisionId !== fn.revisionId) {
      throw awsError(
        'PreconditionFailedException',
        412,
        'The Revision Id provided does not match the latest Revision Id.',
      );
    }
    let code: Buffer;
    if (input.ZipFile !== undefined) code = toBuffer(input.ZipFile);
    else {
      const obj = this.objects.get(`${String(input.S3Bucket)}/${String(input.S3Key)}`);
      if (!obj)
        throw awsError(
          'InvalidParameterValueException',
          400,
          'Error occurred while GetObject. S3 Error Code: NoSuchKey',
        );
      if (typeof input.S3ObjectVersion === 'string' && input.S3ObjectVersion !== obj.versionId) {
        throw awsError(
          'InvalidParameterValueException',
          400,
          'Error occurred while GetObject. S3 Error Code: NoSuchVersion',
        );
      }
      code = obj.body;
    }
    const codeSha256 = sha256Base64(code);
    // A failed update leaves the function on its previous code, as Lambda does.
    if (fn.settlesAs !== 'Failed') fn.codeSha256 = codeSha256;
    fn.revisionId = nextRevision();
    fn.updates++;
    fn.lastUpdateStatus = 'InProgress';
    return {
      FunctionArn: fn.arn,
      CodeSha256: codeSha256,
      RevisionId: fn.revisionId,
      Version: '$LATEST',
      LastUpdateStatus: 'InProgress',
    };
  }
}

function shouldFire(f: Fault & { seen: number; fired: number }): boolean {
  f.seen++;
  if (f.seen <= (f.skip ?? 0)) return false;
  if (f.times !== undefined && f.fired >= f.times) return false;
  f.fired++;
  return true;
}

function targetOf(service: Service, input: Record<string, unknown>): string {
  if (service === 'S3') return `${String(input.Bucket)}/${String(input.Key)}`;
  const t = input.FunctionName ?? input.Resource ?? input.stateMachineArn ?? input.resourceArn ?? input.RoleArn ?? '';
  return typeof t === 'string' ? t : '';
}

function toBuffer(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new TypeError('FakeAws: streaming bodies are not supported; pass a string or bytes');
}

function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export function sha256Base64(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}
