import { createHash } from 'node:crypto';

/** @internal The HTTP status of an SDK v3 error, if any. */
export function httpStatusOf(error: unknown): number | undefined {
  const meta = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
}

/** @internal The error name (`NoSuchKey`, `PreconditionFailed`, ...) of an SDK v3 error. */
export function errorNameOf(error: unknown): string {
  if (error instanceof Error) return error.name;
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : 'Error';
}

/** @internal One-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** @internal True for a missing S3 object. */
export function isNotFound(error: unknown): boolean {
  const name = errorNameOf(error);
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatusOf(error) === 404;
}

/** @internal True when an S3 conditional request lost (412, or 409 for a concurrent conditional write). */
export function isConditionFailed(error: unknown): boolean {
  const name = errorNameOf(error);
  const status = httpStatusOf(error);
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412 || status === 409;
}

type Body = unknown;

async function* chunksOf(body: Body): AsyncGenerator<Uint8Array> {
  if (body === undefined || body === null) return;
  if (typeof body === 'string') {
    yield Buffer.from(body);
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body as AsyncIterable<unknown>) {
      yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    }
    return;
  }
  const withTransform = body as { transformToByteArray?: () => Promise<Uint8Array> };
  if (typeof withTransform.transformToByteArray === 'function') {
    yield await withTransform.transformToByteArray();
    return;
  }
  throw new TypeError('Unsupported S3 object body');
}

/** @internal Read a (small) S3 body into a string, refusing more than `limit` bytes. */
export async function readBodyText(body: Body, limit: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(body)) {
    size += chunk.byteLength;
    if (size > limit) throw new RangeError(`object is larger than ${limit} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** @internal Stream an S3 body through SHA-256 without holding it in memory. */
export async function sha256OfBody(body: Body): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of chunksOf(body)) {
    size += chunk.byteLength;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}
