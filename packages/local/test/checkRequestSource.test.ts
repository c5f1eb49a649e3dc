import { request } from 'node:http';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { checkRequestSource } from '../src/checkRequestSource.js';
import type { LocalServer } from '../src/index.js';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';

/** Tests that start Lambda workers get more than jest's 5 s: cold starts are slow on a shared CI machine. */
const SLOW = 30_000;
const ALLOWED = 'http://localhost:3000';
const SIGNED = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

describe('checkRequestSource', () => {
  it.each([
    { name: 'the IPv4 loopback', headers: { host: '127.0.0.1:4599' }, ok: true },
    { name: 'localhost', headers: { host: 'localhost:4599' }, ok: true },
    { name: 'the IPv6 loopback', headers: { host: '[::1]:4599' }, ok: true },
    { name: 'a virtual-hosted bucket', headers: { host: 'releases.localhost:4599' }, ok: true },
    { name: 'the StartSyncExecution prefix', headers: { host: 'sync-127.0.0.1:4599' }, ok: true },
    { name: 'a DNS-rebinding host name', headers: { host: 'attacker.example:4599' }, ok: false },
    { name: 'a name ending in localhost', headers: { host: 'evil-localhost:4599' }, ok: false },
    { name: 'another port', headers: { host: '127.0.0.1:80' }, ok: false },
    { name: 'no port', headers: { host: '127.0.0.1' }, ok: false },
    { name: 'no Host', headers: {}, ok: false },
    { name: 'a cross-site page', headers: { host: '127.0.0.1:4599', origin: 'https://attacker.example' }, ok: false },
    { name: 'a sandboxed page (Origin null)', headers: { host: '127.0.0.1:4599', origin: 'null' }, ok: false },
    {
      name: 'a no-cors browser request',
      headers: { host: '127.0.0.1:4599', 'sec-fetch-site': 'cross-site' },
      ok: false,
    },
    {
      name: 'a request the user typed in the address bar',
      headers: { host: '127.0.0.1:4599', 'sec-fetch-site': 'none' },
      ok: true,
    },
    { name: 'an allowed origin', headers: { host: '127.0.0.1:4599', origin: ALLOWED }, ok: true },
  ])('decides on $name', ({ headers, ok }) => {
    // Act
    const verdict = checkRequestSource(headers, { port: 4599, allowOrigins: [ALLOWED] });

    // Assess
    expect(verdict.ok).toBe(ok);
  });

  it('names the fix when it refuses', () => {
    // Act
    const host = checkRequestSource({ host: 'attacker.example:4599' }, { port: 4599, allowOrigins: [] });
    const origin = checkRequestSource(
      { host: '127.0.0.1:4599', origin: 'https://app.example' },
      { port: 4599, allowOrigins: [] },
    );

    // Assess
    expect(host).toEqual({ ok: false, message: expect.stringContaining('Use http://127.0.0.1:4599 as the endpoint') });
    expect(origin).toEqual({ ok: false, message: expect.stringContaining('--allow-origin https://app.example') });
  });
});

