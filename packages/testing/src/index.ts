export { getVisits } from './history/getVisits.js';
export type { StateVisit } from './history/getVisits.js';
export { readHistory } from './helpers/HistorySource.js';
export type { HistorySource } from './helpers/HistorySource.js';
export { getStatesVisited } from './helpers/getStatesVisited.js';
export { getAttempts } from './helpers/getAttempts.js';
export { getTaskInputs } from './helpers/getTaskInputs.js';
export { getEvents } from './helpers/getEvents.js';
export {
  stepMatchers,
  toHaveAttempted,
  toHaveFailedWith,
  toHaveSucceededWith,
  toHaveVisited,
  toHaveVisitedInOrder,
} from './matchers/stepMatchers.js';
export type { MatcherContextLike, MatcherResult, StepMatchers } from './matchers/stepMatchers.js';
export { recordCoverage, trackCoverage } from './coverage/index.js';
export type { RecordCoverageOptions, TrackableMachine } from './coverage/index.js';
export { TestingSetupError, CoverageThresholdError } from './errors.js';
