import http from 'node:http';
import { PassThrough } from 'node:stream';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateStateMachineCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createLocalServer } from '../src/index.js';
import type { LocalServer } from '../src/index.js';
import { BodyTooLarge, jsonDepthExceeds, readBody } from '../src/http.js';
import { QUOTAS, checkDefinitionSize } from '../src/quotas.js';
import { ROLE, clientConfig, handlerZip } from './helpers.js';

let server: LocalServer;
let lambda: LambdaClient;
let sfn: SFNClient;

beforeAll(async () => {
  server = await createLocalServer({ seed: { buckets: ['limits'] } });
  lambda = new LambdaClient(clientConfig(server));
  sfn = new SFNClient(clientConfig(server));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'echo',
      Role: ROLE,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip('export const handler = async (e) => ({ depth: typeof e });') },
    }),
  );
});

afterAll(async () => {
  lambda.destroy();
  sfn.destroy();
  await server.close();
});

const auth = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

async function refusal(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected a refusal');
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes the client had written when the answer arrived. */
  written: number;
}

/**
 * Sends a request whose body is `chunk` repeated until the server answers (or `maxBytes` is sent), chunked unless a
 * `content-length` header is given; resolves with the answer and how much was written by then.
 */
function sendUntilAnswered(
  path: string,
  headers: Record<string, string>,
  chunk: Buffer,
  maxBytes: number,
): Promise<RawAnswer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: headers['x-method'] ?? 'POST', headers },
      (res) => {
        answered = true;
        const writtenAtAnswer = written;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
            written: writtenAtAnswer,
          });
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const pump = (): void => {
      while (!answered && written < maxBytes) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && headers['content-length'] === undefined) req.end();
    };
    pump();
  });
}

