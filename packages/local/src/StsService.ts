import { randomBytes } from 'node:crypto';
import { AwsServiceError } from './AwsServiceError.js';
import { escapeXml } from './http.js';
import type { LocalRequest, LocalResponse } from './http.js';
import { errorResponse } from './protocol/errorResponse.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]{1,64})$/;

interface Identity {
  account: string;
  arn: string;
  userId: string;
}

/**
 * The local STS (query protocol, XML answers): `GetCallerIdentity` and `AssumeRole`.
 *
 * @remarks
 * Any signed request is accepted. Credentials handed out by `AssumeRole` are remembered, so a later
 * `GetCallerIdentity` signed with them answers the assumed role's account and ARN, as STS does.
 * @internal
 */
export class StsService {
  readonly #accountId: string;
  readonly #sessions = new Map<string, Identity>();

  constructor(accountId: string) {
    this.#accountId = accountId;
  }

  /** The identity behind an access key id (the root of the local account unless it came from `AssumeRole`). */
  identity(accessKeyId: string | undefined): Identity {
    const session = accessKeyId === undefined ? undefined : this.#sessions.get(accessKeyId);
    return (
      session ?? {
        account: this.#accountId,
        arn: `arn:aws:iam::${this.#accountId}:root`,
        userId: accessKeyId ?? this.#accountId,
      }
    );
  }

  /** Answers one STS request. */
  handle(req: LocalRequest): LocalResponse {
    const params = new URLSearchParams(req.method === 'GET' ? req.query : req.body.toString('utf8'));
    const action = params.get('Action') ?? '';
    try {
      switch (action) {
        case 'GetCallerIdentity': {
          const id = this.identity(req.accessKeyId);
          return this.#result(
            action,
            `<Arn>${escapeXml(id.arn)}</Arn><UserId>${escapeXml(id.userId)}</UserId><Account>${id.account}</Account>`,
            req,
          );
        }
        case 'AssumeRole':
          return this.#assumeRole(params, req);
        default:
          throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);
      }
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('sts', e, req);
    }
  }

  #assumeRole(params: URLSearchParams, req: LocalRequest): LocalResponse {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (roleArn === null || sessionName === null) {
      const missing = roleArn === null ? 'roleArn' : 'roleSessionName';
      throw new AwsServiceError(
        'ValidationError',
        `1 validation error detected: Value null at '${missing}' failed to satisfy constraint: Member must not be null`,
      );
    }
    const m = ROLE_ARN.exec(roleArn);
    if (m === null) throw new AwsServiceError('ValidationError', `${roleArn} is invalid`);
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsServiceError(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const duration = Number(params.get('DurationSeconds') ?? '3600');
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
    const arn = `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${sessionName}`;
    this.#sessions.set(accessKeyId, { account: m[1]!, arn, userId: `${roleId}:${sessionName}` });
    const expiration = new Date(Date.now() + duration * 1000).toISOString();
    return this.#result(
      'AssumeRole',
      `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${randomBytes(20).toString(
        'base64',
      )}</SecretAccessKey><SessionToken>${randomBytes(32).toString('base64')}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId><Arn>${escapeXml(arn)}</Arn></AssumedRoleUser>`,
      req,
    );
  }

  #result(action: string, inner: string, req: LocalRequest): LocalResponse {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<${action}Response xmlns="${XMLNS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${req.requestId}</RequestId></ResponseMetadata></${action}Response>`,
    };
  }
}