/** One raw HTTP request (the SDK cannot forge Host or Origin), answered as status, headers and text. */
function raw(
  server: LocalServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('createLocalServer and web pages', () => {
  let server: LocalServer;
  let stop: () => Promise<void>;
  let lambda: LambdaClient;
  let s3: S3Client;
  const logLines: string[] = [];
  let onLog: (() => void) | undefined;

  beforeAll(async () => {
    ({ server, stop } = await startServer({
      seed: { buckets: ['locks'] },
      allowOrigins: [ALLOWED],
      functionLog: (name, line) => {
        logLines.push(`${name}: ${line}`);
        onLog?.();
      },
    }));
    lambda = new LambdaClient(clientConfig(server));
    s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'deployer',
        Role: ROLE,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Code: {
          ZipFile: handlerZip('export const handler = async (e) => { console.log(`invoked ${e.n}`); return e.n; };'),
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'locks', Key: 'lock.json', Body: '{"holder":"me"}' }));
  }, SLOW);

  afterAll(async () => {
    lambda.destroy();
    s3.destroy();
    await stop();
  });

  it(
    'refuses a cross-site POST to Lambda Invoke with AccessDeniedException and does not run the function',
    async () => {
      // Act: what a page's <form method=post> or fetch(..., {mode:'no-cors'}) sends
      const refused = await raw(
        server,
        'POST',
        '/2015-03-31/functions/deployer/invocations',
        {
          host: `127.0.0.1:${server.port}`,
          origin: 'https://attacker.example',
          'content-type': 'text/plain',
        },
        '{"n":1}',
      );
      const logged = new Promise<void>((resolve) => {
        onLog = () => logLines.some((l) => l.includes('invoked 2')) && resolve();
      });
      const allowed = await lambda.send(
        new InvokeCommand({ FunctionName: 'deployer', Payload: Buffer.from('{"n":2}') }),
      );
      await logged;

      // Assess
      expect(refused.status).toBe(403);
      expect(refused.headers['x-amzn-errortype']).toBe('AccessDeniedException');
      expect(JSON.parse(refused.text)).toEqual(
        expect.objectContaining({ Message: expect.stringContaining('Requests from web pages are refused') }),
      );
      expect(Buffer.from(allowed.Payload ?? []).toString()).toBe('2');
      expect(logLines.filter((l) => l.includes('invoked'))).toEqual(['deployer: invoked 2']);
    },
    SLOW,
  );

  it('refuses a cross-site S3 DELETE with AccessDenied and keeps the object', async () => {
    // Act
    const refused = await raw(server, 'DELETE', '/locks/lock.json', {
      host: `127.0.0.1:${server.port}`,
      origin: 'https://attacker.example',
    });
    const kept = await s3.send(new GetObjectCommand({ Bucket: 'locks', Key: 'lock.json' }));

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<Code>AccessDenied</Code>');
    expect(await kept.Body?.transformToString()).toBe('{"holder":"me"}');
  });

  it.each([
    { service: 's3', path: '/locks/lock.json', method: 'GET', code: '<Code>AccessDenied</Code>' },
    { service: 'lambda', path: '/2015-03-31/functions/', method: 'GET', code: 'AccessDeniedException' },
    { service: 'states', path: '/', method: 'POST', code: 'AccessDeniedException' },
    { service: 'sts', path: '/', method: 'POST', code: '<Code>AccessDenied</Code>' },
  ])(
    'refuses a DNS-rebound $service request (foreign Host) in its protocol',
    async ({ service, path, method, code }) => {
      // Act: after rebinding, attacker.example resolves to 127.0.0.1 and the page reads the answer as same-origin
      const refused = await raw(
        server,
        method,
        path,
        {
          host: `attacker.example:${server.port}`,
          authorization: SIGNED(service),
          ...(service === 'states'
            ? { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' }
            : {}),
        },
        service === 'states' ? '{}' : '',
      );

      // Assess
      expect(refused.status).toBe(403);
      expect(`${refused.text} ${String(refused.headers['x-amzn-errortype'])}`).toContain(code);
      expect(refused.text).toContain('DNS rebinding');
    },
  );

  it('serves an allowed origin with CORS headers, preflight included', async () => {
    // Act
    const preflight = await raw(server, 'OPTIONS', '/locks/lock.json', {
      host: `localhost:${server.port}`,
      origin: ALLOWED,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization, x-amz-date',
    });
    const got = await raw(server, 'GET', '/locks/lock.json', {
      host: `localhost:${server.port}`,
      origin: ALLOWED,
      authorization: SIGNED('s3'),
    });

    // Assess
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, x-amz-date');
    expect(got.status).toBe(200);
    expect(got.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(got.text).toBe('{"holder":"me"}');
  });
});
