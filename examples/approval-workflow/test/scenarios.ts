import { VirtualClock, type ExecutionResult } from '@step/interpreter';
import type { StepMachine } from '@step/lambda';
import { trackCoverage } from '@step/testing';
import { createApprovalMachine, ServiceError, type ApprovalServices } from '../src/index.js';

/** The machine with these services, its executions recorded for state-machine coverage. */
export function machineWith(services: ApprovalServices): StepMachine {
  return trackCoverage(createApprovalMachine(services), { name: 'approval-workflow' });
}

/** A charge service that throws the given errors in turn, then succeeds. */
export function chargeFailingWith(...errors: ('Throttled' | 'CardDeclined')[]): ApprovalServices {
  let call = 0;
  return {
    charge: ({ id }) => {
      const name = errors[call++];
      if (name !== undefined) throw new ServiceError(name, `charge ${id}: ${name}`);
      return { chargeId: `ch_${id}` };
    },
  };
}

export const smallOrder = { id: 1, amount: 20, vip: false, lines: [{ sku: 'A', quantity: 2 }] };
export const bigOrder = {
  id: 2,
  amount: 5000,
  vip: false,
  lines: [
    { sku: 'B', quantity: 1 },
    { sku: 'C', quantity: 3 },
  ],
};

/** Runs a big order, answering its approval task token with `approval`. */
export async function runApproved(machine: StepMachine, approval: { approved: boolean }): Promise<ExecutionResult> {
  let token = '';
  const execution = machine.start({
    input: bigOrder,
    clock: new VirtualClock(),
    handlers: { Approve: (input) => void (token = (input as { MessageBody: { token: string } }).MessageBody.token) },
  });
  execution.onEvent((event) => {
    if (event.type === 'TaskSubmitted') execution.sendTaskSuccess(token, approval);
  });
  return execution.result;
}

/** Every scenario the suite runs, for the coverage test to replay. */
export const SCENARIOS: { name: string; run(): Promise<ExecutionResult> }[] = [
  {
    name: 'a small order ships and is charged',
    run: () => machineWith(chargeFailingWith()).run({ input: smallOrder, clock: new VirtualClock() }),
  },
  {
    name: 'a big order waits for its approval',
    run: () => runApproved(machineWith(chargeFailingWith()), { approved: true }),
  },
  {
    name: 'a throttled charge is retried',
    run: () => machineWith(chargeFailingWith('Throttled')).run({ input: smallOrder, clock: new VirtualClock() }),
  },
  {
    name: 'a declined card ends in Declined',
    run: () => machineWith(chargeFailingWith('CardDeclined')).run({ input: smallOrder, clock: new VirtualClock() }),
  },
];
