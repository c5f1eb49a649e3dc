import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { AwsServiceError } from './AwsServiceError.js';
import { escapeXml, header, safeDecode } from './http.js';
import type { LocalRequest, LocalResponse } from './http.js';
import type { LocalStore } from './LocalStore.js';
import { errorResponse } from './protocol/errorResponse.js';
import { QUOTAS } from './quotas.js';
import { parseCompleteMultipartUpload, parseDelete, parseTagging } from './s3/parseS3Xml.js';
import { sweepOrphans } from './store/sweepOrphans.js';

/**
 * Metadata of one stored S3 object (the body lives beside it).
 * @internal
 */
export interface S3ObjectMeta {
  key: string;
  /** Quoted MD5 hex, as S3 answers it. */
  etag: string;
  size: number;
  /** Epoch milliseconds. */
  lastModified: number;
  contentType: string;
  /** `x-amz-meta-*` headers without the prefix. */
  metadata: Record<string, string>;
}

interface StoredObject extends S3ObjectMeta {
  body: Buffer | undefined;
  file: string;
}

/** The record of one object on disk: its metadata and the name of its body file (a new one per write). */
interface ObjectRecord extends S3ObjectMeta {
  /** `<file id>.<random>.bin`; absent in records written before bodies had their own names (`<file id>.bin`). */
  bodyFile?: string;
}

function isObjectRecord(value: unknown): value is ObjectRecord {
  const r = value as Partial<ObjectRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.key === 'string' &&
    typeof r.etag === 'string' &&
    typeof r.size === 'number' &&
    typeof r.lastModified === 'number' &&
    typeof r.contentType === 'string' &&
    typeof r.metadata === 'object' &&
    r.metadata !== null &&
    (r.bodyFile === undefined || typeof r.bodyFile === 'string')
  );
}

/** S3's answer when the server cannot write its data directory (the change is not applied). */
function diskFailure(): AwsServiceError {
  return new AwsServiceError(
    'InternalError',
    'We encountered an internal error. Please try again. (step-cli local could not write its data directory)',
    500,
  );
}

interface Bucket {
  name: string;
  creationDate: number;
  tags: Record<string, string>;
  objects: Map<string, StoredObject>;
}

