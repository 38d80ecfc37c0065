// The matching engine's public surface: pure code, no I/O. See docs/decisions/002-matching-engine.md.
export type * from './types.ts';
export { checkEligibility, explainMatch, scoreMatch } from './score.ts';
export { MentorIndex } from './mentor-index.ts';
export {
  matchCohort,
  matchCohortAsync,
  type CohortAsyncOptions,
  type CohortInput,
  type CohortMentorLoad,
  type CohortOptions,
  type CohortPair,
  type CohortResult,
  type CohortUnmatched,
  type UnmatchedReason,
} from './cohort.ts';
export {
  isCertifiedOptimal,
  maxWeightAssignment,
  type Assignment,
  type AssignmentGraph,
} from './assignment.ts';
export * as weights from './weights.ts';
