import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsServiceError } from '../AwsServiceError.js';

/** S3's answer to a request body that is not well-formed XML or not the operation's schema. */
function malformed(): AwsServiceError {
  return new AwsServiceError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}

const LISTS = new Set(['Tag', 'Object', 'Part']);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keys, values and ETags stay the strings they were: no number parsing, no trimming of a key's spaces.
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  isArray: (name) => LISTS.has(name),
});

type Node = Record<string, unknown>;

/**
 * Parses an S3 request body and returns the element named `root`, refusing a body that is not well-formed XML,
 * declares a DTD (entity expansion is never attempted), or has another root, with S3's `MalformedXML`.
 */
function parseRoot(body: Buffer, root: string): Node {
  const text = body.toString('utf8');
  if (text.trim() === '' || /<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) throw malformed();
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch {
    throw malformed();
  }
  const keys = Object.keys(doc).filter((k) => !k.startsWith('#') && !k.startsWith('?'));
  const node = doc[root];
  if (keys.length !== 1 || keys[0] !== root) throw malformed();
  return typeof node === 'object' && node !== null ? (node as Node) : {};
}

function text(value: unknown): string | undefined {
  // parseTagValue is off, so every text element is a string; an element with children is an object, not text.
  return typeof value === 'string' ? value : undefined;
}

function list(node: Node, name: string): Node[] {
  const value = node[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw malformed();
  return value.map((v) => (typeof v === 'object' && v !== null ? (v as Node) : {}));
}

/**
 * Reads a PutBucketTagging body: `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`.
 * @internal
 */
export function parseTagging(body: Buffer): Record<string, string> {
  const tagging = parseRoot(body, 'Tagging');
  const tagSet = tagging.TagSet;
  if (tagSet === undefined) throw malformed();
  const tags: Record<string, string> = {};
  for (const tag of typeof tagSet === 'object' && tagSet !== null ? list(tagSet as Node, 'Tag') : []) {
    const key = text(tag.Key);
    const value = text(tag.Value);
    if (key === undefined || value === undefined) throw malformed();
    tags[key] = value;
  }
  return tags;
}

/**
 * Reads a DeleteObjects body: `<Delete><Quiet>true</Quiet><Object><Key/></Object>…</Delete>`, 1 to 1,000 objects.
 * @internal
 */
export function parseDelete(body: Buffer): { quiet: boolean; keys: string[] } {
  const del = parseRoot(body, 'Delete');
  const objects = list(del, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformed();
  const keys = objects.map((o) => {
    const key = text(o.Key);
    if (key === undefined || key === '') throw malformed();
    return key;
  });
  const quiet = text(del.Quiet);
  if (quiet !== undefined && quiet.trim() !== 'true' && quiet.trim() !== 'false') throw malformed();
  return { quiet: quiet?.trim() === 'true', keys };
}

/**
 * Reads a CompleteMultipartUpload body: `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…`, at least one part.
 * @internal
 */
export function parseCompleteMultipartUpload(body: Buffer): { partNumber: number; etag: string | undefined }[] {
  const parts = list(parseRoot(body, 'CompleteMultipartUpload'), 'Part');
  if (parts.length === 0) throw malformed();
  return parts.map((p) => {
    const numberText = text(p.PartNumber)?.trim() ?? '';
    const partNumber = Number(numberText);
    if (!/^\d+$/.test(numberText) || !Number.isSafeInteger(partNumber)) throw malformed();
    return { partNumber, etag: text(p.ETag)?.trim() };
  });
}