interface BucketFile {
  name: string;
  creationDate: number;
  tags: Record<string, string>;
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const LARGE_BODY_BYTES = 1024 * 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A body file the store names: `<sha256 of the key>[.<8 hex>].bin`; group 1 is its record's name. */
const BODY_FILE = /^([0-9a-f]{64})(?:\.[0-9a-f]{8})?\.bin$/;

function fileId(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function xml(body: string, status = 200, headers: Record<string, string> = {}): LocalResponse {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body: XML_HEAD + body };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Decodes an `aws-chunked` body (what the SDK sends with trailing checksums) into the plain payload.
 * @internal
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const sizeText = body.toString('latin1', pos, lineEnd).split(';')[0]!.trim();
    const size = Number.parseInt(sizeText, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * The local S3: buckets and objects with conditional writes, path-style and virtual-hosted-style addressing.
 *
 * @remarks
 * `If-None-Match: *` and `If-Match: <etag>` on PutObject (and `If-Match` on DeleteObject) are checked and applied
 * in one synchronous step after the body has arrived, so concurrent writers see exactly one winner and
 * the others get `412 PreconditionFailed`, as on S3.
 * @internal
 */
export class S3Service {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #buckets = new Map<string, Bucket>();
  /** Multipart uploads in progress (kept in memory only): parts by number. */
  readonly #uploads = new Map<
    string,
    { bucket: string; key: string; contentType: string; parts: Map<number, Buffer> }
  >();

  /**
   * Loads the buckets of the data directory. A bad file (empty, not JSON, the wrong shape, a missing body) is
   * reported through `report` by its path relative to the data directory and skipped; it is never deleted.
   */
  constructor(store: LocalStore, accountId: string, report: (message: string) => void = () => undefined) {
    this.#store = store;
    this.#accountId = accountId;
    for (const name of store.list('s3')) {
      const rel = `s3/${name}/bucket.json`;
      const file = store.readJson<Partial<BucketFile>>(rel);
      const sound =
        typeof file?.name === 'string' &&
        typeof file.creationDate === 'number' &&
        typeof file.tags === 'object' &&
        file.tags !== null;
      if (!sound)
        report(
          `${rel} is empty, not JSON or not a bucket record: bucket "${name}" is served without its tags (fix or remove the file)`,
        );
      const bucket: Bucket = sound
        ? { ...(file as BucketFile), objects: new Map() }
        : { name, creationDate: 0, tags: {}, objects: new Map() };
      const unreadable = new Set<string>();
      for (const entry of store.list(`s3/${name}/objects`)) {
        if (!entry.endsWith('.json')) continue;
        const at = `s3/${name}/objects/${entry}`;
        const record = store.readJson<unknown>(at);
        if (!isObjectRecord(record)) {
          report(`${at} is empty, not JSON or not an object record: that object is not served (the file is kept)`);
          unreadable.add(entry.slice(0, -'.json'.length));
          continue;
        }
        const { bodyFile, ...meta } = record;
        const object: StoredObject = { ...meta, body: undefined, file: bodyFile ?? `${fileId(meta.key)}.bin` };
        if (!store.has(`s3/${name}/objects/${object.file}`)) {
          report(
            `s3/${name}/objects/${object.file} (the body of "${meta.key}" in bucket "${name}") is missing: GetObject answers InternalError`,
          );
        }
        bucket.objects.set(meta.key, object);
      }
      const bodies = new Set([...bucket.objects.values()].map((o) => o.file));
      sweepOrphans(
        store,
        {
          folder: `s3/${name}/objects`,
          owner: (file) => BODY_FILE.exec(file)?.[1],
          isReferenced: (file) => bodies.has(file),
          unreadableOwners: unreadable,
          what: `a body no object record of bucket "${name}" names`,
        },
        report,
      );
      this.#buckets.set(name, bucket);
    }
  }

  /** Creates a bucket (used by the seed loader); an existing one keeps its objects and gains the tags. */
  createBucket(name: string, tags: Record<string, string> = {}): void {
    const existing = this.#buckets.get(name);
    if (existing !== undefined) {
      Object.assign(existing.tags, tags);
      this.#saveBucket(existing);
      return;
    }
    if (!BUCKET_NAME.test(name)) {
      throw new AwsServiceError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
    }
    const bucket: Bucket = { name, creationDate: Date.now(), tags: { ...tags }, objects: new Map() };
    this.#buckets.set(name, bucket);
    this.#saveBucket(bucket);
  }

  /** Reads an object's body; throws `NoSuchBucket`/`NoSuchKey` as S3 answers them. */
  getObject(bucketName: string, key: string): Buffer {
    const object = this.#object(this.#bucket(bucketName), key);
    return this.#body(bucketName, object);
  }

  /** Writes an object unconditionally and returns its quoted ETag. */
  putObject(bucketName: string, key: string, body: Buffer, contentType = 'application/octet-stream'): string {
    return this.#put(this.#bucket(bucketName), key, body, contentType, {}).etag;
  }

  /** Deletes an object (a missing one is fine, as on S3). */
  deleteObject(bucketName: string, key: string): void {
    this.#delete(this.#bucket(bucketName), key);
  }

  /** Lists the keys under a prefix, sorted. */
  listKeys(bucketName: string, prefix = ''): S3ObjectMeta[] {
    const bucket = this.#bucket(bucketName);
    return [...bucket.objects.values()]
      .filter((o) => o.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ body: _b, file: _f, ...meta }) => meta);
  }

  /** Answers one S3 request. */
  handle(req: LocalRequest): LocalResponse {
    try {
      return this.#route(req);
    } catch (e) {
      if (e instanceof AwsServiceError) return errorResponse('s3', e, req);
      throw e;
    }
  }

  #route(req: LocalRequest): LocalResponse {
    const { bucket, key } = this.#address(req);
    if (bucket === undefined) {
      if (req.method === 'GET') return this.#listBuckets();
      throw new AwsServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    }
    if (key === undefined || key === '') return this.#bucketRequest(req, bucket);
    if (req.query.has('uploads') || req.query.has('uploadId')) return this.#multipart(req, bucket, key);
    switch (req.method) {
      case 'PUT':
        return header(req.headers, 'x-amz-copy-source') !== undefined
          ? this.#copyObject(req, bucket, key)
          : this.#putObject(req, bucket, key);
      case 'GET':
      case 'HEAD':
        return this.#getObject(req, bucket, key);
      case 'DELETE':
        return this.#deleteObject(req, bucket, key);
      default:
        throw new AwsServiceError(
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
          405,
        );
    }
  }

