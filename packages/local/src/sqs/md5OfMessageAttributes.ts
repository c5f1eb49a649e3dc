import { createHash } from 'node:crypto';

/**
 * One SQS message attribute as the JSON protocol carries it (`BinaryValue` is base64).
 * @internal
 */
export interface SqsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * The MD5 hex digest SQS answers as `MD5OfMessageAttributes` (and the SDK checks): over the attributes sorted by
 * name, each as length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary) and the
 * length-prefixed value. Pure.
 * @internal
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, SqsMessageAttribute>>): string {
  const hash = createHash('md5');
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const attribute = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.DataType.startsWith('Binary')) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64')));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

/**
 * The MD5 hex digest of a message body, as SQS answers it in `MD5OfMessageBody` and `MD5OfBody`. Pure.
 * @internal
 */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}
