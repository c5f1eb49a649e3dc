import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  TestStateCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import type { SFNServiceException } from '@aws-sdk/client-sfn';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ROLE, clientConfig, handlerZip, startServer } from './helpers.js';
import type { LocalServer } from '../src/index.js';

/** Tests that start Lambda workers get more than jest's 5 s: cold starts are slow on a shared CI machine. */
const SLOW = 30_000;

let server: LocalServer;
let stop: () => Promise<void>;
let sfn: SFNClient;

const PASS = JSON.stringify({
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, End: true } },
});

beforeAll(async () => {
  ({ server, stop } = await startServer({
    seed: {
      buckets: ['items'],
      functions: [],
      queues: ['q'],
    },
  }));
  sfn = new SFNClient({ ...clientConfig(server), disableHostPrefix: true });
  const lambda = new LambdaClient(clientConfig(server));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'double',
      Role: ROLE,
      Handler: 'index.handler',
      Code: {
        ZipFile: handlerZip(
          "export const handler = async (e) => { if (e.n < 0) { const err = new Error('negative'); err.name = 'NegativeError'; throw err; } return { n: e.n * 2 }; };",
        ),
      },
    }),
  );
  lambda.destroy();
});

afterAll(async () => {
  sfn.destroy();
  await stop();
});

async function createMachine(
  name: string,
  definition: unknown,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
): Promise<string> {
  const out = await sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
      roleArn: ROLE,
      type,
    }),
  );
  return out.stateMachineArn!;
}

async function run(arn: string, input: unknown, name?: string) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arn,
      input: JSON.stringify(input),
      ...(name === undefined ? {} : { name }),
    }),
  );
  await server.waitForExecution(executionArn!);
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** The task token a running execution waits on, read from its TaskScheduled event (a bounded number of reads). */
async function tokenOf(executionArn: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = history.events?.find((e) => e.type === 'TaskScheduled');
    if (scheduled !== undefined)
      return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { MessageBody: string }).MessageBody;
  }
  throw new Error(`no TaskScheduled event in ${executionArn}`);
}

async function failure(p: Promise<unknown>): Promise<SFNServiceException> {
  return (await p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  )) as SFNServiceException;
}