  /** Path style `/bucket/key`, or virtual-hosted style `bucket.localhost[:port]/key`. */
  #address(req: LocalRequest): { bucket: string | undefined; key: string | undefined } {
    const host = req.hostname;
    const virtual = /^(.+?)\.(?:s3\.)?(?:localhost|127\.0\.0\.1)$/.exec(host);
    const segments = req.rawPath.split('/').slice(1);
    const decode = (s: string): string => {
      const decoded = safeDecode(s);
      if (decoded === undefined) throw new AwsServiceError('InvalidURI', "Couldn't parse the specified URI.", 400);
      return decoded;
    };
    if (virtual !== null) {
      const key = segments.map(decode).join('/');
      return { bucket: virtual[1], key };
    }
    const first = segments[0];
    if (first === undefined || first === '') return { bucket: undefined, key: undefined };
    return { bucket: decode(first), key: segments.length > 1 ? segments.slice(1).map(decode).join('/') : undefined };
  }

  #bucket(name: string): Bucket {
    const bucket = this.#buckets.get(name);
    if (bucket === undefined) {
      throw new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
    }
    return bucket;
  }

  #object(bucket: Bucket, key: string): StoredObject {
    const object = bucket.objects.get(key);
    if (object === undefined)
      throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    return object;
  }

  #body(bucketName: string, object: StoredObject): Buffer {
    if (object.body !== undefined) return object.body;
    const body = this.#store.readBlob(`s3/${bucketName}/objects/${object.file}`);
    if (body === undefined) {
      throw new AwsServiceError(
        'InternalError',
        `The body of "${object.key}" is missing from step-cli local's data directory (s3/${bucketName}/objects/${object.file}).`,
        500,
      );
    }
    // Large bodies are read back from the data directory when asked for, so memory stays flat.
    if (body.length <= LARGE_BODY_BYTES) object.body = body;
    return body;
  }

  #saveBucket(bucket: Bucket): void {
    const file: BucketFile = { name: bucket.name, creationDate: bucket.creationDate, tags: bucket.tags };
    try {
      this.#store.writeJson(`s3/${bucket.name}/bucket.json`, file);
    } catch {
      throw diskFailure();
    }
  }

  #put(
    bucket: Bucket,
    key: string,
    body: Buffer,
    contentType: string,
    metadata: Record<string, string>,
    etag = `"${createHash('md5').update(body).digest('hex')}"`,
  ): StoredObject {
    const object: StoredObject = {
      key,
      etag,
      size: body.length,
      lastModified: Date.now(),
      contentType,
      metadata,
      body,
      file: `${fileId(key)}.${randomUUID().slice(0, 8)}.bin`,
    };
    // Atomic: the new body goes to a file of its own, then the record naming it replaces the old record (the
    // commit point); only then does memory change and the old body go. A crash leaves the old or the new object.
    const dir = `s3/${bucket.name}/objects`;
    const { body: _b, file, ...meta } = object;
    try {
      this.#store.writeBlob(`${dir}/${file}`, body);
      this.#store.writeJson(`${dir}/${fileId(key)}.json`, { ...meta, bodyFile: file } satisfies ObjectRecord);
    } catch {
      this.#store.remove(`${dir}/${file}`);
      throw diskFailure();
    }
    const previous = bucket.objects.get(key);
    bucket.objects.set(key, object);
    if (previous !== undefined && previous.file !== file) this.#store.remove(`${dir}/${previous.file}`);
    // Large bodies are read back from the data directory when asked for, so memory stays flat.
    if (this.#store.dir !== undefined && body.length > LARGE_BODY_BYTES) object.body = undefined;
    return object;
  }

  #listBuckets(): LocalResponse {
    const buckets = [...this.#buckets.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(
        (b) =>
          `<Bucket><Name>${escapeXml(b.name)}</Name><CreationDate>${isoDate(b.creationDate)}</CreationDate></Bucket>`,
      )
      .join('');
    return xml(
      `<ListAllMyBucketsResult xmlns="${XMLNS}"><Owner><ID>${this.#accountId}</ID><DisplayName>local</DisplayName></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`,
    );
  }

  #bucketRequest(req: LocalRequest, name: string): LocalResponse {
    const q = req.query;
    if (req.method === 'PUT' && !q.has('tagging')) {
      if (this.#buckets.has(name)) {
        throw new AwsServiceError(
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
          { BucketName: name },
        );
      }
      this.createBucket(name);
      return { status: 200, headers: { location: `/${name}` } };
    }
    const bucket = this.#bucket(name);
    if (q.has('tagging')) return this.#tagging(req, bucket);
    if (req.method === 'HEAD') return { status: 200, headers: { 'x-amz-bucket-region': req.region } };
    if (req.method === 'DELETE') {
      if (bucket.objects.size > 0) {
        throw new AwsServiceError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
          BucketName: name,
        });
      }
      this.#buckets.delete(name);
      this.#store.remove(`s3/${name}`);
      return { status: 204 };
    }
    if (req.method === 'POST' && q.has('delete')) return this.#deleteObjects(req, bucket);
    if (q.has('location') && req.method === 'GET') {
      const region = req.region === 'us-east-1' ? '' : escapeXml(req.region);
      return xml(`<LocationConstraint xmlns="${XMLNS}">${region}</LocationConstraint>`);
    }
    if (req.method === 'GET') {
      for (const sub of ['acl', 'versioning', 'policy', 'cors', 'lifecycle', 'uploads', 'versions', 'encryption']) {
        if (q.has(sub)) throw new AwsServiceError('NotImplemented', `step-cli local does not implement ?${sub}`, 501);
      }
      return this.#listObjects(req, bucket);
    }
    throw new AwsServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }

  #tagging(req: LocalRequest, bucket: Bucket): LocalResponse {
    if (req.method === 'GET') {
      const entries = Object.entries(bucket.tags);
      if (entries.length === 0) {
        throw new AwsServiceError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket.name });
      }
      const tags = entries
        .map(([k, v]) => `<Tag><Key>${escapeXml(k)}</Key><Value>${escapeXml(v)}</Value></Tag>`)
        .join('');
      return xml(`<Tagging xmlns="${XMLNS}"><TagSet>${tags}</TagSet></Tagging>`);
    }
    if (req.method === 'PUT') {
      bucket.tags = parseTagging(req.body);
      this.#saveBucket(bucket);
      return { status: 204 };
    }
    bucket.tags = {};
    this.#saveBucket(bucket);
    return { status: 204 };
  }

  #listObjects(req: LocalRequest, bucket: Bucket): LocalResponse {
    const q = req.query;
    const v2 = q.get('list-type') === '2';
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeysText = q.get('max-keys');
    const requested = maxKeysText === null ? QUOTAS.s3MaxKeys : Number(maxKeysText);
    if (maxKeysText?.trim() === '' || !Number.isInteger(requested) || requested < 0 || requested > 2 ** 31 - 1) {
      throw new AwsServiceError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
        ArgumentName: 'max-keys',
        ArgumentValue: maxKeysText ?? '',
      });
    }
    // S3 returns at most 1,000 keys a page whatever max-keys asks for; it does not refuse a larger number.
    const maxKeys = Math.min(requested, QUOTAS.s3MaxKeys);
    const token = q.get('continuation-token');
    let after = v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '');
    if (token !== null) after = readContinuationToken(bucket.name, token);
    const urlEncode = q.get('encoding-type') === 'url';
    const enc = (s: string): string => escapeXml(urlEncode ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
    const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const contents: StoredObject[] = [];
    const prefixes: string[] = [];
    let truncated = false;
    let last = '';
    for (const key of keys) {
      let commonPrefix: string | undefined;
      if (delimiter !== '') {
        const idx = key.indexOf(delimiter, prefix.length);
        if (idx >= 0) commonPrefix = key.slice(0, idx + delimiter.length);
      }
      if (commonPrefix !== undefined && prefixes.at(-1) === commonPrefix) continue;
      if (contents.length + prefixes.length >= maxKeys) {
        truncated = true;
        break;
      }
      if (commonPrefix !== undefined) {
        prefixes.push(commonPrefix);
        last = `${commonPrefix}\uffff`;
      } else {
        contents.push(bucket.objects.get(key)!);
        last = key;
      }
    }
    const items = contents
      .map(
        (o) =>
          `<Contents><Key>${enc(o.key)}</Key><LastModified>${isoDate(o.lastModified)}</LastModified><ETag>${escapeXml(o.etag)}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('');
    const common = prefixes.map((p) => `<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`).join('');
    const paging = v2
      ? `<KeyCount>${contents.length + prefixes.length}</KeyCount>${token === null ? '' : `<ContinuationToken>${escapeXml(token)}</ContinuationToken>`}${
          truncated ? `<NextContinuationToken>${continuationToken(bucket.name, last)}</NextContinuationToken>` : ''
        }`
      : `<Marker>${enc(q.get('marker') ?? '')}</Marker>${truncated && delimiter !== '' ? `<NextMarker>${enc(last)}</NextMarker>` : ''}`;
    return xml(
      `<ListBucketResult xmlns="${XMLNS}"><Name>${escapeXml(bucket.name)}</Name><Prefix>${enc(prefix)}</Prefix>${
        delimiter === '' ? '' : `<Delimiter>${enc(delimiter)}</Delimiter>`
      }<MaxKeys>${maxKeys}</MaxKeys>${urlEncode ? '<EncodingType>url</EncodingType>' : ''}<IsTruncated>${truncated}</IsTruncated>${paging}${items}${common}</ListBucketResult>`,
    );
  }

  /** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload (what `aws s3 cp` uses past 8 MB). */
  #multipart(req: LocalRequest, bucketName: string, key: string): LocalResponse {
    const bucket = this.#bucket(bucketName);
    if (req.method === 'POST' && req.query.has('uploads')) {
      const uploadId = randomUUID().replace(/-/g, '');
      this.#uploads.set(uploadId, {
        bucket: bucketName,
        key,
        contentType: header(req.headers, 'content-type') ?? 'application/octet-stream',
        parts: new Map(),
      });
      return xml(
        `<InitiateMultipartUploadResult xmlns="${XMLNS}"><Bucket>${escapeXml(bucketName)}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    const uploadId = req.query.get('uploadId') ?? '';
    const upload = this.#uploads.get(uploadId);
    if (upload === undefined || upload.bucket !== bucketName || upload.key !== key) {
      throw new AwsServiceError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        404,
        {
          UploadId: uploadId,
        },
      );
    }
    if (req.method === 'PUT') {
      const partNumber = Number(req.query.get('partNumber'));
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
        throw new AwsServiceError(
          'InvalidArgument',
          'Part number must be an integer between 1 and 10000, inclusive',
          400,
        );
      }
      const encoding = header(req.headers, 'content-encoding') ?? '';
      const sha = header(req.headers, 'x-amz-content-sha256') ?? '';
      const body =
        encoding.includes('aws-chunked') || sha.startsWith('STREAMING-') ? decodeAwsChunked(req.body) : req.body;
      upload.parts.set(partNumber, body);
      return { status: 200, headers: { etag: `"${createHash('md5').update(body).digest('hex')}"` } };
    }
    if (req.method === 'DELETE') {
      this.#uploads.delete(uploadId);
      return { status: 204 };
    }
    if (req.method === 'POST') {
      const chosen = parseCompleteMultipartUpload(req.body).map((p) => p.partNumber);
      const buffers: Buffer[] = [];
      for (const n of chosen) {
        const part = upload.parts.get(n);
        if (part === undefined) {
          throw new AwsServiceError(
            'InvalidPart',
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
            400,
          );
        }
        buffers.push(part);
      }
      const digests = Buffer.concat(buffers.map((b) => createHash('md5').update(b).digest()));
      const etag = `"${createHash('md5').update(digests).digest('hex')}-${buffers.length}"`;
      const object = this.#put(bucket, key, Buffer.concat(buffers), upload.contentType, {}, etag);
      this.#uploads.delete(uploadId);
      return xml(
        `<CompleteMultipartUploadResult xmlns="${XMLNS}"><Bucket>${escapeXml(bucketName)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(object.etag)}</ETag></CompleteMultipartUploadResult>`,
      );
    }
    throw new AwsServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  }

  #putObject(req: LocalRequest, bucketName: string, key: string): LocalResponse {
    const bucket = this.#bucket(bucketName);
    const encoding = header(req.headers, 'content-encoding') ?? '';
    const sha = header(req.headers, 'x-amz-content-sha256') ?? '';
    const chunked = encoding.includes('aws-chunked') || sha.startsWith('STREAMING-');
    const body = chunked ? decodeAwsChunked(req.body) : req.body;
    const existing = bucket.objects.get(key);
    const ifNoneMatch = header(req.headers, 'if-none-match');
    const ifMatch = header(req.headers, 'if-match');
    if (ifNoneMatch !== undefined) {
      if (ifNoneMatch.trim() !== '*') {
        throw new AwsServiceError(
          'NotImplemented',
          'A header you provided implies functionality that is not implemented',
          501,
          {
            Header: 'If-None-Match',
          },
        );
      }
      if (existing !== undefined) {
        throw new AwsServiceError(
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
          412,
          {
            Condition: 'If-None-Match',
          },
        );
      }
    }
    checkIfMatch(ifMatch, existing?.etag, key);
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
    }
    const object = this.#put(
      bucket,
      key,
      body,
      header(req.headers, 'content-type') ?? 'application/octet-stream',
      metadata,
    );
    return { status: 200, headers: { etag: object.etag, 'x-amz-request-id': req.requestId } };
  }

  #copyObject(req: LocalRequest, bucketName: string, key: string): LocalResponse {
    const bucket = this.#bucket(bucketName);
    const source = safeDecode(header(req.headers, 'x-amz-copy-source')!.split('?')[0]!)?.replace(/^\//, '');
    if (source === undefined || !source.includes('/')) {
      throw new AwsServiceError(
        'InvalidArgument',
        'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
        400,
      );
    }
    const slash = source.indexOf('/');
    const srcBucket = this.#bucket(source.slice(0, slash));
    const src = this.#object(srcBucket, source.slice(slash + 1));
    const body = this.#body(srcBucket.name, src);
    const object = this.#put(bucket, key, body, src.contentType, { ...src.metadata });
    return xml(
      `<CopyObjectResult xmlns="${XMLNS}"><ETag>${escapeXml(object.etag)}</ETag><LastModified>${isoDate(object.lastModified)}</LastModified></CopyObjectResult>`,
    );
  }

  #getObject(req: LocalRequest, bucketName: string, key: string): LocalResponse {
    const bucket = this.#bucket(bucketName);
    const object = this.#object(bucket, key);
    const ifMatch = header(req.headers, 'if-match');
    if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) {
      throw new AwsServiceError(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        {
          Condition: 'If-Match',
        },
      );
    }
    const headers: Record<string, string> = {
      etag: object.etag,
      'last-modified': new Date(object.lastModified).toUTCString(),
      'content-type': object.contentType,
      'accept-ranges': 'bytes',
      'x-amz-request-id': req.requestId,
    };
    for (const [k, v] of Object.entries(object.metadata)) headers[`x-amz-meta-${k}`] = v;
    const ifNoneMatch = header(req.headers, 'if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) return { status: 304, headers };
    // A body not held in memory (over 1 MB, in the data directory) is streamed from its file, never read whole.
    const file =
      this.#store.dir === undefined ? undefined : path.join(this.#store.dir, 's3', bucketName, 'objects', object.file);
    const streamed = object.body === undefined && object.size > 0 && file !== undefined && existsSync(file);
    const size = streamed ? object.size : this.#body(bucketName, object).length;
    let status = 200;
    const range = parseRange(header(req.headers, 'range'), size);
    if (range === 'unsatisfiable') {
      throw new AwsServiceError('InvalidRange', 'The requested range is not satisfiable', 416, {
        RangeRequested: header(req.headers, 'range') ?? '',
        ActualObjectSize: String(size),
      });
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    if (range !== undefined) {
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
      status = 206;
    }
    headers['content-length'] = String(Math.max(0, end - start + 1));
    if (req.method === 'HEAD') return { status, headers };
    if (streamed) return { status, headers, body: createReadStream(file, { start, end }) };
    return { status, headers, body: this.#body(bucketName, object).subarray(start, end + 1) };
  }

  #deleteObject(req: LocalRequest, bucketName: string, key: string): LocalResponse {
    const bucket = this.#bucket(bucketName);
    const existing = bucket.objects.get(key);
    const ifMatch = header(req.headers, 'if-match');
    checkIfMatch(ifMatch, existing?.etag, key);
    this.#delete(bucket, key);
    return { status: 204, headers: { 'x-amz-request-id': req.requestId } };
  }

  #delete(bucket: Bucket, key: string): void {
    const existing = bucket.objects.get(key);
    if (existing === undefined) return;
    // The record first (the commit point), then memory, then the body.
    try {
      this.#store.remove(`s3/${bucket.name}/objects/${fileId(key)}.json`);
    } catch {
      throw diskFailure();
    }
    bucket.objects.delete(key);
    this.#store.remove(`s3/${bucket.name}/objects/${existing.file}`);
  }

  #deleteObjects(req: LocalRequest, bucket: Bucket): LocalResponse {
    const { quiet, keys } = parseDelete(req.body);
    const deleted: string[] = [];
    for (const key of keys) {
      this.#delete(bucket, key);
      deleted.push(key);
    }
    const items = quiet ? '' : deleted.map((k) => `<Deleted><Key>${escapeXml(k)}</Key></Deleted>`).join('');
    return xml(`<DeleteResult xmlns="${XMLNS}">${items}</DeleteResult>`);
  }
}

