import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * One request as a local service module sees it: the body is read, the SigV4 scope is parsed.
 *
 * @example
 * ```ts
 * const handler = (req: LocalRequest): LocalResponse => ({ status: 200, body: req.path });
 * ```
 * @internal
 */
export interface LocalRequest {
  method: string;
  /** Decoded path without the query string, e.g. `/bucket/a/b.txt`. */
  path: string;
  /** The raw (still percent-encoded) path. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Region from the SigV4 credential scope, or the server's default. */
  region: string;
  /** Service from the SigV4 credential scope (`s3`, `lambda`, `states`, `sts`), or guessed from the request. */
  service: string;
  /** Access key id from the SigV4 credential, if the request was signed. */
  accessKeyId: string | undefined;
  /** The `Host` header without the port. */
  hostname: string;
  requestId: string;
}

/**
 * What a local service module answers.
 *
 * @example
 * ```ts
 * const res: LocalResponse = { status: 204 };
 * ```
 * @internal
 */
export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** Largest request body accepted (Lambda's direct upload limit is 50 MB; S3 single PUT goes much higher). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * Reads a request body into one buffer.
 *
 * @example
 * ```ts
 * const body = await readBody(req);
 * ```
 * @internal
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * Reads one header as a string (the first value when repeated).
 *
 * @example
 * ```ts
 * const target = header(req.headers, 'x-amz-target');
 * ```
 * @internal
 */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * SigV4 credential scope parsed from an `Authorization` header or presigned query.
 *
 * @example
 * ```ts
 * const scope: SigV4Scope = { accessKeyId: 'AKID', region: 'us-east-1', service: 's3' };
 * ```
 * @internal
 */
export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Parses the SigV4 credential scope of a request; no signature is checked.
 *
 * @example
 * ```ts
 * parseSigV4Scope('AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/s3/aws4_request, ...'); // {service:'s3',...}
 * ```
 * @internal
 */
export function parseSigV4Scope(authorization: string | undefined, query: URLSearchParams): SigV4Scope | undefined {
  const fromHeader = authorization === undefined ? null : CREDENTIAL.exec(authorization);
  const m = fromHeader ?? CREDENTIAL.exec(`Credential=${query.get('X-Amz-Credential') ?? ''}`);
  if (m === null) return undefined;
  return { accessKeyId: m[1]!, region: m[2]!, service: m[3]! };
}

/**
 * Decodes one percent-encoded URI component; `undefined` when it is malformed.
 *
 * @example
 * ```ts
 * safeDecode('a%20b'); // 'a b'
 * ```
 * @internal
 */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Escapes text for an XML element or attribute.
 *
 * @example
 * ```ts
 * escapeXml('a<b'); // 'a&lt;b'
 * ```
 * @internal
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

/**
 * Answers a JSON body.
 *
 * @example
 * ```ts
 * return jsonResponse(200, { ok: true });
 * ```
 * @internal
 */
export function jsonResponse(
  status: number,
  value: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): LocalResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(value) };
}

/**
 * Parses a JSON request body; an empty body is `{}`.
 *
 * @example
 * ```ts
 * const input = parseJsonBody(req.body);
 * ```
 * @internal
 */
export function parseJsonBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