describe('Step Functions', () => {
  it(
    'creates, describes, updates and lists a state machine',
    async () => {
      // Prepare
      const arn = await createMachine('crud', PASS);

      // Act
      const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      const updated = await sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: arn, definition: PASS.replace('Hello', 'Hi') }),
      );
      const after = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      const list = await sfn.send(new ListStateMachinesCommand({}));

      // Assess
      expect(arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:crud');
      expect(described).toMatchObject({
        name: 'crud',
        status: 'ACTIVE',
        definition: PASS,
        roleArn: ROLE,
        type: 'STANDARD',
      });
      expect(described.creationDate).toBeInstanceOf(Date);
      expect(updated.updateDate).toBeInstanceOf(Date);
      expect(after.definition).toContain('Hi, {}!');
      expect(list.stateMachines?.map((m) => m.name)).toContain('crud');
    },
    SLOW,
  );

  it(
    'runs an execution of a Pass machine and records its history',
    async () => {
      // Prepare
      const arn = await createMachine('greeter', PASS);

      // Act
      const described = await run(arn, { name: 'Ada' }, 'first');
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: described.executionArn }));

      // Assess
      expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'first', input: '{"name":"Ada"}' });
      expect(JSON.parse(described.output!)).toEqual({ greeting: 'Hello, Ada!' });
      expect(described.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:greeter:first');
      expect(history.events?.map((e) => e.type)).toEqual([
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
      expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
    },
    SLOW,
  );

  it(
    'pages the history in reverse order',
    async () => {
      // Prepare
      const arn = await createMachine('paged', PASS);
      const { executionArn } = await run(arn, { name: 'B' });

      // Act
      const page1 = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 3 }));
      const page2 = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 3, nextToken: page1.nextToken }),
      );

      // Assess
      expect(page1.events?.map((e) => e.id)).toEqual([4, 3, 2]);
      expect(page2.events?.map((e) => e.id)).toEqual([1]);
      expect(page2.nextToken).toBeUndefined();
    },
    SLOW,
  );

  it(
    'calls a local Lambda function from a Task state by ARN and through lambda:invoke',
    async () => {
      // Prepare
      const arn = await createMachine('tasks', {
        StartAt: 'Legacy',
        States: {
          Legacy: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
            Next: 'Optimised',
          },
          Optimised: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'double', 'Payload.$': '$' },
            OutputPath: '$.Payload',
            End: true,
          },
        },
      });

      // Act
      const described = await run(arn, { n: 5 });
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: described.executionArn }));

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toEqual({ n: 20 });
      expect(history.events?.map((e) => e.type)).toContain('LambdaFunctionSucceeded');
    },
    SLOW,
  );

  it(
    "fails the task with the function's errorType and lets Catch route it",
    async () => {
      // Prepare
      const arn = await createMachine('catcher', {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
            Catch: [{ ErrorEquals: ['NegativeError'], ResultPath: '$.error', Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      });
      const uncaught = await createMachine('uncaught', {
        StartAt: 'Call',
        States: {
          Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double', End: true },
        },
      });

      // Act
      const caught = await run(arn, { n: -1 });
      const failed = await run(uncaught, { n: -1 });

      // Assess
      expect(caught.status).toBe('SUCCEEDED');
      expect(JSON.parse(caught.output!).error.Error).toBe('NegativeError');
      expect(failed).toMatchObject({ status: 'FAILED', error: 'NegativeError' });
      expect(JSON.parse(failed.cause!)).toMatchObject({ errorType: 'NegativeError', errorMessage: 'negative' });
    },
    SLOW,
  );

  it(
    'fails with Lambda.ResourceNotFoundException for a missing function',
    async () => {
      const arn = await createMachine('missing-fn', {
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:nope', End: true } },
      });
      const failed = await run(arn, {});
      expect(failed).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
    },
    SLOW,
  );

  it(
    'completes a .waitForTaskToken task with SendTaskSuccess',
    async () => {
      // Prepare
      const arn = await createMachine('callback', {
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { QueueUrl: `${server.url}/${server.accountId}/q`, 'MessageBody.$': '$$.Task.Token' },
            End: true,
          },
        },
      });
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
      const token = await tokenOf(executionArn!);

      // Act
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
      await server.waitForExecution(executionArn!);
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const again = await failure(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toEqual({ approved: true });
      expect(again.name).toBe('TaskDoesNotExist');
    },
    SLOW,
  );

  it(
    'fails a .waitForTaskToken task with SendTaskFailure after heartbeats',
    async () => {
      // Prepare
      const arn = await createMachine('callback-fail', {
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            HeartbeatSeconds: 600,
            Parameters: { QueueUrl: `${server.url}/${server.accountId}/q`, 'MessageBody.$': '$$.Task.Token' },
            End: true,
          },
        },
      });
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
      const token = await tokenOf(executionArn!);

      // Act
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'not approved' }));
      await server.waitForExecution(executionArn!);
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const unknown = await failure(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'no-such-token' })));

      // Assess
      expect(described).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'not approved' });
      expect(unknown.name).toBe('TaskDoesNotExist');
    },
    SLOW,
  );

  it(
    'hands activity tasks to GetActivityTask workers and finishes them with SendTaskSuccess',
    async () => {
      // Prepare
      const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
      const arn = await createMachine('with-activity', {
        StartAt: 'Approve',
        States: { Approve: { Type: 'Task', Resource: activityArn, End: true } },
      });
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":7}' }),
      );

      // Act
      const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'test' }));
      await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"approved":7}' }));
      await server.waitForExecution(executionArn!);
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));

      // Assess
      expect(JSON.parse(task.input!)).toEqual({ order: 7 });
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toEqual({ approved: 7 });
      expect(history.events?.map((e) => e.type)).toContain('ActivitySucceeded');
    },
    SLOW,
  );

  it(
    'stops a running execution as ABORTED',
    async () => {
      // Prepare
      const arn = await createMachine('waiter', {
        StartAt: 'W',
        States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
      });
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));

      // Act
      await sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the test' }));
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
      const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'ABORTED' }));

      // Assess
      expect(described.status).toBe('ABORTED');
      expect(running.executions).toEqual([]);
      expect(aborted.executions?.map((e) => e.executionArn)).toEqual([executionArn]);
    },
    SLOW,
  );

  it(
    'runs an express machine with StartSyncExecution',
    async () => {
      const arn = await createMachine('sync', PASS, 'EXPRESS');
      const out = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"name":"Sync"}' }));
      expect(out.status).toBe('SUCCEEDED');
      expect(JSON.parse(out.output!)).toEqual({ greeting: 'Hello, Sync!' });
    },
    SLOW,
  );

  it(
    'reads distributed Map items from the local S3',
    async () => {
      // Prepare
      const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(
        new PutObjectCommand({
          Bucket: 'items',
          Key: 'list.json',
          Body: JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]),
        }),
      );
      s3.destroy();
      const arn = await createMachine('distributed', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'JSON' },
              Parameters: { Bucket: 'items', Key: 'list.json' },
            },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Double',
              States: {
                Double: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double', End: true },
              },
            },
            End: true,
          },
        },
      });

      // Act
      const described = await run(arn, {});

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toEqual([{ n: 2 }, { n: 4 }, { n: 6 }]);
    },
    SLOW,
  );

  it(
    'reads distributed Map items from a CSV object (MaxItems) and from a listObjectsV2 prefix',
    async () => {
      // Prepare
      const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(new PutObjectCommand({ Bucket: 'items', Key: 'rows.csv', Body: 'name,n\n"a, b",1\nc,2\nd,3\n' }));
      await s3.send(new PutObjectCommand({ Bucket: 'items', Key: 'listed/x.json', Body: '1' }));
      await s3.send(new PutObjectCommand({ Bucket: 'items', Key: 'listed/y.json', Body: '22' }));
      s3.destroy();
      const processor = {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      };
      const csv = await createMachine('csv-items', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
              Parameters: { Bucket: 'items', Key: 'rows.csv' },
            },
            ItemProcessor: processor,
            End: true,
          },
        },
      });
      const listed = await createMachine('listed-items', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:listObjectsV2',
              Parameters: { Bucket: 'items', Prefix: 'listed/' },
            },
            ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'size.$': '$$.Map.Item.Value.Size' },
            ItemProcessor: processor,
            End: true,
          },
        },
      });

      // Act
      const fromCsv = await run(csv, {});
      const fromList = await run(listed, {});

      // Assess
      expect(JSON.parse(fromCsv.output!)).toEqual([
        { name: 'a, b', n: '1' },
        { name: 'c', n: '2' },
      ]);
      expect(JSON.parse(fromList.output!)).toEqual([
        { key: 'listed/x.json', size: 1 },
        { key: 'listed/y.json', size: 2 },
      ]);
    },
    SLOW,
  );

  it(
    'writes distributed Map results to the local S3 with ResultWriter',
    async () => {
      // Prepare
      const s3 = new S3Client({ ...clientConfig(server), forcePathStyle: true });
      await s3.send(new PutObjectCommand({ Bucket: 'items', Key: 'in.jsonl', Body: '{"n":1}\n{"n":2}\n' }));
      const arn = await createMachine('writer', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'JSONL' },
              Parameters: { 'Bucket.$': '$.bucket', Key: 'in.jsonl' },
            },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
              StartAt: 'Double',
              States: {
                Double: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double', End: true },
              },
            },
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'items', Prefix: 'out' },
              WriterConfig: { OutputType: 'JSON', Transformation: 'FLATTEN' },
            },
            End: true,
          },
        },
      });

      // Act
      const described = await run(arn, { bucket: 'items' });
      const output = JSON.parse(described.output!) as {
        MapRunArn: string;
        ResultWriterDetails: { Bucket: string; Key: string };
      };
      const manifest = JSON.parse(
        (await (
          await s3.send(new GetObjectCommand({ Bucket: 'items', Key: output.ResultWriterDetails.Key }))
        ).Body?.transformToString()) ?? '',
      ) as { ResultFiles: { SUCCEEDED: { Key: string }[] } };
      const results = await (
        await s3.send(new GetObjectCommand({ Bucket: 'items', Key: manifest.ResultFiles.SUCCEEDED[0]!.Key }))
      ).Body?.transformToString();
      s3.destroy();

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(output.MapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:writer\/Each:/);
      expect(output.ResultWriterDetails.Key).toMatch(/^out\/.+\/manifest\.json$/);
      expect(JSON.parse(results!)).toEqual([{ n: 2 }, { n: 4 }]);
    },
    SLOW,
  );

  it(
    'runs the aws-sdk S3 integrations against the local S3 with AWS error names',
    async () => {
      // Prepare
      const arn = await createMachine('sdk-s3', {
        StartAt: 'Put',
        States: {
          Put: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
            Parameters: { Bucket: 'items', Key: 'sdk.txt', 'Body.$': '$.text' },
            ResultPath: '$.put',
            Next: 'Get',
          },
          Get: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
            Parameters: { Bucket: 'items', Key: 'sdk.txt' },
            ResultSelector: { 'body.$': '$.Body' },
            ResultPath: '$.got',
            Next: 'Missing',
          },
          Missing: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
            Parameters: { Bucket: 'items', Key: 'nope' },
            Catch: [{ ErrorEquals: ['S3.NoSuchKeyException'], ResultPath: '$.missing', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      });

      // Act
      const described = await run(arn, { text: 'hello s3' });
      const output = JSON.parse(described.output!) as {
        put: { ETag: string };
        got: { body: string };
        missing: { Error: string };
      };

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(output.put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(output.got.body).toBe('hello s3');
      expect(output.missing.Error).toBe('S3.NoSuchKeyException');
    },
    SLOW,
  );

  it(
    'manages tags on a state machine',
    async () => {
      // Prepare
      const arn = await createMachine('tagged', PASS);

      // Act
      await sfn.send(
        new TagResourceCommand({
          resourceArn: arn,
          tags: [
            { key: 'ProjectName', value: 'hello' },
            { key: 'Temp', value: 'x' },
          ],
        }),
      );
      await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['Temp'] }));
      const { tags } = await sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }));

      // Assess
      expect(tags).toEqual([{ key: 'ProjectName', value: 'hello' }]);
    },
    SLOW,
  );

  it(
    'validates definitions with AWS codes',
    async () => {
      // Act
      const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
      const bad = await sfn.send(
        new ValidateStateMachineDefinitionCommand({
          definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }),
        }),
      );

      // Assess
      expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
      expect(bad.result).toBe('FAIL');
      expect(bad.diagnostics?.[0]).toMatchObject({
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        location: '/States/A/Next',
      });
    },
    SLOW,
  );

  it(
    'tests one state with TestState',
    async () => {
      const out = await sfn.send(
        new TestStateCommand({
          definition: JSON.stringify({
            Type: 'Pass',
            Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' },
            Next: 'After',
          }),
          roleArn: ROLE,
          input: '{"n":4}',
        }),
      );
      expect(out).toMatchObject({ status: 'SUCCEEDED', nextState: 'After' });
      expect(JSON.parse(out.output!)).toEqual({ doubled: 8 });
    },
    SLOW,
  );

  it(
    'reports a failure a retrier would retry as RETRIABLE in TestState, without waiting',
    async () => {
      const out = await sfn.send(
        new TestStateCommand({
          definition: JSON.stringify({
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
            Retry: [{ ErrorEquals: ['NegativeError'], IntervalSeconds: 3600, MaxAttempts: 5 }],
            End: true,
          }),
          roleArn: ROLE,
          input: '{"n":-1}',
        }),
      );
      expect(out).toMatchObject({ status: 'RETRIABLE', error: 'NegativeError' });
    },
    SLOW,
  );

  it.each([
    {
      name: 'an invalid definition',
      run: () => createMachine('bad', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }),
      code: 'InvalidDefinition',
      message: expect.stringMatching(
        /^Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at \/States\/A\/Next/,
      ) as string,
    },
    {
      name: 'a Task Resource whose TaskFn placeholders were never filled in, as AWS refuses it',
      run: () =>
        createMachine('unfilled', {
          StartAt: 'Hello',
          States: {
            Hello: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}',
              End: true,
            },
          },
        }),
      code: 'InvalidDefinition',
      message: expect.stringContaining('The resource provided arn:aws:lambda:{{aws_region}}') as string,
    },
    {
      name: 'a Task Resource that is not an ARN',
      run: () =>
        createMachine('notarn', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'hello', End: true } } }),
      code: 'InvalidDefinition',
      message: expect.stringContaining('a Task Resource must be an ARN') as string,
    },
    {
      name: 'a missing state machine',
      run: () =>
        sfn.send(
          new DescribeStateMachineCommand({
            stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:none',
          }),
        ),
      code: 'StateMachineDoesNotExist',
      message: "State Machine Does Not Exist: 'arn:aws:states:us-east-1:000000000000:stateMachine:none'",
    },
    {
      name: 'a malformed ARN',
      run: () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })),
      code: 'InvalidArn',
      message: expect.stringContaining('Invalid Arn') as string,
    },
    {
      name: 'a missing execution',
      run: () =>
        sfn.send(
          new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:crud:none' }),
        ),
      code: 'ExecutionDoesNotExist',
      message: "Execution Does Not Exist: 'arn:aws:states:us-east-1:000000000000:execution:crud:none'",
    },
    {
      name: 'input that is not JSON',
      run: () =>
        sfn.send(
          new StartExecutionCommand({
            stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:crud',
            input: '{nope',
          }),
        ),
      code: 'InvalidExecutionInput',
      message: expect.stringContaining('Invalid State Machine Execution Input') as string,
    },
    {
      name: 'StartSyncExecution on a standard machine',
      run: () =>
        sfn.send(
          new StartSyncExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:crud' }),
        ),
      code: 'StateMachineTypeNotSupported',
      message: expect.stringContaining('not supported') as string,
    },
  ])(
    'answers $code for $name',
    async ({ run: act, code, message }) => {
      const error = await failure(act());
      expect(error.name).toBe(code);
      expect(error.message).toEqual(message);
      expect(error.$metadata.httpStatusCode).toBe(400);
    },
    SLOW,
  );

  it(
    'reuses an execution name only for the same input while it runs',
    async () => {
      // Prepare
      const arn = await createMachine('named', PASS);
      await run(arn, { name: 'x' }, 'once');

      // Act
      const error = await failure(
        sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"name":"x"}' })),
      );

      // Assess
      expect(error.name).toBe('ExecutionAlreadyExists');
    },
    SLOW,
  );

  it(
    'deletes a state machine',
    async () => {
      const arn = await createMachine('doomed', PASS);
      await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
      const error = await failure(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));
      expect(error.name).toBe('StateMachineDoesNotExist');
    },
    SLOW,
  );

  it(
    'runs nested executions with states:startExecution, .sync and .sync:2',
    async () => {
      // Prepare
      const child = await createMachine('child', PASS);
      const failing = await createMachine('failing-child', {
        StartAt: 'F',
        States: { F: { Type: 'Fail', Error: 'ChildError', Cause: 'no' } },
      });
      const parent = await createMachine('parent', {
        StartAt: 'Fire',
        States: {
          Fire: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution',
            Parameters: { StateMachineArn: child, Input: { name: 'Fire' } },
            ResultPath: '$.fired',
            Next: 'Sync',
          },
          Sync: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync',
            Parameters: { StateMachineArn: child, Input: { name: 'Sync' } },
            ResultPath: '$.sync',
            Next: 'Sync2',
          },
          Sync2: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: { StateMachineArn: child, Input: { name: 'Sync2' } },
            ResultSelector: { 'out.$': '$.Output' },
            ResultPath: '$.sync2',
            Next: 'Failing',
          },
          Failing: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: { StateMachineArn: failing },
            Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.caught', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      });

      // Act
      const described = await run(parent, {});
      const output = JSON.parse(described.output!) as {
        fired: { ExecutionArn: string };
        sync: unknown;
        sync2: unknown;
        caught: { Error: string; Cause: string };
      };

      // Assess
      expect(described.status).toBe('SUCCEEDED');
      expect(output.fired.ExecutionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:child:/);
      expect(output.sync).toMatchObject({ Status: 'SUCCEEDED', Output: '{"greeting":"Hello, Sync!"}' });
      expect(output.sync2).toEqual({ out: { greeting: 'Hello, Sync2!' } });
      expect(output.caught.Error).toBe('States.TaskFailed');
      expect(JSON.parse(output.caught.Cause)).toMatchObject({ Status: 'FAILED', Error: 'ChildError' });
    },
    SLOW,
  );
});