/**
 * S3's `If-Match` rule for writes and deletes: a missing object is `NoSuchKey` (404), an ETag that does not match
 * is `PreconditionFailed` (412); without the header nothing is checked.
 */
function checkIfMatch(ifMatch: string | undefined, etag: string | undefined, key: string): void {
  if (ifMatch === undefined) return;
  if (etag === undefined)
    throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  if (!etagMatches(ifMatch, etag)) {
    throw new AwsServiceError(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      412,
      {
        Condition: 'If-Match',
      },
    );
  }
}

function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((c) => c.trim())
    .some((c) => c === '*' || c === etag || `"${c}"` === etag);
}

/**
 * Reads a `Range` header as S3 does: one `bytes=start-end`, `bytes=start-` or `bytes=-suffix` range. A header S3
 * cannot read (another unit, a syntax error, `end` before `start`, several ranges) is ignored and the whole object
 * is served (`undefined`); a range that starts past the end, or an empty suffix, is `'unsatisfiable'` (416).
 */
function parseRange(
  value: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = value === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (m === null || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

const TOKEN_CHECK_LENGTH = 12;

function tokenCheck(bucket: string, key: string): Buffer {
  return createHash('sha256')
    .update(`step-local-list\u0000${bucket}\u0000${key}`)
    .digest()
    .subarray(0, TOKEN_CHECK_LENGTH);
}

/** An opaque ListObjectsV2 continuation token: the last key listed, bound to its bucket by a check sum. */
function continuationToken(bucket: string, lastKey: string): string {
  return Buffer.concat([tokenCheck(bucket, lastKey), Buffer.from(lastKey, 'utf8')]).toString('base64url');
}

/** The key a continuation token continues after; S3's `InvalidArgument` for a token this bucket did not issue. */
function readContinuationToken(bucket: string, token: string): string {
  const raw = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  const key = raw.subarray(TOKEN_CHECK_LENGTH).toString('utf8');
  if (raw.length <= TOKEN_CHECK_LENGTH || !raw.subarray(0, TOKEN_CHECK_LENGTH).equals(tokenCheck(bucket, key))) {
    throw new AwsServiceError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return key;
}