describe('request bodies over their API limit', () => {
  it('refuses a synchronous Invoke payload over 6 MB with 413 RequestEntityTooLargeException', async () => {
    // Prepare
    const payload = Buffer.alloc(QUOTAS.lambdaSyncPayloadBytes + 1, 0x20);

    // Act
    const error = await refusal(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload })));

    // Assess
    expect(error).toEqual({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      status: 413,
    });
  });

  it('refuses an Event Invoke payload over 1 MB and accepts one of exactly 1 MB', async () => {
    // Prepare
    const over = Buffer.alloc(QUOTAS.lambdaEventPayloadBytes + 10, 0x20);
    const exact = Buffer.alloc(QUOTAS.lambdaEventPayloadBytes, 0x20);
    exact.write('{}');

    // Act
    const error = await refusal(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: over })),
    );
    const accepted = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: exact }),
    );

    // Assess
    expect(error).toEqual({
      name: 'RequestEntityTooLargeException',
      message: '1048586 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
      status: 413,
    });
    expect(accepted.StatusCode).toBe(202);
  });

  it('refuses a CreateFunction whose declared length is over the direct-upload limit before reading the body', async () => {
    // Act: the body is declared at 70 MB but only 64 KB is ever sent; the answer comes without waiting for the rest.
    const answer = await sendUntilAnswered(
      '/2015-03-31/functions',
      {
        authorization: auth('lambda'),
        'content-type': 'application/json',
        'content-length': String(QUOTAS.lambdaCodeRequestBytes + 1),
      },
      Buffer.alloc(64 * 1024, 0x20),
      64 * 1024,
    );

    // Assess
    expect(answer.status).toBe(413);
    expect(answer.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    expect(JSON.parse(answer.body)).toMatchObject({
      message: 'Request must be smaller than 69905067 bytes for the CreateFunction operation',
    });
  });

  it('stops reading a chunked UpdateFunctionCode body at the limit and answers 413', async () => {
    // Act: a chunked body with no declared length, a little over the limit (less than the server discards after
    // refusing, so the client's writes never meet a closed socket).
    const answer = await sendUntilAnswered(
      '/2015-03-31/functions/echo/code',
      { authorization: auth('lambda'), 'content-type': 'application/json', 'x-method': 'PUT' },
      Buffer.alloc(1024 * 1024, 0x20),
      QUOTAS.lambdaCodeRequestBytes + 8 * 1024 * 1024,
    );

    // Assess
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      message: 'Request must be smaller than 69905067 bytes for the UpdateFunctionCode operation',
    });
  });

  it('readBody gives up at the limit of a body that never ends', async () => {
    // Prepare: a request stream that sends limit + 1 bytes and then stalls forever.
    const req = new PassThrough() as unknown as http.IncomingMessage;
    req.headers = {};
    (req as unknown as PassThrough).write(Buffer.alloc(1025));

    // Act
    const outcome = await readBody(req, 1024).catch((e: unknown) => e);

    // Assess
    expect(outcome).toBeInstanceOf(BodyTooLarge);
    expect((outcome as BodyTooLarge).received).toBe(1025);
  });

  it('refuses a Step Functions request over 1 MiB with 413 and keeps serving', async () => {
    // Prepare
    const definition = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: 'x'.repeat(QUOTAS.sfnRequestBytes), End: true } },
    });

    // Act
    const error = await refusal(
      sfn.send(new CreateStateMachineCommand({ name: 'big', definition, roleArn: 'arn:aws:iam::000000000000:role/r' })),
    );
    const list = await sfn.send(new ListStateMachinesCommand({}));

    // Assess
    expect(error).toEqual({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 1048576 bytes for the CreateStateMachine operation',
      status: 413,
    });
    expect(list.stateMachines).toEqual([]);
  });

  it('refuses an S3 body over what the stand-in holds in memory with S3 EntityTooLarge', async () => {
    // Act
    const answer = await sendUntilAnswered(
      '/limits/huge.bin',
      { authorization: auth('s3'), 'x-method': 'PUT', 'content-length': String(QUOTAS.localBodyBytes + 1) },
      Buffer.alloc(64 * 1024),
      64 * 1024,
    );

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
    expect(answer.body).toContain(`<ProposedSize>${QUOTAS.localBodyBytes + 1}</ProposedSize>`);
  });
});

describe('deeply nested JSON bodies', () => {
  it('answers a Step Functions body nested past the bound with 400 SerializationException', async () => {
    // Act
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
      body: `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });

    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      __type: expect.stringContaining('SerializationException'),
      message: 'JSON nesting depth exceeds the maximum allowed (1000)',
    });
  });

  it('answers a Lambda Invoke payload nested past the bound with 400 InvalidRequestContentException', async () => {
    // Prepare
    const payload = Buffer.from(`${'{"a":'.repeat(QUOTAS.jsonMaxDepth + 1)}1${'}'.repeat(QUOTAS.jsonMaxDepth + 1)}`);

    // Act
    const error = await refusal(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload })));
    const shallow = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('[[[1]]]') }));

    // Assess
    expect(error).toEqual({
      name: 'InvalidRequestContentException',
      message: 'Could not parse request body into json: JSON nesting depth exceeds the maximum allowed (1000)',
      status: 400,
    });
    expect(Buffer.from(shallow.Payload!).toString()).toBe('{"depth":"object"}');
  });

  it('counts brackets outside strings only', () => {
    expect(jsonDepthExceeds('[[[]]]', 2)).toBe(true);
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds(`["${'['.repeat(50)}", "\\"[[["]`, 2)).toBe(false);
  });
});

describe('state machine definition size', () => {
  it('refuses a definition over 1,048,576 characters with ValidationException', () => {
    expect(() => checkDefinitionSize('x'.repeat(QUOTAS.sfnDefinitionChars + 1))).toThrow(
      "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576",
    );
    expect(() => checkDefinitionSize('x'.repeat(QUOTAS.sfnDefinitionChars))).not.toThrow();
  });
});
