import { AwsServiceError } from '../AwsServiceError.js';
import { escapeXml, jsonResponse } from '../http.js';
import type { LocalRequest, LocalResponse } from '../http.js';

const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/**
 * Writes an AWS error in the protocol of the service it is for: AWS JSON 1.0 (`states`; `dynamodb` with its namespaces; `sqs` with the
 * `x-amzn-query-error` code its SDKs read), AWS JSON 1.1 (`events`), REST-JSON (`lambda`), REST-XML (`s3`, no body
 * for HEAD) or query XML (`sts`, `sns`); any other service gets the JSON 1.0 envelope.
 *
 * @remarks
 * The one place that knows each protocol's error envelope: every service module and the server's own refusals
 * (foreign `Host`, browser `Origin`, internal failures) answer through it.
 * @internal
 */
export function errorResponse(
  service: string,
  e: AwsServiceError,
  req: Pick<LocalRequest, 'method' | 'requestId'>,
): LocalResponse {
  switch (service) {
    case 's3': {
      const headers = { 'x-amz-request-id': req.requestId };
      if (req.method === 'HEAD') return { status: e.status, headers };
      const fields = Object.entries(e.fields)
        .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
        .join('');
      return {
        status: e.status,
        headers: { 'content-type': 'application/xml', ...headers },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message>` +
          `${fields}<RequestId>${req.requestId}</RequestId></Error>`,
      };
    }
    case 'sts':
    case 'sns':
      return {
        status: e.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': req.requestId },
        body:
          `<ErrorResponse xmlns="${service === 'sns' ? SNS_XMLNS : STS_XMLNS}"><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${e.code}</Code>` +
          `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${req.requestId}</RequestId></ErrorResponse>`,
      };
    case 'lambda':
      return jsonResponse(
        e.status,
        { Type: e.status >= 500 ? 'Service' : 'User', Message: e.message, message: e.message },
        'application/json',
        {
          'x-amzn-errortype': e.code,
          'x-amzn-requestid': req.requestId,
        },
      );
    case 'sqs':
      return jsonResponse(
        e.status,
        { __type: `com.amazonaws.sqs#${e.code}`, message: e.message },
        'application/x-amz-json-1.0',
        {
          'x-amzn-requestid': req.requestId,
          ...(e.fields.queryError === undefined ? {} : { 'x-amzn-query-error': e.fields.queryError }),
        },
      );
    case 'events':
      return jsonResponse(e.status, { __type: e.code, message: e.message }, 'application/x-amz-json-1.1', {
        'x-amzn-requestid': req.requestId,
      });
    case 'dynamodb':
      return jsonResponse(
        e.status,
        { __type: `${dynamoDbNamespace(e.code)}#${e.code}`, message: e.message },
        'application/x-amz-json-1.0',
        { 'x-amzn-requestid': req.requestId },
      );
    default:
      return jsonResponse(
        e.status,
        { __type: `com.amazonaws.swf.service.v2.model#${e.code}`, message: e.message },
        'application/x-amz-json-1.0',
        {
          'x-amzn-requestid': req.requestId,
        },
      );
  }
}

/** The namespace DynamoDB puts before an error code in `__type` (the SDKs keep the part after `#`). */
function dynamoDbNamespace(code: string): string {
  if (code === 'ValidationException') return 'com.amazon.coral.validate';
  if (code === 'UnknownOperationException' || code === 'SerializationException') return 'com.amazon.coral.service';
  return 'com.amazonaws.dynamodb.v20120810';
}

/**
 * The error a request gets when the server itself fails on it (a bug, or a disk that refuses a write):
 * `InternalError` (S3, STS) or `ServiceException` (Lambda, Step Functions), status 500, never a stack.
 * @internal
 */
export function internalFailure(service: string, e: unknown): AwsServiceError {
  const message = `step-cli local failed on this request: ${e instanceof Error ? e.message : String(e)}`;
  return new AwsServiceError(
    service === 's3' || service === 'sts'
      ? 'InternalError'
      : service === 'dynamodb'
        ? 'InternalServerError'
        : 'ServiceException',
    message,
    500,
  );
}
