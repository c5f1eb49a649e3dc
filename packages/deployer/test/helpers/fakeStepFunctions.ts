// Executions of the deployer for the client tests: StartExecution runs the deployer's state machine in
// @step/interpreter against the same FakeAws; DescribeExecution and GetExecutionHistory read its result.
import type { ExecutionResult } from '@step/interpreter';
import type { Overrides } from './mockedClients.js';

export interface FakeExecutions {
  overrides: Overrides;
  started: { name: string; stateMachineArn: string; input: string }[];
  /** Resolves when every started execution has ended. */
  settled(): Promise<void>;
}

export function createFakeExecutions(run: (input: unknown) => Promise<ExecutionResult>): FakeExecutions {
  const executions = new Map<string, { promise: Promise<ExecutionResult>; result?: ExecutionResult }>();
  const started: FakeExecutions['started'] = [];
  const overrides: Overrides = {
    'SFN.StartExecution': (input) => {
      const arn = `${String(input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${String(input.name)}`;
      if (executions.has(arn)) {
        const e = new Error(`Execution Already Exists: '${arn}'`);
        e.name = 'ExecutionAlreadyExists';
        throw e;
      }
      started.push({
        name: String(input.name),
        stateMachineArn: String(input.stateMachineArn),
        input: String(input.input),
      });
      const entry: { promise: Promise<ExecutionResult>; result?: ExecutionResult } = {
        promise: run(JSON.parse(String(input.input))),
      };
      entry.promise = entry.promise.then((r) => {
        entry.result = r;
        return r;
      });
      executions.set(arn, entry);
      return { executionArn: arn, startDate: new Date() };
    },
    'SFN.DescribeExecution': (input) => {
      const entry = executions.get(String(input.executionArn));
      if (!entry) throw Object.assign(new Error('Execution Does Not Exist'), { name: 'ExecutionDoesNotExist' });
      return { executionArn: input.executionArn, status: entry.result?.status ?? 'RUNNING' };
    },
    'SFN.GetExecutionHistory': (input) => {
      const entry = executions.get(String(input.executionArn));
      if (!entry) throw Object.assign(new Error('Execution Does Not Exist'), { name: 'ExecutionDoesNotExist' });
      return { events: entry.result ? entry.result.history() : [] };
    },
  };
  return {
    overrides,
    started,
    settled: async () => {
      await Promise.all([...executions.values()].map((e) => e.promise));
    },
  };
}
