export { createApprovalMachine, ServiceError } from './createApprovalMachine.js';
export type { ApprovalServices, Order } from './createApprovalMachine.js';
