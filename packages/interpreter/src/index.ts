export { compileMachine } from './compileMachine.js';
export type { Machine } from './compileMachine.js';
export { Execution } from './Execution.js';
export { runExecution } from './runExecution.js';
export { RealClock } from './clock/RealClock.js';
export { VirtualClock } from './clock/VirtualClock.js';
export { parseMockConfig } from './mocks/parseMockConfig.js';
export type { MockConfigFile, MockedResponse } from './mocks/MockConfigFile.js';
export { MockConfigError, TaskTokenError, InterpreterUsageError, ObjectStoreError } from './errors.js';
export { MemoryObjectStore } from './s3/MemoryObjectStore.js';
export { DirectoryObjectStore } from './s3/DirectoryObjectStore.js';
export { createObjectStoreItemReader } from './s3/createObjectStoreItemReader.js';
export { createObjectStoreResultWriter } from './s3/createObjectStoreResultWriter.js';
export type { ObjectStore, StoredObject } from './s3/ObjectStore.js';
export { MAX_HISTORY_EVENTS } from './history/HistoryRecorder.js';
export type {
  Clock,
  ExecutionOptions,
  ExecutionResult,
  ExecutionStatus,
  HistoryEvent,
  HistoryEventDetailsMap,
  HistoryEventOfType,
  HistoryEventType,
  MapItemReader,
  MapResultWriter,
  ResourceInvoker,
  TaskContext,
  TaskHandler,
} from './types.js';
export type {
  ErrorEventDetails,
  EvaluationFailedEventDetails,
  ExecutionStartedEventDetails,
  HistoryEventExecutionDataDetails,
  MapIterationEventDetails,
  OutputEventDetails,
  ScheduledEventDetails,
  StateEnteredEventDetails,
  StateExitedEventDetails,
  TaskResourceDetails,
  TaskScheduledEventDetails,
} from './history/HistoryEvent.js';
