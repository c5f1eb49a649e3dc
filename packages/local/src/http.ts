import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * One request as a local service module sees it: the body is read, the SigV4 scope is parsed.
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
 * @internal
 */
export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  /** A stream (a large S3 object read from disk) is piped; its `content-length` header must be set. */
  body?: Buffer | string | Readable;
}

/**
 * A request body longer than its route's limit: `received` is the declared `Content-Length`, or the bytes read when
 * reading stopped (chunked bodies).
 * @internal
 */
export class BodyTooLarge extends Error {
  readonly received: number;

  constructor(received: number, limit: number) {
    super(`request body of ${received} bytes exceeds ${limit} bytes`);
    this.name = 'BodyTooLarge';
    this.received = received;
  }
}

/**
 * Reads a request body into one buffer, at most `limit` bytes: a declared `Content-Length` over the limit is refused
 * before any byte is read, and a chunked body stops being read at the limit. Throws {@link BodyTooLarge}; the caller
 * answers and then discards the rest of the body.
 * @internal
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(header(req.headers, 'content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(declared, limit);
  // Events, not `for await`: leaving an async iterator early destroys the socket, and the refusal must still be sent.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new BodyTooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, found by one scan that skips strings; run before
 * `JSON.parse` so that no parser or recursive walk meets a pathological body.
 * @internal
 */
export function jsonDepthExceeds(text: Buffer | string, max: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Reads one header as a string (the first value when repeated).
 * @internal
 */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * SigV4 credential scope parsed from an `Authorization` header or presigned query.
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
 * @internal
 */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

/**
 * Answers a JSON body.
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
