import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { createZip } from '@step/lambda/build';
import { ROLE, useLambdaServer } from './helpers.js';

/** Each case cold-starts a function process; allow for a loaded CI machine. */
const SLOW = 30_000;

const env = useLambdaServer();

const files = (entries: Record<string, string | undefined>): { name: string; data: Buffer }[] =>
  Object.entries(entries).flatMap(([name, text]) => (text === undefined ? [] : [{ name, data: Buffer.from(text) }]));

// The handler load order of aws-lambda-nodejs-runtime-interface-client (UserFunction.js) and its error shapes (Errors.js).
describe('the Lambda runtime emulation', () => {
  it.each([
    {
      name: 'a nested handler path',
      handler: 'index.handlers.main',
      code: { 'index.mjs': 'export const handlers = { main: async () => "nested" };' },
      answer: '"nested"',
    },
    {
      name: 'CommonJS .js without package.json',
      handler: 'index.handler',
      code: { 'index.js': 'exports.handler = async () => "cjs";' },
      answer: '"cjs"',
    },
    {
      name: 'ESM .js under "type": "module"',
      handler: 'index.handler',
      code: { 'package.json': '{"type":"module"}', 'index.js': 'export const handler = async () => "esm";' },
      answer: '"esm"',
    },
    {
      name: 'a .cjs module',
      handler: 'index.handler',
      code: { 'index.cjs': 'module.exports.handler = async () => "cjs2";' },
      answer: '"cjs2"',
    },
    {
      name: 'a handler in a sub-folder',
      handler: 'src/app.handler',
      code: { 'src/app.mjs': 'export const handler = async () => "sub";' },
      answer: '"sub"',
    },
    {
      name: 'a callback handler',
      handler: 'index.handler',
      code: {
        'index.js':
          'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, "called back"), 1); };',
      },
      answer: '"called back"',
    },
    {
      name: 'a sync handler that never calls back (null once the loop empties)',
      handler: 'index.handler',
      code: { 'index.js': 'exports.handler = () => 42;' },
      answer: 'null',
    },
  ])(
    'runs $name',
    async ({ handler, code, answer }) => {
      // Prepare
      const name = `f${Math.random().toString(36).slice(2, 10)}`;
      await env.lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: ROLE,
          Runtime: 'nodejs20.x',
          Handler: handler,
          Code: { ZipFile: createZip(files(code)) },
        }),
      );

      // Act
      const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));

      // Assess
      expect({ error: out.FunctionError, payload: Buffer.from(out.Payload ?? []).toString('utf8') }).toEqual({
        error: undefined,
        payload: answer,
      });
    },
    SLOW,
  );

  it.each([
    {
      name: 'a thrown string',
      source: 'export const handler = async () => { throw "boom"; };',
      error: { errorType: 'string', errorMessage: 'boom', trace: [] },
    },
    {
      name: 'a thrown object',
      source: 'export const handler = async () => { throw { a: 1 }; };',
      error: { errorType: 'object', errorMessage: '[object Object]', trace: [] },
    },
    {
      name: 'a thrown null',
      source: 'export const handler = async () => { throw null; };',
      error: { errorType: 'handled', errorMessage: expect.stringContaining('callback called with Error argument') },
    },
    {
      name: 'a missing export',
      source: 'export const other = 1;',
      error: expect.objectContaining({
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'index.handler is undefined or not exported',
      }),
    },
    {
      name: 'a syntax error',
      source: 'export const handler = async () => {',
      error: expect.objectContaining({ errorType: 'Runtime.UserCodeSyntaxError' }),
    },
  ])(
    'reports $name as the runtime does',
    async ({ source, error }) => {
      // Prepare
      const name = `e${Math.random().toString(36).slice(2, 10)}`;
      await env.lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Role: ROLE,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Code: { ZipFile: createZip(files({ 'index.mjs': source })) },
        }),
      );

      // Act
      const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));

      // Assess
      expect(out.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'))).toEqual(error);
    },
    SLOW,
  );
});
