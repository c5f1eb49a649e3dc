import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AslValidationError, TASKFN_RESOURCE_TEMPLATE, validate } from '@step/asl';
import { VirtualClock } from '@step/interpreter';
import { defineMachine, MachineDefinitionError, MachineHandlersError, type LambdaTaskHandlers } from '@step/lambda';
import { createLambdaContext } from '@step/test-utils';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const hello = (input: { Greeting?: string }) => ({ ...input, Greeting: input.Greeting || 'Hello World' });

class FlakyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlakyError';
  }
}

const nested = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Left', States: { Left: { Type: 'TaskFn', End: true } } }],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$[0].items',
      ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'TaskFn', End: true } } },
      End: true,
    },
  },
};

describe('defineMachine', () => {
  it.each([
    { kind: 'an object', definition: { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true } } } },
    { kind: 'JSON text', definition: '{"StartAt":"Hello","States":{"Hello":{"Type":"TaskFn","End":true}}}' },
    { kind: 'a file path', definition: path.join(fixtures, 'hello.asl.json') },
    { kind: 'a file URL', definition: pathToFileURL(path.join(fixtures, 'hello.asl.json')) },
  ])('accepts the definition as $kind and expands its TaskFn states', ({ definition }) => {
    const machine = defineMachine({ definition, handlers: { Hello: hello } });

    expect(machine.taskNames).toEqual(['Hello']);
    expect(machine.definition.States.Hello).toEqual({
      Type: 'Task',
      Resource: TASKFN_RESOURCE_TEMPLATE,
      Parameters: { Task: 'Hello', 'Input.$': '$' },
      End: true,
    });
  });

  it('does not modify the definition object it is given', () => {
    const definition = { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', End: true } } };

    defineMachine({ definition, handlers: { Hello: hello } });

    expect(definition.States.Hello).toEqual({ Type: 'TaskFn', End: true });
  });

  it('finds TaskFn states inside Parallel branches and Map processors', () => {
    const machine = defineMachine({
      definition: nested,
      handlers: { Left: () => ({ items: [1] }), Item: (n: number) => n },
    });

    expect(machine.taskNames).toEqual(['Left', 'Item']);
  });

  it.each<{ handlers: LambdaTaskHandlers; missing: string[]; extra: string[]; message: RegExp }>([
    { handlers: {}, missing: ['Left', 'Item'], extra: [], message: /TaskFn states "Left", "Item" have no handler/ },
    {
      handlers: { Left: hello, Item: hello, Right: hello },
      missing: [],
      extra: ['Right'],
      message: /handler "Right" matches no TaskFn state/,
    },
    {
      handlers: { Left: hello, Rigth: hello },
      missing: ['Item'],
      extra: ['Rigth'],
      message: /"Item" has no handler.*"Rigth" matches no/,
    },
  ])('names missing $missing and extra $extra handlers at definition time', ({ handlers, missing, extra, message }) => {
    const act = () => defineMachine({ definition: nested, handlers });

    expect(act).toThrow(MachineHandlersError);
    expect(act).toThrow(message);
    expect(() => act()).toThrow(
      expect.objectContaining({
        name: 'MachineHandlersError',
        missingHandlers: missing,
        extraHandlers: extra,
      }) as Error,
    );
  });

  it('counts an already expanded TaskFn (a Task with the envelope Parameters) as a task', () => {
    const machine = defineMachine({
      definition: {
        StartAt: 'Hello',
        States: {
          Hello: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:1:function:f',
            Parameters: { Task: 'Hello', 'Input.$': '$' },
            End: true,
          },
        },
      },
      handlers: { Hello: hello },
    });

    expect(machine.taskNames).toEqual(['Hello']);
  });

  it('throws AslValidationError for an invalid definition', () => {
    expect(() =>
      defineMachine({
        definition: { StartAt: 'Nope', States: { Hello: { Type: 'TaskFn', End: true } } },
        handlers: { Hello: hello },
      }),
    ).toThrow(AslValidationError);
  });

  it.each([
    { definition: '/no/such/file.asl.json', message: /Cannot read the definition file "\/no\/such\/file.asl.json"/ },
    { definition: 42, message: /must be an ASL object .*got number/ },
    { definition: '[1]', message: /got an array/ },
  ])('throws MachineDefinitionError for $definition', ({ definition, message }) => {
    expect(() => defineMachine({ definition, handlers: {} })).toThrow(MachineDefinitionError);
    expect(() => defineMachine({ definition, handlers: {} })).toThrow(message);
  });

  describe('deployableDefinition', () => {
    it('keeps the {{...}} Resource template without an ARN, and the result validates', () => {
      const machine = defineMachine({ definition: nested, handlers: { Left: hello, Item: hello } });

      const deployable = machine.deployableDefinition();

      expect(JSON.stringify(deployable)).toContain(TASKFN_RESOURCE_TEMPLATE);
      expect(validate(deployable).ok).toBe(true);
    });

    it('sets the Resource of every TaskFn state, nested ones included, to the Lambda ARN', () => {
      // Prepare
      const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:orders';
      const machine = defineMachine({ definition: nested, handlers: { Left: hello, Item: hello } });

      // Act
      const deployable = machine.deployableDefinition(arn) as unknown as typeof nested;

      // Assess
      expect(deployable.States.Fan.Branches[0]!.States.Left).toMatchObject({ Type: 'Task', Resource: arn });
      expect(deployable.States.Each.ItemProcessor.States.Item).toMatchObject({ Type: 'Task', Resource: arn });
      expect(JSON.stringify(machine.definition)).not.toContain(arn);
      expect(validate(deployable).ok).toBe(true);
    });

    it('leaves a TaskFn Resource that names a concrete function alone', () => {
      const own = 'arn:aws:lambda:us-east-1:111111111111:function:other';
      const machine = defineMachine({
        definition: { StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', Resource: own, End: true } } },
        handlers: { Hello: hello },
      });

      expect(
        machine.deployableDefinition('arn:aws:lambda:us-east-1:123456789012:function:x').States.Hello,
      ).toMatchObject({ Resource: own });
    });
    it('fills the {{aws_region}}, {{aws_account}} and {{lambda_name}} placeholders of another template from the ARN', () => {
      // Prepare
      const machine = defineMachine({
        definition: {
          StartAt: 'Hello',
          States: {
            Hello: { Type: 'TaskFn', Next: 'Audit' },
            Audit: {
              Type: 'TaskFn',
              Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}-audit',
              End: true,
            },
          },
        },
        handlers: { Hello: hello, Audit: hello },
      });

      // Act
      const { States } = machine.deployableDefinition('arn:aws:lambda:eu-west-1:123456789012:function:orders:live');

      // Assess
      expect(States.Hello).toMatchObject({ Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:orders:live' });
      expect(States.Audit).toMatchObject({ Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-audit' });
    });

    it.each([
      'orders',
      'arn:aws:states:us-east-1:123456789012:stateMachine:x',
      'arn:aws:lambda:us-east-1:123456789012:function:',
    ])('rejects %j, which is not a Lambda function ARN, with MachineDefinitionError', (arn) => {
      const machine = defineMachine({ definition: nested, handlers: { Left: hello, Item: hello } });

      expect(() => machine.deployableDefinition(arn)).toThrow(MachineDefinitionError);
      expect(() => machine.deployableDefinition(arn)).toThrow(`"${arn}" is not a Lambda function ARN`);
    });
  });

  describe('run', () => {
    it('runs the machine locally with the real handlers', async () => {
      const machine = defineMachine({ definition: path.join(fixtures, 'hello.asl.json'), handlers: { Hello: hello } });

      const result = await machine.run({ input: { Greeting: '' } });

      expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Greeting: 'Hello World' }, path: ['Hello'] });
    });

    it('gives handlers the bytes Lambda would: the envelope Input after a JSON round trip', async () => {
      // Prepare
      const seen: unknown[] = [];
      const machine = defineMachine({
        definition: {
          StartAt: 'Prepare',
          States: {
            Prepare: { Type: 'Pass', Parameters: { 'n.$': '$.n', when: '2026-01-01' }, Next: 'Hello' },
            Hello: { Type: 'TaskFn', ResultPath: '$.result', End: true },
          },
        },
        handlers: {
          Hello: (input: unknown, context) => {
            seen.push(input, context.event, context.lambdaContext.functionName);
            return { at: new Date(0), skipped: undefined };
          },
        },
      });

      // Act
      const result = await machine.run({ input: { n: 1 } });

      // Assess
      expect(seen).toEqual([
        { n: 1, when: '2026-01-01' },
        { Task: 'Hello', Input: { n: 1, when: '2026-01-01' } },
        'step-local',
      ]);
      expect(result.output).toEqual({ n: 1, when: '2026-01-01', result: { at: '1970-01-01T00:00:00.000Z' } });
    });

    it('turns a handler error into a Step Functions error that Retry and Catch see by name', async () => {
      // Prepare
      let flakyCalls = 0;
      const flaky = () => (++flakyCalls === 1 ? Promise.reject(new FlakyError('try again')) : Promise.resolve('ok'));
      const failing = () => Promise.reject(new FlakyError('always'));
      const machine = defineMachine({
        definition: {
          StartAt: 'Flaky',
          States: {
            Flaky: {
              Type: 'TaskFn',
              Retry: [{ ErrorEquals: ['FlakyError'], IntervalSeconds: 1 }],
              ResultPath: '$.flaky',
              Next: 'Failing',
            },
            Failing: {
              Type: 'TaskFn',
              Catch: [{ ErrorEquals: ['FlakyError'], ResultPath: '$.caught', Next: 'Done' }],
              End: true,
            },
            Done: { Type: 'Succeed' },
          },
        },
        handlers: { Flaky: flaky, Failing: failing },
      });

      // Act
      const result = await machine.run({ input: {}, clock: new VirtualClock() });

      // Assess
      expect(flakyCalls).toBe(2);
      expect(result.status).toBe('SUCCEEDED');
      expect(result.path).toEqual(['Flaky', 'Failing', 'Done']);
      expect(result.output).toMatchObject({ flaky: 'ok', caught: { Error: 'FlakyError' } });
    });

    it.each([
      { thrown: new FlakyError('always'), error: 'FlakyError', errorMessage: 'always' },
      { thrown: 'plain text', error: 'string', errorMessage: 'plain text' },
      { thrown: 42, error: 'number', errorMessage: '42' },
      { thrown: { code: 'E1' }, error: 'object', errorMessage: '[object Object]' },
      { thrown: ['a', 'b'], error: 'object', errorMessage: 'a,b' },
      {
        thrown: undefined,
        error: 'handled',
        errorMessage:
          'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      },
      {
        thrown: null,
        error: 'handled',
        errorMessage:
          'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      },
      {
        thrown: { name: 'LikeError', message: 'not an Error instance', stack: 'LikeError: x\n    at f' },
        error: 'LikeError',
        errorMessage: 'not an Error instance',
      },
    ])(
      'fails with the cause a Lambda function error has on AWS: the error JSON ($error)',
      async ({ thrown, error, errorMessage }) => {
        // Prepare
        const machine = defineMachine({
          definition: { StartAt: 'Failing', States: { Failing: { Type: 'TaskFn', End: true } } },
          handlers: {
            // A thrown string is reported with errorType "string", as the Node runtime does.
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the non-Error case is the point
            Failing: () => Promise.reject(thrown),
          },
        });

        // Act
        const result = await machine.run({ input: {} });

        // Assess: Step Functions records {"errorMessage","errorType","requestId","stackTrace"} as the cause
        expect(result).toMatchObject({ status: 'FAILED', error });
        expect(Object.keys(JSON.parse(result.cause ?? '{}') as object)).toEqual([
          'errorMessage',
          'errorType',
          'requestId',
          'stackTrace',
        ]);
        expect(JSON.parse(result.cause ?? '{}')).toMatchObject({
          errorMessage,
          errorType: error,
          requestId: expect.any(String) as string,
        });
      },
    );

    it('lets a caller override a task through the interpreter options', async () => {
      const machine = defineMachine({ definition: path.join(fixtures, 'hello.asl.json'), handlers: { Hello: hello } });

      const result = await machine.run({ input: {}, handlers: { Hello: () => ({ Greeting: 'mocked' }) } });

      expect(result.output).toEqual({ Greeting: 'mocked' });
    });
  });

  describe('start', () => {
    const approval = {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'TaskFn', Next: 'Approve' },
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/approvals',
            MessageBody: { 'token.$': '$$.Task.Token' },
          },
          Next: 'Ship',
        },
        Ship: { Type: 'TaskFn', End: true },
      },
    };
    const handlers = {
      Prepare: (o: { id: number }) => ({ ...o, prepared: true }),
      Ship: (o: { approved: boolean }) => ({ shipped: o.approved }),
    };

    it('returns the running execution, whose task tokens a test answers with sendTaskSuccess', async () => {
      // Prepare
      const machine = defineMachine({ definition: approval, handlers });
      const sent: { token: string }[] = [];

      // Act
      const execution = machine.start({
        input: { id: 7 },
        clock: new VirtualClock(),
        handlers: { Approve: (input) => void sent.push((input as { MessageBody: { token: string } }).MessageBody) },
      });
      execution.onEvent((event) => {
        if (event.type === 'TaskSubmitted') execution.sendTaskSuccess(sent[0]!.token, { approved: true });
      });
      const result = await execution.result;

      // Assess
      expect(result.status).toBe('SUCCEEDED');
      expect(result.output).toEqual({ shipped: true });
      expect(result.path).toEqual(['Prepare', 'Approve', 'Ship']);
      expect(execution.history().at(-1)?.type).toBe('ExecutionSucceeded');
    });

    it('fails the waiting task with sendTaskFailure and stops with stop', async () => {
      // Prepare
      const machine = defineMachine({ definition: approval, handlers });
      let token = '';

      // Act
      const failed = machine.start({ handlers: { Approve: (_i, ctx) => void (token = ctx.taskToken ?? '') } });
      const off = failed.onEvent((event) => {
        if (event.type === 'TaskSubmitted') failed.sendTaskFailure(token, 'Rejected', 'not today');
      });
      const failure = await failed.result;
      off();
      const stopped = machine.start({ handlers: { Approve: () => ({}) } });
      stopped.stop('Cancelled', 'by the test');
      const abort = await stopped.result;

      // Assess
      expect([failure.status, failure.error, failure.cause]).toEqual(['FAILED', 'Rejected', 'not today']);
      expect([abort.status, abort.error]).toEqual(['ABORTED', 'Cancelled']);
    });

    it('refuses a task token before the execution has started, naming the token', () => {
      // Prepare
      const machine = defineMachine({ definition: approval, handlers });
      const execution = machine.start({ handlers: { Approve: () => ({}) } });

      // Act
      const act = () => execution.sendTaskSuccess('guessed', {});

      // Assess
      expect(execution.history()).toEqual([]);
      expect(act).toThrow(/Task token "guessed" is not waiting: the execution has not started yet/);
      execution.stop();
    });
  });

  it('sends events without Task to its defaultHandler, and fails them with UnknownTaskError without one', async () => {
    // Prepare
    const withDefault = defineMachine({
      definition: path.join(fixtures, 'hello.asl.json'),
      handlers: { Hello: hello },
      defaultHandler: (event) => ({ scheduled: event }),
    });
    const withoutDefault = defineMachine({
      definition: path.join(fixtures, 'hello.asl.json'),
      handlers: { Hello: hello },
    });
    const event = { source: 'aws.events' };

    // Act and Assess
    await expect(withDefault.handler(event, createLambdaContext())).resolves.toEqual({ scheduled: event });
    await expect(withoutDefault.handler(event, createLambdaContext())).rejects.toMatchObject({
      name: 'UnknownTaskError',
    });
  });

  it('exposes the dispatcher as the Lambda handler', async () => {
    const machine = defineMachine({ definition: path.join(fixtures, 'hello.asl.json'), handlers: { Hello: hello } });

    expect(machine.handler).toHaveLength(2);
    await expect(machine.handler({ Task: 'Hello', Input: {} }, createLambdaContext())).resolves.toEqual({
      Greeting: 'Hello World',
    });
  });
});
