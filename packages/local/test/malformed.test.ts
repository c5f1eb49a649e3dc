import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';

let server: LocalServer;

beforeAll(async () => {
  server = await createLocalServer({ seed: { buckets: ['bucket-x'] } });
});

afterAll(async () => {
  await server.close();
});

const auth = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

interface Case {
  name: string;
  service: 'states' | 'lambda' | 's3' | 'sts';
  method: string;
  path?: string;
  target?: string;
  body?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const CASES: Case[] = [
  {
    name: 'a Step Functions body that is not an object',
    service: 'states',
    method: 'POST',
    target: 'ListStateMachines',
    body: '[]',
    status: 400,
    code: 'SerializationException',
  },
  {
    name: 'fields of the wrong type',
    service: 'states',
    method: 'POST',
    target: 'StartExecution',
    body: '{"stateMachineArn":5}',
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'TagResource on a missing state machine',
    service: 'states',
    method: 'POST',
    target: 'TagResource',
    body: '{"resourceArn":"arn:aws:states:us-east-1:000000000000:stateMachine:x","tags":[null]}',
    status: 400,
    code: 'ResourceNotFound',
  },
  {
    name: 'CreateStateMachine with malformed tags',
    service: 'states',
    method: 'POST',
    target: 'CreateStateMachine',
    body: JSON.stringify({
      name: 'a',
      roleArn: 'arn:aws:iam::000000000000:role/r',
      definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
      tags: [null],
    }),
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'TestState input that is not JSON',
    service: 'states',
    method: 'POST',
    target: 'TestState',
    body: JSON.stringify({ definition: '{"Type":"Pass","End":true}', input: '{nope' }),
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'a definition that is not JSON',
    service: 'states',
    method: 'POST',
    target: 'CreateStateMachine',
    body: JSON.stringify({ name: 'b', roleArn: 'arn:aws:iam::000000000000:role/r', definition: '{' }),
    status: 400,
    code: 'InvalidDefinition',
  },
  {
    name: 'a bad role ARN',
    service: 'states',
    method: 'POST',
    target: 'CreateStateMachine',
    body: JSON.stringify({ name: 'c', roleArn: 'role', definition: '{}' }),
    status: 400,
    code: 'InvalidArn',
  },
  {
    name: 'maxResults above 1000',
    service: 'states',
    method: 'POST',
    target: 'ListStateMachines',
    body: '{"maxResults":1001}',
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'a negative maxResults',
    service: 'states',
    method: 'POST',
    target: 'ListActivities',
    body: '{"maxResults":-1}',
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'a nextToken this server did not hand out',
    service: 'states',
    method: 'POST',
    target: 'ListStateMachines',
    body: '{"nextToken":"bm9wZQ"}',
    status: 400,
    code: 'InvalidToken',
  },
  {
    name: 'an empty nextToken',
    service: 'states',
    method: 'POST',
    target: 'ListStateMachines',
    body: '{"nextToken":""}',
    status: 400,
    code: 'InvalidToken',
  },
  {
    name: 'a Lambda path with bad percent-encoding',
    service: 'lambda',
    method: 'GET',
    path: '/2015-03-31/functions/%E0%A4%A',
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'CreateFunction without a name',
    service: 'lambda',
    method: 'POST',
    path: '/2015-03-31/functions',
    body: '{}',
    status: 400,
    code: 'ValidationException',
  },
  {
    name: 'CreateFunction with a zip that is not base64 zip',
    service: 'lambda',
    method: 'POST',
    path: '/2015-03-31/functions',
    body: JSON.stringify({
      FunctionName: 'f',
      Role: 'arn:aws:iam::000000000000:role/r',
      Handler: 'i.h',
      Code: { ZipFile: 'bm90IGEgemlw' },
    }),
    status: 400,
    code: 'InvalidParameterValueException',
  },
  {
    name: 'an Invoke payload that is not JSON',
    service: 'lambda',
    method: 'POST',
    path: '/2015-03-31/functions/f/invocations',
    body: '{',
    status: 400,
    code: 'InvalidRequestContentException',
  },
  {
    name: 'an unknown Lambda route',
    service: 'lambda',
    method: 'GET',
    path: '/2015-03-31/layers',
    status: 404,
    code: 'UnknownOperationException',
  },
  {
    name: 'an S3 key with bad percent-encoding',
    service: 's3',
    method: 'PUT',
    path: '/bucket-x/%E0%A4%A',
    body: 'x',
    status: 400,
    code: 'InvalidURI',
  },
  {
    name: 'a copy source without a key',
    service: 's3',
    method: 'PUT',
    path: '/bucket-x/k',
    headers: { 'x-amz-copy-source': 'bucket-x' },
    status: 400,
    code: 'InvalidArgument',
  },
  {
    name: 'max-keys that is not a number',
    service: 's3',
    method: 'GET',
    path: '/bucket-x?list-type=2&max-keys=x',
    status: 400,
    code: 'InvalidArgument',
  },
  {
    name: 'a bucket name S3 refuses',
    service: 's3',
    method: 'PUT',
    path: '/B',
    status: 400,
    code: 'InvalidBucketName',
  },
  {
    name: 'an If-None-Match other than *',
    service: 's3',
    method: 'PUT',
    path: '/bucket-x/k',
    body: 'x',
    headers: { 'if-none-match': '"abc"' },
    status: 501,
    code: 'NotImplemented',
  },
  {
    name: 'an unknown STS action',
    service: 'sts',
    method: 'POST',
    path: '/',
    body: 'Action=Nope&Version=2011-06-15',
    status: 400,
    code: 'InvalidAction',
  },
  {
    name: 'AssumeRole without a session name',
    service: 'sts',
    method: 'POST',
    path: '/',
    body: 'Action=AssumeRole&RoleArn=arn:aws:iam::000000000000:role/r',
    status: 400,
    code: 'ValidationError',
  },
];

describe('malformed requests', () => {
  it.each(CASES)(
    'answers $name with $status $code',
    async ({ service, method, path, target, body, headers, status, code }) => {
      // Act
      const res = await fetch(`${server.url}${path ?? '/'}`, {
        method,
        headers: {
          authorization: auth(service),
          ...(target === undefined
            ? {}
            : { 'x-amz-target': `AWSStepFunctions.${target}`, 'content-type': 'application/x-amz-json-1.0' }),
          ...(service === 'sts' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();

      // Assess
      expect(res.status).toBe(status);
      const found =
        res.headers.get('x-amzn-errortype') ??
        /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ??
        (JSON.parse(text) as { __type: string }).__type.split('#').pop();
      expect(found).toBe(code);
    },
  );

  it('refuses every Step Functions operation given fields of every wrong type with a 4xx AWS error, never a 5xx', async () => {
    // Prepare
    const operations = [
      'CreateStateMachine',
      'UpdateStateMachine',
      'DescribeStateMachine',
      'DescribeStateMachineForExecution',
      'DeleteStateMachine',
      'ValidateStateMachineDefinition',
      'StartExecution',
      'StartSyncExecution',
      'DescribeExecution',
      'ListExecutions',
      'GetExecutionHistory',
      'StopExecution',
      'SendTaskSuccess',
      'SendTaskFailure',
      'SendTaskHeartbeat',
      'TagResource',
      'UntagResource',
      'ListTagsForResource',
      'TestState',
      'CreateActivity',
      'DescribeActivity',
      'DeleteActivity',
    ];
    const fields = [
      'name',
      'roleArn',
      'definition',
      'stateMachineArn',
      'executionArn',
      'input',
      'maxResults',
      'nextToken',
      'reverseOrder',
      'taskToken',
      'output',
      'error',
      'cause',
      'resourceArn',
      'tags',
      'tagKeys',
      'type',
      'statusFilter',
      'activityArn',
      'stateName',
    ];
    const values: unknown[] = [null, -1, true, [], {}, [null], '', 'x'];
    const unanswered: string[] = [];

    // Act
    for (const operation of operations) {
      for (const value of values) {
        const res = await fetch(`${server.url}/`, {
          method: 'POST',
          headers: {
            authorization: auth('states'),
            'x-amz-target': `AWSStepFunctions.${operation}`,
            'content-type': 'application/x-amz-json-1.0',
          },
          body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, value]))),
        });
        const answer = (await res.json()) as { __type?: string; result?: string };
        // ValidateStateMachineDefinition reports a bad definition as data (200, result FAIL), as AWS does.
        const refused =
          (res.status >= 400 && res.status < 500 && answer.__type !== undefined) || answer.result === 'FAIL';
        if (!refused) unanswered.push(`${operation} ${JSON.stringify(value)}: ${res.status}`);
      }
    }

    // Assess
    expect(unanswered).toEqual([]);
  }, 30_000);

  it('survives a client that goes away in the middle of a request body', async () => {
    // Prepare
    const { connect } = await import('node:net');
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    // Act
    socket.write(
      `PUT /bucket-x/partial HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\nAuthorization: ${auth('s3')}\r\n\r\nonly a little`,
    );
    await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket.destroy();
    const res = await fetch(`${server.url}/bucket-x/partial`, { headers: { authorization: auth('s3') } });

    // Assess
    expect(res.status).toBe(404);
  });

  it('keeps serving after every malformed request', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        authorization: auth('states'),
        'x-amz-target': 'AWSStepFunctions.ListStateMachines',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });
});
